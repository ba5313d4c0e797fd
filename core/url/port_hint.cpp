#include "core/url/port_hint.hpp"

#include <array>

namespace wsmqtt::url {
namespace {

constexpr std::array<port_convention, 9> conventions{{
    {1883, scheme::mqtt, "plain MQTT"},
    {8883, scheme::mqtts, "MQTT over TLS"},
    {8083, scheme::ws, "EMQX"},
    {8084, scheme::wss, "EMQX"},
    {80, scheme::ws, "HTTP"},
    {443, scheme::wss, "HTTPS"},
    {8080, scheme::ws, "test.mosquitto.org"},
    {8081, scheme::wss, "test.mosquitto.org"},
    {9001, scheme::ws, "Mosquitto websockets listener"},
}};

}  // namespace

std::optional<port_convention> port_convention_for(std::uint16_t port) noexcept {
    for (const auto& c : conventions) {
        if (c.port == port) return c;
    }
    return std::nullopt;
}

broker_url with_scheme(const broker_url& url, scheme kind) {
    broker_url out = url;
    out.kind = kind;
    if (is_websocket(kind) && !is_websocket(url.kind)) {
        out.topic.reset();
        out.target = std::string(default_ws_target);
    } else if (!is_websocket(kind) && is_websocket(url.kind)) {
        out.target.clear();
    }
    return out;
}

std::optional<std::string> port_scheme_hint(const broker_url& url) {
    const auto convention = port_convention_for(url.port);
    if (!convention || convention->kind == url.kind) return std::nullopt;
    const auto usual = std::string(scheme_name(convention->kind));
    return "port " + std::to_string(url.port) + " is usually " + usual + ":// (" +
           std::string(convention->who) + "); try " + with_scheme(url, convention->kind).to_string();
}

}  // namespace wsmqtt::url
