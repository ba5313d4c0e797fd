// The staged connect's failures: each stage, its error and its one-line diagnosis.
#include <gtest/gtest.h>

#include <boost/asio/use_awaitable.hpp>

#include "core/transport/connect.hpp"
#include "core/transport/errors.hpp"
#include "test_support.hpp"

namespace wsmqtt::transport {
namespace {

using namespace testing;
using namespace std::chrono_literals;

transport_config config_for(scheme kind, std::uint16_t port) {
    transport_config config;
    config.kind = kind;
    config.host = "127.0.0.1";
    config.port = port;
    config.tls.cafile = certs().ca;
    config.connect_timeout = 5s;
    return config;
}

struct attempt {
    bool ok = false;
    connect_failure failure;
    std::vector<std::string> log;
    std::chrono::milliseconds took{};
    bool round_trip = false;
};

asio::awaitable<void> try_connect(transport_config config, attempt* out) {
    const auto start = std::chrono::steady_clock::now();
    auto outcome = co_await connect(co_await asio::this_coro::executor, config,
                                    [out](std::string_view line) { out->log.emplace_back(line); });
    out->took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    out->ok = outcome.ok();
    out->failure = outcome.failure;
    if (outcome.ok()) {
        const std::array<std::uint8_t, 3> hello = {1, 2, 3};
        std::array<std::uint8_t, 3> sent = hello;  // write() may mask these in place
        std::array<std::uint8_t, 3> back{};
        if (co_await outcome.stream->write(sent)) {
            std::size_t got = 0;
            for (int i = 0; i < 3 && got < 3; ++i) {
                auto n = co_await outcome.stream->read_some(asio::buffer(back.data() + got, 3 - got));
                if (!n) break;
                got += *n;
            }
            out->round_trip = back == hello;
        }
        co_await outcome.stream->close_gracefully(1s);
    }
}

attempt run_attempt(asio::io_context& context, const transport_config& config) {
    attempt result;
    EXPECT_TRUE(run_bounded(context, try_connect(config, &result)));
    return result;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(connect, http_404_at_upgrade_names_status_path_and_mqtt) {
    asio::io_context context;
    auto acceptor = listen_loopback(context);
    const auto port = port_of(acceptor);
    start_http_status_server(std::move(acceptor), "404 Not Found");
    auto config = config_for(scheme::ws, port);
    config.ws_target = "/wrong";
    const attempt a = run_attempt(context, config);
    ASSERT_FALSE(a.ok);
    EXPECT_EQ(a.failure.stage, connect_stage::websocket);
    EXPECT_TRUE(contains(a.failure.message, "HTTP 404")) << a.failure.message;
    EXPECT_TRUE(contains(a.failure.message, "/wrong")) << a.failure.message;
    EXPECT_TRUE(contains(a.failure.message, "/mqtt")) << a.failure.message;
}

TEST(connect, subprotocol_missing_or_other_is_not_agreed) {
    for (const std::optional<std::string>& answer : {std::optional<std::string>(), std::optional<std::string>("mqttv3.1")}) {
        asio::io_context context;
        auto acceptor = listen_loopback(context);
        const auto port = port_of(acceptor);
        auto state = std::make_shared<raw_ws_state>();
        state->protocol_answer = answer;
        start_raw_ws_server(std::move(acceptor), state);
        const attempt a = run_attempt(context, config_for(scheme::ws, port));
        ASSERT_FALSE(a.ok);
        EXPECT_EQ(a.failure.stage, connect_stage::websocket);
        EXPECT_EQ(a.failure.ec, transport_errc::subprotocol_not_agreed);
        EXPECT_TRUE(contains(a.failure.message, "sub-protocol")) << a.failure.message;
    }
}

TEST(connect, mqttv31_subprotocol_is_offered_and_accepted) {
    asio::io_context context;
    auto acceptor = listen_loopback(context);
    const auto port = port_of(acceptor);
    auto state = std::make_shared<raw_ws_state>();
    state->protocol_answer = "mqttv3.1";
    start_raw_ws_server(std::move(acceptor), state);
    auto config = config_for(scheme::ws, port);
    config.ws.subprotocols = {"mqttv3.1"};
    const attempt a = run_attempt(context, config);
    EXPECT_TRUE(a.ok) << a.failure.message;
    EXPECT_TRUE(contains(state->request, "Sec-WebSocket-Protocol: mqttv3.1\r\n")) << state->request;
}

TEST(connect, untrusted_certificate_names_openssl_error_and_cafile) {
    asio::io_context context;
    auto acceptor = listen_loopback(context);
    const auto port = port_of(acceptor);
    start_echo_server(std::move(acceptor), echo_kind::tls, certs().server_crt, certs().server_key);
    auto config = config_for(scheme::tls, port);
    config.tls.cafile.clear();  // the system store does not know our test CA
    const attempt a = run_attempt(context, config);
    ASSERT_FALSE(a.ok);
    EXPECT_EQ(a.failure.stage, connect_stage::tls);
    EXPECT_TRUE(contains(a.failure.message, "unable to get local issuer certificate")) << a.failure.message;
    EXPECT_TRUE(contains(a.failure.message, "--cafile")) << a.failure.message;
}

TEST(connect, insecure_skips_verification) {
    asio::io_context context;
    auto acceptor = listen_loopback(context);
    const auto port = port_of(acceptor);
    start_echo_server(std::move(acceptor), echo_kind::tls, certs().other_crt, certs().other_key);
    auto config = config_for(scheme::tls, port);
    config.tls.cafile.clear();
    config.tls.insecure = true;
    const attempt a = run_attempt(context, config);
    EXPECT_TRUE(a.ok) << a.failure.message;
    EXPECT_TRUE(a.round_trip);
}

TEST(connect, certificate_name_mismatch_names_host_and_certificate_names) {
    asio::io_context context;
    auto acceptor = listen_loopback(context);
    const auto port = port_of(acceptor);
    start_echo_server(std::move(acceptor), echo_kind::wss, certs().other_crt, certs().other_key);
    const attempt a = run_attempt(context, config_for(scheme::wss, port));
    ASSERT_FALSE(a.ok);
    EXPECT_EQ(a.failure.stage, connect_stage::tls);
    EXPECT_TRUE(contains(a.failure.message, "does not match")) << a.failure.message;
    EXPECT_TRUE(contains(a.failure.message, "127.0.0.1")) << a.failure.message;
    EXPECT_TRUE(contains(a.failure.message, "other.example")) << a.failure.message;
}

TEST(connect, sni_override_is_the_verified_name) {
    asio::io_context context;
    auto acceptor = listen_loopback(context);
    const auto port = port_of(acceptor);
    start_echo_server(std::move(acceptor), echo_kind::tls, certs().other_crt, certs().other_key);
    auto config = config_for(scheme::tls, port);
    config.tls.sni = "other.example";
    const attempt a = run_attempt(context, config);
    EXPECT_TRUE(a.ok) << a.failure.message;
}

TEST(connect, tls_to_a_plain_port_suggests_the_plain_scheme) {
    for (const scheme kind : {scheme::tls, scheme::wss}) {
        asio::io_context context;
        auto acceptor = listen_loopback(context);
        const auto port = port_of(acceptor);
        start_fake_mqtt_server(std::move(acceptor));
        const attempt a = run_attempt(context, config_for(kind, port));
        ASSERT_FALSE(a.ok);
        EXPECT_EQ(a.failure.stage, connect_stage::tls);
        const std::string want = kind == scheme::tls ? "mqtt://127.0.0.1:" + std::to_string(port)
                                                     : "ws://127.0.0.1:" + std::to_string(port) + "/mqtt";
        EXPECT_TRUE(contains(a.failure.message, "does not speak TLS")) << a.failure.message;
        EXPECT_TRUE(contains(a.failure.message, want)) << a.failure.message;
    }
}

TEST(connect, ws_to_a_tls_port_suggests_wss) {
    asio::io_context context;
    auto acceptor = listen_loopback(context);
    const auto port = port_of(acceptor);
    start_echo_server(std::move(acceptor), echo_kind::wss, certs().server_crt, certs().server_key);
    const attempt a = run_attempt(context, config_for(scheme::ws, port));
    ASSERT_FALSE(a.ok);
    EXPECT_EQ(a.failure.stage, connect_stage::websocket);
    EXPECT_TRUE(contains(a.failure.message, "no HTTP answer")) << a.failure.message;
    EXPECT_TRUE(contains(a.failure.message, "wss://127.0.0.1:" + std::to_string(port) + "/mqtt")) << a.failure.message;
}

TEST(connect, ws_to_a_plain_mqtt_port_suggests_mqtt) {
    asio::io_context context;
    auto acceptor = listen_loopback(context);
    const auto port = port_of(acceptor);
    start_fake_mqtt_server(std::move(acceptor));
    const attempt a = run_attempt(context, config_for(scheme::ws, port));
    ASSERT_FALSE(a.ok);
    EXPECT_EQ(a.failure.stage, connect_stage::websocket);
    EXPECT_TRUE(contains(a.failure.message, "mqtt://127.0.0.1:" + std::to_string(port))) << a.failure.message;
}

TEST(connect, refused) {
    asio::io_context context;
    std::uint16_t port = 0;
    {
        auto acceptor = listen_loopback(context);
        port = port_of(acceptor);
    }
    const attempt a = run_attempt(context, config_for(scheme::tcp, port));
    ASSERT_FALSE(a.ok);
    EXPECT_EQ(a.failure.stage, connect_stage::tcp);
    EXPECT_EQ(a.failure.ec, asio::error::connection_refused);
    EXPECT_TRUE(contains(a.failure.message, "connection refused")) << a.failure.message;
}

TEST(connect, times_out_when_the_upgrade_is_never_answered) {
    asio::io_context context;
    auto acceptor = listen_loopback(context);  // listens, never accepts: TCP completes in the backlog
    auto config = config_for(scheme::ws, port_of(acceptor));
    config.connect_timeout = 300ms;
    const attempt a = run_attempt(context, config);
    ASSERT_FALSE(a.ok);
    EXPECT_TRUE(a.failure.timed_out);
    EXPECT_EQ(a.failure.ec, asio::error::timed_out);
    EXPECT_EQ(a.failure.stage, connect_stage::websocket);
    EXPECT_TRUE(contains(a.failure.message, "timed out after 0.3 s")) << a.failure.message;
    EXPECT_LT(a.took, 2s);
}

TEST(connect, cannot_resolve) {
    asio::io_context context;
    auto config = config_for(scheme::ws, 1);
    config.host = "no-such-host.invalid";
    const attempt a = run_attempt(context, config);
    ASSERT_FALSE(a.ok);
    EXPECT_EQ(a.failure.stage, connect_stage::resolve);
    EXPECT_TRUE(contains(a.failure.message, "cannot resolve no-such-host.invalid")) << a.failure.message;
}

TEST(connect, bad_cafile_fails_at_tls_stage) {
    asio::io_context context;
    auto config = config_for(scheme::tls, 1);
    config.tls.cafile = "/nonexistent/ca.pem";
    const attempt a = run_attempt(context, config);
    ASSERT_FALSE(a.ok);
    EXPECT_EQ(a.failure.stage, connect_stage::tls);
    EXPECT_TRUE(contains(a.failure.message, "--cafile /nonexistent/ca.pem")) << a.failure.message;
}

TEST(connect, through_an_http_connect_proxy_with_basic_auth) {
    for (const scheme kind : {scheme::tcp, scheme::wss}) {
        asio::io_context context;
        auto target = listen_loopback(context);
        const auto port = port_of(target);
        start_echo_server(std::move(target), kind == scheme::tcp ? echo_kind::plain : echo_kind::wss, certs().server_crt,
                          certs().server_key);
        auto proxy_acceptor = listen_loopback(context);
        auto config = config_for(kind, port);
        config.proxy = proxy_config{"127.0.0.1", port_of(proxy_acceptor), "user", "pass"};
        auto proxy = std::make_shared<proxy_state>();
        start_fake_proxy(std::move(proxy_acceptor), proxy);
        const attempt a = run_attempt(context, config);
        EXPECT_TRUE(a.ok) << a.failure.message;
        EXPECT_TRUE(a.round_trip);
        EXPECT_EQ(proxy->tunnels, 1);
        EXPECT_TRUE(contains(proxy->request, "CONNECT 127.0.0.1:" + std::to_string(port) + " HTTP/1.1\r\n")) << proxy->request;
        EXPECT_TRUE(contains(proxy->request, "Proxy-Authorization: Basic dXNlcjpwYXNz\r\n")) << proxy->request;
    }
}

TEST(connect, proxy_refusal_is_the_proxy_stage) {
    asio::io_context context;
    auto proxy_acceptor = listen_loopback(context);
    auto config = config_for(scheme::ws, 1);
    config.proxy = proxy_config{"127.0.0.1", port_of(proxy_acceptor), "", ""};
    auto proxy = std::make_shared<proxy_state>();
    proxy->status = "407 Proxy Authentication Required";
    start_fake_proxy(std::move(proxy_acceptor), proxy);
    const attempt a = run_attempt(context, config);
    ASSERT_FALSE(a.ok);
    EXPECT_EQ(a.failure.stage, connect_stage::proxy);
    EXPECT_EQ(a.failure.ec, transport_errc::proxy_refused);
    EXPECT_TRUE(contains(a.failure.message, "407")) << a.failure.message;
}

TEST(connect, logs_every_stage) {
    asio::io_context context;
    auto acceptor = listen_loopback(context);
    const auto port = port_of(acceptor);
    start_echo_server(std::move(acceptor), echo_kind::wss, certs().server_crt, certs().server_key);
    auto config = config_for(scheme::wss, port);
    config.host = "localhost";
    const attempt a = run_attempt(context, config);
    ASSERT_TRUE(a.ok) << a.failure.message;
    std::string all;
    for (const auto& line : a.log) all += line + "\n";
    for (const char* part : {"resolving localhost", "tcp connect to", "tcp connected to 127.0.0.1", "tls handshake",
                             "tls established", "websocket upgrade", "sub-protocol mqtt", "connected over wss"}) {
        EXPECT_TRUE(contains(all, part)) << part << "\n" << all;
    }
}

}  // namespace
}  // namespace wsmqtt::transport
