#include "core/session/describe.hpp"

#include "core/session/actions.hpp"

namespace wsmqtt::session {

std::string_view close_reason_name(close_reason r) noexcept {
    switch (r) {
    case close_reason::normal: return "normal";
    case close_reason::keepalive_timeout: return "keepalive timeout";
    case close_reason::connack_timeout: return "connack timeout";
    case close_reason::ack_timeout: return "ack timeout";
    case close_reason::protocol_error: return "protocol error";
    case close_reason::connect_refused: return "connect refused";
    case close_reason::broker_disconnect: return "broker disconnect";
    case close_reason::transport_lost: return "connection lost";
    }
    return "unknown";
}

namespace detail {

std::string hex_byte(std::uint8_t v) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string s = "0x";
    s += digits[v >> 4];
    s += digits[v & 0x0F];
    return s;
}

std::string reason_text(codec::reason_code rc, codec::packet_type in) {
    return "(" + hex_byte(static_cast<std::uint8_t>(rc)) + ") " +
           std::string{codec::reason_name(rc, in)};
}

std::string duration_text(std::chrono::milliseconds d) {
    const auto ms = d.count();
    if (ms % 1000 == 0) return std::to_string(ms / 1000) + " s";
    if (ms > 1000 && ms % 100 == 0) {
        return std::to_string(ms / 1000) + "." + std::to_string((ms % 1000) / 100) + " s";
    }
    return std::to_string(ms) + " ms";
}

std::string packet_name(codec::packet_type t) { return std::string{codec::packet_type_name(t)}; }

}  // namespace detail
}  // namespace wsmqtt::session
