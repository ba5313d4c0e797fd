#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/url/broker_url.hpp"
#include "core/url/scheme.hpp"

namespace wsmqtt::url {

// A port that brokers conventionally use for one scheme, and who uses it.
struct port_convention {
    std::uint16_t port;
    scheme kind;
    std::string_view who;  // "EMQX", "test.mosquitto.org", ...
};

// 1883 mqtt, 8883 mqtts, 8083 ws / 8084 wss (EMQX), 80 ws, 443 wss, 8080 ws / 8081 wss
// (test.mosquitto.org), 9001 ws (common Mosquitto websockets listener).
std::optional<port_convention> port_convention_for(std::uint16_t port) noexcept;

// For failure messages only: when url's port is a well-known port of another scheme, e.g.
//   "port 8084 is usually wss:// (EMQX); try wss://h:8084/mqtt"
// nullopt when the port is unknown or agrees with the scheme.
std::optional<std::string> port_scheme_hint(const broker_url& url);

// url with another scheme and the same host, port and user: a topic is dropped when moving to
// ws/wss (the target becomes "/mqtt"), the target is dropped when moving to mqtt/mqtts.
broker_url with_scheme(const broker_url& url, scheme kind);

}  // namespace wsmqtt::url
