#pragma once
// MQTT 5 reason codes (spec 2.4) and the MQTT 3.1.1 CONNACK return codes, with the spec's names
// in lower case ("not authorized") so diagnostics read like the standard.
#include <cstdint>
#include <string_view>

#include "core/codec/packet_type.hpp"

namespace wsmqtt::codec {

enum class reason_code : std::uint8_t {
    success = 0x00,  // also "normal disconnection" (DISCONNECT) and "granted qos 0" (SUBACK)
    normal_disconnection = 0x00,
    granted_qos_0 = 0x00,
    granted_qos_1 = 0x01,
    granted_qos_2 = 0x02,
    disconnect_with_will_message = 0x04,
    no_matching_subscribers = 0x10,
    no_subscription_existed = 0x11,
    continue_authentication = 0x18,
    re_authenticate = 0x19,
    unspecified_error = 0x80,
    malformed_packet = 0x81,
    protocol_error = 0x82,
    implementation_specific_error = 0x83,
    unsupported_protocol_version = 0x84,
    client_identifier_not_valid = 0x85,
    bad_user_name_or_password = 0x86,
    not_authorized = 0x87,
    server_unavailable = 0x88,
    server_busy = 0x89,
    banned = 0x8A,
    server_shutting_down = 0x8B,
    bad_authentication_method = 0x8C,
    keep_alive_timeout = 0x8D,
    session_taken_over = 0x8E,
    topic_filter_invalid = 0x8F,
    topic_name_invalid = 0x90,
    packet_identifier_in_use = 0x91,
    packet_identifier_not_found = 0x92,
    receive_maximum_exceeded = 0x93,
    topic_alias_invalid = 0x94,
    packet_too_large = 0x95,
    message_rate_too_high = 0x96,
    quota_exceeded = 0x97,
    administrative_action = 0x98,
    payload_format_invalid = 0x99,
    retain_not_supported = 0x9A,
    qos_not_supported = 0x9B,
    use_another_server = 0x9C,
    server_moved = 0x9D,
    shared_subscriptions_not_supported = 0x9E,
    connection_rate_exceeded = 0x9F,
    maximum_connect_time = 0xA0,
    subscription_identifiers_not_supported = 0xA1,
    wildcard_subscriptions_not_supported = 0xA2,
};

// Spec name in lower case; 0x00 is "success". "unknown reason code" for undefined values.
std::string_view reason_name(reason_code rc) noexcept;

// As above, but 0x00 is named for the packet it appears in ("normal disconnection" in
// DISCONNECT, "granted qos 0" in SUBACK).
std::string_view reason_name(reason_code rc, packet_type in) noexcept;

// True for values defined by MQTT 5 at all.
bool is_known_reason(std::uint8_t value) noexcept;

// True when the spec lists this reason code for this packet type (CONNACK, PUBACK, PUBREC, PUBREL,
// PUBCOMP, SUBACK, UNSUBACK, DISCONNECT, AUTH); false for other packet types.
bool reason_allowed(reason_code rc, packet_type in) noexcept;

// Reason codes >= 0x80 are failures.
constexpr bool is_failure(reason_code rc) noexcept { return static_cast<std::uint8_t>(rc) >= 0x80; }

// MQTT 3.1.1 CONNACK return codes 0..5 ("connection accepted" ... "not authorized");
// "reserved return code" otherwise.
std::string_view connack_return_name(std::uint8_t code) noexcept;

}  // namespace wsmqtt::codec
