// In-process servers and helpers for the transport tests: everything listens on 127.0.0.1:0
// and runs on the test's own io_context.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

namespace wsmqtt::transport::testing {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

struct test_certs {
    std::string dir;
    std::string ca;                       // CA certificate (PEM)
    std::string server_crt, server_key;   // CN=localhost, SAN DNS:localhost, IP:127.0.0.1
    std::string other_crt, other_key;     // CN=other.example, SAN DNS:other.example
    std::string client_crt, client_key;   // CN=test-client; the key is encrypted with "secret"
};
// Generated once per process with the openssl command into a fresh temporary directory.
const test_certs& certs();

// Runs `body` until it finishes (then stops the context) or `bound` passes; false on timeout.
// An exception from the body is rethrown.
bool run_bounded(asio::io_context& context, asio::awaitable<void> body,
                 std::chrono::milliseconds bound = std::chrono::seconds(15));

tcp::acceptor listen_loopback(asio::io_context& context);
std::uint16_t port_of(const tcp::acceptor& acceptor);

enum class echo_kind : std::uint8_t { plain, tls, ws, wss };
// Echoes every byte (tcp/tls) or every message as one binary message (ws/wss); serves any
// number of connections. A wrong-protocol client just gets its connection closed.
void start_echo_server(tcp::acceptor acceptor, echo_kind kind, std::string certfile = {}, std::string keyfile = {},
                       bool require_client_cert = false);

// A WebSocket server written by hand, to see and send exact frames (one connection).
struct raw_ws_state {
    std::optional<std::string> protocol_answer = "mqtt";  // nullopt: no Sec-WebSocket-Protocol
    std::string frames;        // raw bytes sent right after the 101
    std::size_t capture = 0;   // then read exactly this many raw bytes from the client
    std::string request;       // out: the upgrade request as received
    std::string captured;      // out: the captured bytes
    int after = -1;            // out: first byte after the captured ones (the close frame: 0x88)
    bool finished = false;
};
void start_raw_ws_server(tcp::acceptor acceptor, std::shared_ptr<raw_ws_state> state);
// An unmasked server frame.
std::string server_frame(std::uint8_t opcode, bool fin, std::string_view payload);

// Answers every request with this status line and an empty body, e.g. "404 Not Found".
void start_http_status_server(tcp::acceptor acceptor, std::string status);
// Like mosquitto's plain port: a first byte 0x10 (CONNECT) gets 20 02 00 00; anything else a close.
void start_fake_mqtt_server(tcp::acceptor acceptor);

struct proxy_state {
    std::string status = "200 Connection established";
    std::string request;  // out: the CONNECT request head
    int tunnels = 0;      // out
};
void start_fake_proxy(tcp::acceptor acceptor, std::shared_ptr<proxy_state> state);

}  // namespace wsmqtt::transport::testing
