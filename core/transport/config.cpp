#include "core/transport/config.hpp"

#include <string>

namespace wsmqtt::transport {

const char* scheme_name(scheme kind) noexcept {
    switch (kind) {
        case scheme::tcp: return "mqtt";
        case scheme::tls: return "mqtts";
        case scheme::ws: return "ws";
        case scheme::wss: return "wss";
    }
    return "?";
}

std::string host_port(const std::string& host, std::uint16_t port) {
    const bool ipv6_literal = host.find(':') != std::string::npos && !host.starts_with('[');
    std::string out;
    if (ipv6_literal) {
        out.reserve(host.size() + 2);
        out += '[';
        out += host;
        out += ']';
    } else {
        out = host;
    }
    out += ':';
    out += std::to_string(port);
    return out;
}

std::string url_of(scheme kind, const std::string& host, std::uint16_t port, const std::string& ws_target) {
    std::string out = scheme_name(kind);
    out += "://";
    out += host_port(host, port);
    if (uses_websocket(kind)) {
        if (!ws_target.starts_with('/')) out += '/';
        out += ws_target;
    }
    return out;
}

}  // namespace wsmqtt::transport
