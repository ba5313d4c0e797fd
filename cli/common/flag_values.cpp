#include "cli/common/flag_values.hpp"

#include <array>
#include <charconv>
#include <cmath>

namespace wsmqtt::cli {
namespace {

// The value quoted for a message, control bytes shown as '?' so the message stays one line.
std::string quote(std::string_view text) {
    std::string out = "'";
    for (char c : text.substr(0, 200)) {
        const auto u = static_cast<unsigned char>(c);
        out += (u < 0x20 || u == 0x7f) ? '?' : c;
    }
    if (text.size() > 200) out += "...";
    out += '\'';
    return out;
}

std::string fmt_seconds(double s) {
    const auto whole = static_cast<std::int64_t>(s);
    return static_cast<double>(whole) == s ? std::to_string(whole) : std::to_string(s);
}

bool iequals(std::string_view a, std::string_view lower) {
    if (a.size() != lower.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char c = a[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != lower[i]) return false;
    }
    return true;
}

// Whole-string unsigned decimal, no sign, no spaces.
template <class T>
std::optional<T> parse_unsigned(std::string_view text) {
    if (text.empty() || text.size() > 20) return std::nullopt;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
    }
    T value{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

}  // namespace

flag_result<protocol_version> parse_protocol_version(std::string_view text) {
    if (text == "5" || text == "mqttv5" || text == "5.0") return protocol_version::v5;
    if (text == "311" || text == "mqttv311" || text == "3.1.1") return protocol_version::v3_1_1;
    if (text == "31" || text == "mqttv31" || text == "3.1") return protocol_version::v3_1;
    return url::parse_error{"-V/--protocol-version " + quote(text) +
                            " is not an MQTT version; use 5, 311 or 31 (or mqttv5, mqttv311, mqttv31)"};
}

flag_result<std::uint16_t> parse_keepalive(std::string_view text) {
    const auto value = parse_unsigned<std::uint32_t>(text);
    if (!value || (*value != 0 && *value < 5) || *value > 65535)
        return url::parse_error{"-k/--keepalive " + quote(text) +
                                " must be 0 (off) or from 5 to 65535 seconds"};
    return static_cast<std::uint16_t>(*value);
}

flag_result<std::uint32_t> parse_session_expiry(std::string_view text) {
    if (text == "-1" || text == "never" || text == "\xE2\x88\x9E") return std::uint32_t{0xFFFFFFFF};
    const auto value = parse_unsigned<std::uint64_t>(text);
    if (!value || *value > 0xFFFFFFFFu)
        return url::parse_error{
            "-x/--session-expiry-interval " + quote(text) +
            " must be seconds from 0 to 4294967295, or -1, never or \xE2\x88\x9E for a session "
            "that never expires"};
    return static_cast<std::uint32_t>(*value);
}

flag_result<std::chrono::milliseconds> parse_connect_timeout(std::string_view text) {
    const auto bad = [&] {
        return url::parse_error{
            "--connect-timeout " + quote(text) +
            " must be a number of seconds above 0 and at most 86400 (fractions allowed, e.g. 2.5)"};
    };
    if (text.empty() || text.front() == '+' || text.front() == '-') return bad();
    double seconds = 0;
    const auto [end, ec] =
        std::from_chars(text.data(), text.data() + text.size(), seconds, std::chars_format::fixed);
    if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(seconds) || seconds <= 0 ||
        seconds > 86400)
        return bad();
    return std::chrono::milliseconds{static_cast<std::int64_t>(std::ceil(seconds * 1000.0))};
}

flag_result<std::chrono::milliseconds> parse_seconds_flag(std::string_view text, std::string_view flag,
                                                         bool allow_zero, double max_seconds) {
    const auto bad = [&] {
        return url::parse_error{std::string(flag) + " " + quote(text) + " must be a number of seconds " +
                                (allow_zero ? "from 0" : "above 0") + " to " + fmt_seconds(max_seconds) +
                                " (fractions allowed, e.g. 2.5)"};
    };
    if (text.empty() || text.size() > 32 || text.front() == '+' || text.front() == '-') return bad();
    double seconds = 0;
    const auto [end, ec] =
        std::from_chars(text.data(), text.data() + text.size(), seconds, std::chars_format::fixed);
    if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(seconds) || seconds < 0 ||
        seconds > max_seconds || (!allow_zero && seconds <= 0))
        return bad();
    // 0.001 s stays 1 ms; the small bias keeps 0.2 * 1000 from rounding up to 201.
    return std::chrono::milliseconds{static_cast<std::int64_t>(std::ceil(seconds * 1000.0 - 1e-6))};
}

flag_result<std::uint8_t> parse_qos(std::string_view text, std::string_view flag) {
    if (text == "0" || text == "1" || text == "2") return static_cast<std::uint8_t>(text[0] - '0');
    return url::parse_error{std::string(flag) + " " + quote(text) + " must be 0, 1 or 2"};
}

flag_result<std::uint16_t> parse_port_flag(std::string_view text) {
    const auto value = parse_unsigned<std::uint32_t>(text);
    if (!value || *value < 1 || *value > 65535)
        return url::parse_error{"-p/--port " + quote(text) + " must be a number from 1 to 65535"};
    return static_cast<std::uint16_t>(*value);
}

flag_result<url::scheme> parse_protocol(std::string_view text) {
    if (const auto kind = url::parse_scheme(text)) return *kind;
    return url::parse_error{"--protocol " + quote(text) + " must be mqtt, mqtts, ws or wss"};
}

flag_result<tls_version> parse_tls_version(std::string_view text) {
    if (iequals(text, "tlsv1.2")) return tls_version::v1_2;
    if (iequals(text, "tlsv1.3")) return tls_version::v1_3;
    if (iequals(text, "tlsv1.1") || iequals(text, "tlsv1") || iequals(text, "tlsv1.0"))
        return url::parse_error{
            "--tls-version " + quote(text) +
            " is not supported (TLS below 1.2 is obsolete and off in OpenSSL 3); use tlsv1.2 or tlsv1.3"};
    return url::parse_error{"--tls-version " + quote(text) + " must be tlsv1.2 or tlsv1.3"};
}

bool is_http_token(std::string_view text) noexcept {
    if (text.empty()) return false;
    constexpr std::string_view extra = "!#$%&'*+-.^_`|~";
    for (char c : text) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && extra.find(c) == std::string_view::npos) return false;
    }
    return true;
}

flag_result<http_header> parse_ws_header(std::string_view text) {
    const std::string who = "--ws-header " + quote(text);
    const auto colon = text.find(':');
    if (colon == std::string_view::npos) return url::parse_error{who + " must be 'Name: value'"};
    const auto name = text.substr(0, colon);
    if (!is_http_token(name))
        return url::parse_error{who + " has an invalid header name " + quote(name) +
                                " (letters, digits and !#$%&'*+-.^_`|~ only, no spaces)"};
    auto value = text.substr(colon + 1);
    for (char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u == 0x7f)
            return url::parse_error{who + " has a control character (CR, LF, NUL...) in its value"};
    }
    const auto first = value.find_first_not_of(" \t");
    const auto last = value.find_last_not_of(" \t");
    value = first == std::string_view::npos ? std::string_view{} : value.substr(first, last - first + 1);

    constexpr std::array<std::string_view, 6> owned{"upgrade",
                                                    "connection",
                                                    "sec-websocket-key",
                                                    "sec-websocket-version",
                                                    "sec-websocket-extensions",
                                                    "sec-websocket-accept"};
    for (auto o : owned) {
        if (iequals(name, o))
            return url::parse_error{who + ": the WebSocket handshake sets " + std::string(name) + " itself"};
    }
    if (iequals(name, "sec-websocket-protocol"))
        return url::parse_error{who + ": set the sub-protocol with --ws-subprotocol instead"};
    return http_header{std::string(name), std::string(value)};
}

std::optional<double> parse_decimal(std::string_view text, double max) {
    if (text.empty() || text.front() == '+' || text.front() == '-') return std::nullopt;
    double value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value, std::chars_format::fixed);
    if (ec != std::errc{} || ptr != end || !std::isfinite(value) || value > max) return std::nullopt;
    return value;
}

}  // namespace wsmqtt::cli
