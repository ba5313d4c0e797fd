#include "core/codec/reason_code.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>

namespace wsmqtt::codec {

std::string_view packet_type_name(packet_type t) noexcept {
    static constexpr std::array<std::string_view, 16> names{
        "RESERVED", "CONNECT", "CONNACK",     "PUBLISH", "PUBACK",   "PUBREC",   "PUBREL",     "PUBCOMP",
        "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP", "DISCONNECT", "AUTH"};
    const auto i = static_cast<std::size_t>(t);
    return i < names.size() ? names[i] : "UNKNOWN";
}

std::string_view reason_name(reason_code rc) noexcept {
    switch (static_cast<std::uint8_t>(rc)) {
    case 0x00: return "success";
    case 0x01: return "granted qos 1";
    case 0x02: return "granted qos 2";
    case 0x04: return "disconnect with will message";
    case 0x10: return "no matching subscribers";
    case 0x11: return "no subscription existed";
    case 0x18: return "continue authentication";
    case 0x19: return "re-authenticate";
    case 0x80: return "unspecified error";
    case 0x81: return "malformed packet";
    case 0x82: return "protocol error";
    case 0x83: return "implementation specific error";
    case 0x84: return "unsupported protocol version";
    case 0x85: return "client identifier not valid";
    case 0x86: return "bad user name or password";
    case 0x87: return "not authorized";
    case 0x88: return "server unavailable";
    case 0x89: return "server busy";
    case 0x8A: return "banned";
    case 0x8B: return "server shutting down";
    case 0x8C: return "bad authentication method";
    case 0x8D: return "keep alive timeout";
    case 0x8E: return "session taken over";
    case 0x8F: return "topic filter invalid";
    case 0x90: return "topic name invalid";
    case 0x91: return "packet identifier in use";
    case 0x92: return "packet identifier not found";
    case 0x93: return "receive maximum exceeded";
    case 0x94: return "topic alias invalid";
    case 0x95: return "packet too large";
    case 0x96: return "message rate too high";
    case 0x97: return "quota exceeded";
    case 0x98: return "administrative action";
    case 0x99: return "payload format invalid";
    case 0x9A: return "retain not supported";
    case 0x9B: return "qos not supported";
    case 0x9C: return "use another server";
    case 0x9D: return "server moved";
    case 0x9E: return "shared subscriptions not supported";
    case 0x9F: return "connection rate exceeded";
    case 0xA0: return "maximum connect time";
    case 0xA1: return "subscription identifiers not supported";
    case 0xA2: return "wildcard subscriptions not supported";
    default: return "unknown reason code";
    }
}

std::string_view reason_name(reason_code rc, packet_type in) noexcept {
    if (rc == reason_code::success) {
        if (in == packet_type::disconnect) return "normal disconnection";
        if (in == packet_type::suback) return "granted qos 0";
    }
    return reason_name(rc);
}

bool is_known_reason(std::uint8_t value) noexcept {
    return reason_name(static_cast<reason_code>(value)) != "unknown reason code";
}

namespace {

bool among(reason_code rc, std::initializer_list<std::uint8_t> allowed) noexcept {
    const auto v = static_cast<std::uint8_t>(rc);
    return std::find(allowed.begin(), allowed.end(), v) != allowed.end();
}

}  // namespace

// The lists are the "MQTT Control Packets" column of spec table 2.6 (section 2.4), per packet.
bool reason_allowed(reason_code rc, packet_type in) noexcept {
    switch (in) {
    case packet_type::connack:
        return among(rc, {0x00, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8A, 0x8C, 0x90,
                          0x95, 0x97, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9F});
    case packet_type::puback:
    case packet_type::pubrec:
        return among(rc, {0x00, 0x10, 0x80, 0x83, 0x87, 0x90, 0x91, 0x97, 0x99});
    case packet_type::pubrel:
    case packet_type::pubcomp:
        return among(rc, {0x00, 0x92});
    case packet_type::suback:
        return among(rc, {0x00, 0x01, 0x02, 0x80, 0x83, 0x87, 0x8F, 0x91, 0x97, 0x9E, 0xA1, 0xA2});
    case packet_type::unsuback:
        return among(rc, {0x00, 0x11, 0x80, 0x83, 0x87, 0x8F, 0x91});
    case packet_type::disconnect:
        return among(rc, {0x00, 0x04, 0x80, 0x81, 0x82, 0x83, 0x87, 0x89, 0x8B, 0x8D, 0x8E, 0x8F, 0x90, 0x93,
                          0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9E, 0x9F, 0xA0, 0xA1,
                          0xA2});
    case packet_type::auth:
        return among(rc, {0x00, 0x18, 0x19});
    default:
        return false;
    }
}

std::string_view connack_return_name(std::uint8_t code) noexcept {
    switch (code) {
    case 0: return "connection accepted";
    case 1: return "unacceptable protocol version";
    case 2: return "identifier rejected";
    case 3: return "server unavailable";
    case 4: return "bad user name or password";
    case 5: return "not authorized";
    default: return "reserved return code";
    }
}

}  // namespace wsmqtt::codec
