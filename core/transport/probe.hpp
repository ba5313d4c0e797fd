// What does a port speak? A bounded look on NEW connections, used to turn "connection reset"
// into "that port speaks TLS, use wss://...". Each check opens its own connection.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include "core/transport/config.hpp"
#include "core/transport/connect.hpp"

namespace wsmqtt::transport {

enum class port_protocol : std::uint8_t { unknown, tls, mqtt, http };

[[nodiscard]] const char* port_protocol_name(port_protocol found) noexcept;

struct probe_request {
    bool try_tls = true;   // TLS handshake without verification: a ServerHello (or a TLS alert) → tls
    bool try_mqtt = true;  // fixed MQTT 3.1.1 CONNECT: an answer starting with 0x20 (CONNACK) → mqtt
    bool try_http = false; // GET <http_target> WebSocket upgrade: an answer starting "HTTP/" → http
    std::string http_target = "/mqtt";
    std::chrono::milliseconds bound_per_check{2000};  // connect + exchange, per check
};

// Runs the requested checks in the order tls, mqtt, http and stops at the first that answers
// positively; unknown when none does (or the host cannot be reached). Never throws.
asio::awaitable<port_protocol> probe_port(asio::any_io_executor executor, std::string host, std::uint16_t port,
                                          probe_request request, debug_log_fn debug_log);

// The hint for the error line, for a user who tried `tried` and hit a port speaking `found`:
// "that port speaks TLS, use wss://h:p/mqtt", "that port speaks plain MQTT, use mqtt://h:p",
// "that port speaks HTTP/WebSocket, use ws://h:p/mqtt". Empty when there is nothing to say.
[[nodiscard]] std::string probe_hint(port_protocol found, scheme tried, const std::string& host, std::uint16_t port,
                                     const std::string& ws_target);

}  // namespace wsmqtt::transport
