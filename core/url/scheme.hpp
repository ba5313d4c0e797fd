#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace wsmqtt::url {

// The four transports wsmqtt speaks. A tag, not a wire value.
enum class scheme : std::uint8_t { mqtt, mqtts, ws, wss };

constexpr std::string_view scheme_name(scheme s) noexcept {
    switch (s) {
        case scheme::mqtt:
            return "mqtt";
        case scheme::mqtts:
            return "mqtts";
        case scheme::ws:
            return "ws";
        case scheme::wss:
            return "wss";
    }
    return "mqtt";
}

// The port a URL without one gets: IANA's MQTT ports, and RFC 6455's 80/443 for WebSocket.
constexpr std::uint16_t default_port(scheme s) noexcept {
    switch (s) {
        case scheme::mqtt:
            return 1883;
        case scheme::mqtts:
            return 8883;
        case scheme::ws:
            return 80;
        case scheme::wss:
            return 443;
    }
    return 1883;
}

constexpr bool is_tls(scheme s) noexcept { return s == scheme::mqtts || s == scheme::wss; }
constexpr bool is_websocket(scheme s) noexcept { return s == scheme::ws || s == scheme::wss; }

// Exact scheme names, case-insensitive as RFC 3986 says ("WSS" is wss).
constexpr std::optional<scheme> parse_scheme(std::string_view name) noexcept {
    auto equals = [name](std::string_view lower) {
        if (name.size() != lower.size()) return false;
        for (std::size_t i = 0; i < name.size(); ++i) {
            char c = name[i];
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            if (c != lower[i]) return false;
        }
        return true;
    };
    if (equals("mqtt")) return scheme::mqtt;
    if (equals("mqtts")) return scheme::mqtts;
    if (equals("ws")) return scheme::ws;
    if (equals("wss")) return scheme::wss;
    return std::nullopt;
}

}  // namespace wsmqtt::url
