#include "core/codec/errors.hpp"

#include <string>

namespace wsmqtt::codec {
namespace {

class codec_category_impl final : public boost::system::error_category {
public:
    const char* name() const noexcept override { return "mqtt codec"; }

    std::string message(int ev) const override { return describe(static_cast<codec_error>(ev)); }

    char const* message(int ev, char* /*buffer*/, std::size_t /*len*/) const noexcept override {
        return describe(static_cast<codec_error>(ev));
    }

private:
    static const char* describe(codec_error e) noexcept {
        switch (e) {
        case codec_error::malformed_varint: return "malformed variable byte integer (more than 4 bytes or truncated)";
        case codec_error::remaining_length_too_long: return "remaining length exceeds 268,435,455 bytes";
        case codec_error::length_mismatch: return "declared length does not match the bytes in the packet";
        case codec_error::truncated_packet: return "packet ends before a field it declares";
        case codec_error::string_past_end: return "string or binary field runs past the end of the packet";
        case codec_error::invalid_utf8: return "invalid UTF-8 string (ill-formed, surrogate, overlong or U+0000)";
        case codec_error::string_too_long: return "string or binary data longer than 65,535 bytes";
        case codec_error::property_not_allowed: return "property not allowed in this packet";
        case codec_error::duplicate_property: return "property that may appear once appears more than once";
        case codec_error::invalid_property_value: return "property value out of range";
        case codec_error::unknown_property: return "unknown property identifier";
        case codec_error::reserved_flags: return "reserved flag bits are set";
        case codec_error::invalid_qos: return "invalid QoS (3)";
        case codec_error::invalid_dup: return "DUP flag set on a QoS 0 PUBLISH";
        case codec_error::zero_packet_id: return "packet identifier 0 where a non-zero one is required";
        case codec_error::packet_too_large: return "packet exceeds the maximum packet size";
        case codec_error::unknown_packet_type: return "unknown or reserved packet type";
        case codec_error::unexpected_packet: return "packet type not expected from this sender";
        case codec_error::protocol_version_unsupported: return "unsupported protocol version";
        case codec_error::invalid_protocol_name: return "protocol name does not match the protocol level";
        case codec_error::invalid_topic: return "invalid topic name";
        case codec_error::invalid_topic_filter: return "invalid topic filter";
        case codec_error::empty_subscription: return "SUBSCRIBE or UNSUBSCRIBE without a topic filter";
        case codec_error::invalid_reason_code: return "reason code not allowed in this packet";
        case codec_error::invalid_will: return "will QoS or will retain set without a will";
        case codec_error::password_without_username: return "password without a user name (not allowed in MQTT 3.1.1)";
        case codec_error::value_too_large: return "value too large for its field";
        case codec_error::protocol_error: return "protocol error";
        }
        return "unknown mqtt codec error";
    }
};

}  // namespace

const boost::system::error_category& codec_category() noexcept {
    static const codec_category_impl instance;
    return instance;
}

}  // namespace wsmqtt::codec
