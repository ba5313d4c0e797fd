#pragma once

// Parsers for single flag values. Each returns the value or a one-line message naming the
// flag and what it accepts. Pure; unit-tested one by one.

#include <charconv>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>
#include <system_error>

#include "cli/common/connection_config.hpp"
#include "core/url/parse_error.hpp"
#include "core/url/scheme.hpp"

namespace wsmqtt::cli {

template <class T>
using flag_result = url::parse_result<T>;

// 5, mqttv5, 5.0 | 311, mqttv311, 3.1.1 | 31, mqttv31, 3.1
flag_result<protocol_version> parse_protocol_version(std::string_view text);

// 0 (off) or 5..65535, as mosquitto's range plus 0.
flag_result<std::uint16_t> parse_keepalive(std::string_view text);

// Seconds 0..4294967295; -1, 4294967295, "never" and "∞" mean never (0xFFFFFFFF), as mosquitto.
flag_result<std::uint32_t> parse_session_expiry(std::string_view text);

// --connect-timeout: seconds > 0, fractions allowed, at most a day; rounded up to milliseconds.
flag_result<std::chrono::milliseconds> parse_connect_timeout(std::string_view text);

// Seconds from 0 (or above 0 when !allow_zero) to `max_seconds`, fractions allowed, rounded up to
// milliseconds: --wait-broker, --reconnect-delay, --reconnect-max. flag names the flag in the message.
flag_result<std::chrono::milliseconds> parse_seconds_flag(std::string_view text, std::string_view flag,
                                                         bool allow_zero, double max_seconds = 86400);

// 0, 1 or 2. flag names the flag in the message ("--will-qos").
flag_result<std::uint8_t> parse_qos(std::string_view text, std::string_view flag);

// -p/--port: 1..65535.
flag_result<std::uint16_t> parse_port_flag(std::string_view text);

// --protocol: mqtt, mqtts, ws or wss.
flag_result<url::scheme> parse_protocol(std::string_view text);

// --tls-version: tlsv1.2 or tlsv1.3 (TLS 1.0 and 1.1 are refused with a reason).
flag_result<tls_version> parse_tls_version(std::string_view text);

// --ws-header 'Name: value': RFC 7230 token name, value without CR/LF/NUL, trimmed. Headers the
// WebSocket handshake owns (Upgrade, Connection, Sec-WebSocket-Key/Version/Extensions/Accept)
// are refused; Sec-WebSocket-Protocol points to --ws-subprotocol.
flag_result<http_header> parse_ws_header(std::string_view text);

// An RFC 7230 token (header names, sub-protocol names).
bool is_http_token(std::string_view text) noexcept;

// A whole number from `min` to `max` in plain digits (no sign, no spaces), or nullopt. The
// caller words the message, since only it knows the flag and what the number means.
template <class T>
std::optional<T> parse_whole_number(std::string_view text, T min, T max) {
    if (text.empty() || text.front() == '+' || text.front() == '-') return std::nullopt;
    T value{};
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc{} || ptr != end || value < min || value > max) return std::nullopt;
    return value;
}

// A decimal number ("0.25", "3") from 0 to `max`, finite, no sign; nullopt otherwise.
std::optional<double> parse_decimal(std::string_view text, double max);

}  // namespace wsmqtt::cli
