#pragma once
// Codec errors: one boost::system category ("mqtt codec") so callers can log ec.message() and
// compare against codec_error values. Decoders and the encoder report these and never throw.
#include <boost/system/error_code.hpp>
#include <boost/system/result.hpp>

#include <cstdint>
#include <type_traits>

namespace wsmqtt::codec {

enum class codec_error : std::uint8_t {
    // 0 is reserved for "no error" (error_code convention).
    malformed_varint = 1,         // variable byte integer longer than 4 bytes or truncated
    remaining_length_too_long,    // remaining length above 268,435,455 (encode) or varint overflow
    length_mismatch,              // declared lengths disagree with the bytes present
    truncated_packet,             // a field runs past the end of the packet
    string_past_end,              // a UTF-8 string or binary field's length runs past the packet
    invalid_utf8,                 // ill-formed UTF-8 (overlong, surrogate, > U+10FFFF, truncated) or U+0000
    string_too_long,              // string or binary data longer than 65,535 bytes (encode)
    property_not_allowed,         // property not allowed in this packet (or in a 3.1.1 packet)
    duplicate_property,           // a once-only property appears twice
    invalid_property_value,       // e.g. receive maximum 0, maximum QoS 2, payload format indicator 2
    unknown_property,             // property identifier not defined by MQTT 5
    reserved_flags,               // reserved bits set in the fixed header, CONNECT or subscription options
    invalid_qos,                  // QoS 3
    invalid_dup,                  // DUP set on a QoS 0 PUBLISH
    zero_packet_id,               // packet identifier 0 where one is required
    packet_too_large,             // exceeds the negotiated maximum packet size
    unknown_packet_type,          // fixed-header type 0 (reserved) or AUTH under 3.1.1
    unexpected_packet,            // a packet the other side never sends (wrong direction)
    protocol_version_unsupported, // CONNECT protocol level / name not 3.1, 3.1.1 or 5
    invalid_protocol_name,        // CONNECT protocol name does not match its level
    invalid_topic,                // topic name empty, contains wildcards, or otherwise invalid
    invalid_topic_filter,         // topic filter with misplaced wildcards or bad shared subscription
    empty_subscription,           // SUBSCRIBE / UNSUBSCRIBE with no topic filter
    invalid_reason_code,          // reason code not allowed in this packet type
    invalid_will,                 // will QoS / retain set without the will flag
    password_without_username,    // 3.1.1 forbids a password without a user name
    value_too_large,              // a value does not fit its wire field (encode)
    protocol_error,               // another MUST of the spec violated (e.g. no-local on a shared subscription)
};

const boost::system::error_category& codec_category() noexcept;

inline boost::system::error_code make_error_code(codec_error e) noexcept {
    return {static_cast<int>(e), codec_category()};
}

}  // namespace wsmqtt::codec

namespace boost::system {
template <>
struct is_error_code_enum<wsmqtt::codec::codec_error> : std::true_type {};
}  // namespace boost::system
