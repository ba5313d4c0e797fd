// probe_port: what a port speaks, and the hints made from it.
#include <gtest/gtest.h>

#include "core/transport/probe.hpp"
#include "test_support.hpp"

namespace wsmqtt::transport {
namespace {

using namespace testing;
using namespace std::chrono_literals;

asio::awaitable<void> probe(std::uint16_t port, probe_request request, port_protocol* out) {
    *out = co_await probe_port(co_await asio::this_coro::executor, "127.0.0.1", port, request, {});
}

port_protocol probe_with(void (*start)(tcp::acceptor), probe_request request) {
    asio::io_context context;
    auto acceptor = listen_loopback(context);
    const auto port = port_of(acceptor);
    start(std::move(acceptor));
    port_protocol found = port_protocol::unknown;
    EXPECT_TRUE(run_bounded(context, probe(port, request, &found)));
    return found;
}

void start_tls(tcp::acceptor acceptor) {
    start_echo_server(std::move(acceptor), echo_kind::tls, certs().server_crt, certs().server_key);
}
void start_tls_wanting_client_cert(tcp::acceptor acceptor) {
    start_echo_server(std::move(acceptor), echo_kind::tls, certs().server_crt, certs().server_key, true);
}
void start_mqtt(tcp::acceptor acceptor) { start_fake_mqtt_server(std::move(acceptor)); }
void start_http(tcp::acceptor acceptor) { start_http_status_server(std::move(acceptor), "400 Bad Request"); }
void start_ws(tcp::acceptor acceptor) { start_echo_server(std::move(acceptor), echo_kind::ws); }
void start_tcp_echo(tcp::acceptor acceptor) { start_echo_server(std::move(acceptor), echo_kind::plain); }

TEST(probe_port, classifies_tls) { EXPECT_EQ(probe_with(start_tls, {}), port_protocol::tls); }
TEST(probe_port, classifies_tls_wanting_a_client_certificate) {
    EXPECT_EQ(probe_with(start_tls_wanting_client_cert, {}), port_protocol::tls);
}
TEST(probe_port, classifies_plain_mqtt) { EXPECT_EQ(probe_with(start_mqtt, {}), port_protocol::mqtt); }
TEST(probe_port, classifies_http) {
    probe_request request;
    request.try_http = true;
    EXPECT_EQ(probe_with(start_http, request), port_protocol::http);
    EXPECT_EQ(probe_with(start_ws, request), port_protocol::http);
}
TEST(probe_port, unknown_for_an_echo_port) {
    probe_request request;
    request.bound_per_check = 300ms;
    EXPECT_EQ(probe_with(start_tcp_echo, request), port_protocol::unknown);
}
TEST(probe_port, unknown_for_a_closed_port) {
    asio::io_context context;
    std::uint16_t port = 0;
    {
        auto acceptor = listen_loopback(context);
        port = port_of(acceptor);
    }
    port_protocol found = port_protocol::tls;
    EXPECT_TRUE(run_bounded(context, probe(port, {}, &found)));
    EXPECT_EQ(found, port_protocol::unknown);
}

TEST(probe_hint, suggestions) {
    EXPECT_EQ(probe_hint(port_protocol::tls, scheme::ws, "h", 8884, "/mqtt"), "that port speaks TLS, use wss://h:8884/mqtt");
    EXPECT_EQ(probe_hint(port_protocol::mqtt, scheme::ws, "h", 1883, "/mqtt"), "that port speaks plain MQTT, use mqtt://h:1883");
    EXPECT_EQ(probe_hint(port_protocol::http, scheme::tcp, "h", 8083, "/mqtt"),
              "that port speaks HTTP/WebSocket, use ws://h:8083/mqtt");
    EXPECT_EQ(probe_hint(port_protocol::tls, scheme::tcp, "h", 8883, "/mqtt"), "that port speaks TLS, use mqtts://h:8883");
    EXPECT_EQ(probe_hint(port_protocol::unknown, scheme::ws, "h", 1, "/mqtt"), "");
    EXPECT_EQ(probe_hint(port_protocol::http, scheme::ws, "h", 1, "/mqtt"), "");
}

}  // namespace
}  // namespace wsmqtt::transport
