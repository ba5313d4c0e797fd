// byte_stream over the four stacks: round trips, one packet = one binary message, frames
// invisible to the reader, text frames rejected.
#include <numeric>
#include <vector>

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
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

std::vector<std::uint8_t> pattern(std::size_t size, std::uint8_t seed) {
    std::vector<std::uint8_t> bytes(size);
    for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<std::uint8_t>((i * 7 + seed) & 0xFFU);
    return bytes;
}

// Reads exactly `want` bytes with small reads; stops at the first error.
asio::awaitable<std::vector<std::uint8_t>> read_exactly(byte_stream& stream, std::size_t want, std::size_t chunk) {
    std::vector<std::uint8_t> got;
    std::vector<std::uint8_t> buffer(chunk);
    for (int reads = 0; got.size() < want && reads < 1'000'000; ++reads) {
        auto n = co_await stream.read_some(asio::buffer(buffer.data(), std::min(chunk, want - got.size())));
        if (!n) break;
        got.insert(got.end(), buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(*n));
    }
    co_return got;
}

struct round_trip_result {
    std::string connect_message;
    std::string name;
    bool equal = false;
    bool eof_after_close = false;
};

asio::awaitable<void> round_trip(transport_config config, round_trip_result* out) {
    auto outcome = co_await connect(co_await asio::this_coro::executor, config, {});
    if (!outcome.ok()) {
        out->connect_message = outcome.failure.message;
        co_return;
    }
    byte_stream& stream = *outcome.stream;
    out->name = std::string(stream.name());
    // A small packet, a mid-sized one, a large one: written separately, read back as one stream.
    const auto a = pattern(2, 1), b = pattern(300, 2), c = pattern(200'000, 3);
    std::vector<std::uint8_t> all;
    for (const auto* part : {&a, &b, &c}) {
        all.insert(all.end(), part->begin(), part->end());
        auto bytes = *part;  // write() may mask them in place
        auto written = co_await stream.write(bytes);
        if (!written) co_return;
    }
    const auto got = co_await read_exactly(stream, all.size(), 1000);
    out->equal = got == all;
    co_await stream.close_gracefully(1s);
    std::array<std::uint8_t, 16> sink{};
    auto after = co_await stream.read_some(asio::buffer(sink));
    out->eof_after_close = !after;
}

void expect_round_trip(scheme kind, echo_kind server, const char* name) {
    asio::io_context context;
    auto acceptor = listen_loopback(context);
    const auto port = port_of(acceptor);
    start_echo_server(std::move(acceptor), server, certs().server_crt, certs().server_key);
    round_trip_result result;
    ASSERT_TRUE(run_bounded(context, round_trip(config_for(kind, port), &result)));
    EXPECT_EQ(result.connect_message, "");
    EXPECT_EQ(result.name, name);
    EXPECT_TRUE(result.equal);
    EXPECT_TRUE(result.eof_after_close);
}

TEST(byte_stream, round_trip_tcp) { expect_round_trip(scheme::tcp, echo_kind::plain, "tcp"); }
TEST(byte_stream, round_trip_tls) { expect_round_trip(scheme::tls, echo_kind::tls, "tls"); }
TEST(byte_stream, round_trip_ws) { expect_round_trip(scheme::ws, echo_kind::ws, "ws"); }
TEST(byte_stream, round_trip_wss) { expect_round_trip(scheme::wss, echo_kind::wss, "wss"); }

TEST(byte_stream, round_trip_wss_by_name_and_client_certificate) {
    asio::io_context context;
    auto acceptor = listen_loopback(context);
    const auto port = port_of(acceptor);
    start_echo_server(std::move(acceptor), echo_kind::wss, certs().server_crt, certs().server_key, true);
    auto config = config_for(scheme::wss, port);
    config.host = "localhost";  // resolves to ::1 too: the refused ::1 is skipped
    config.tls.certfile = certs().client_crt;
    config.tls.keyfile = certs().client_key;
    config.tls.key_password = "secret";
    config.tls.min_version = "tlsv1.2";
    round_trip_result result;
    ASSERT_TRUE(run_bounded(context, round_trip(config, &result)));
    EXPECT_EQ(result.connect_message, "");
    EXPECT_TRUE(result.equal);
}

struct pending_read_result {
    std::string connect_message;
    bool read_done = false;
    bool read_failed = false;
    std::chrono::milliseconds close_took{};
};

asio::awaitable<void> pending_reader(byte_stream* stream, pending_read_result* out) {
    std::array<std::uint8_t, 64> sink{};
    auto n = co_await stream->read_some(asio::buffer(sink));
    out->read_failed = !n;
    out->read_done = true;
}

// The session driver's way to end: a read pending in its read loop while it closes.
asio::awaitable<void> close_with_read_pending(transport_config config, pending_read_result* out) {
    auto executor = co_await asio::this_coro::executor;
    auto outcome = co_await connect(executor, config, {});
    if (!outcome.ok()) {
        out->connect_message = outcome.failure.message;
        co_return;
    }
    asio::co_spawn(executor, pending_reader(outcome.stream.get(), out), asio::detached);
    asio::steady_timer yield_once(executor, 10ms);  // let the read start
    co_await yield_once.async_wait(asio::use_awaitable);
    const auto start = std::chrono::steady_clock::now();
    co_await outcome.stream->close_gracefully(2s);
    out->close_took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    for (int i = 0; i < 100 && !out->read_done; ++i) {  // the reader's completion is already queued
        asio::steady_timer tick(executor, 1ms);
        co_await tick.async_wait(asio::use_awaitable);
    }
}

TEST(byte_stream, close_gracefully_with_a_read_pending_ends_the_read_promptly) {
    for (const auto& [kind, server] : {std::pair{scheme::tcp, echo_kind::plain}, std::pair{scheme::tls, echo_kind::tls},
                                       std::pair{scheme::ws, echo_kind::ws}, std::pair{scheme::wss, echo_kind::wss}}) {
        SCOPED_TRACE(scheme_name(kind));
        asio::io_context context;
        auto acceptor = listen_loopback(context);
        const auto port = port_of(acceptor);
        start_echo_server(std::move(acceptor), server, certs().server_crt, certs().server_key);
        pending_read_result result;
        ASSERT_TRUE(run_bounded(context, close_with_read_pending(config_for(kind, port), &result)));
        EXPECT_EQ(result.connect_message, "");
        EXPECT_TRUE(result.read_done);
        EXPECT_TRUE(result.read_failed);
        EXPECT_LT(result.close_took, 1500ms);
    }
}

struct raw_result {
    std::string connect_message;
    std::vector<std::uint8_t> got;
    boost::system::error_code last;
};

// Connects to the raw server, optionally writes `packet`, reads `want` bytes in `chunk`-sized
// reads, then one more read (its error in `last`), then closes.
asio::awaitable<void> raw_client(transport_config config, std::vector<std::uint8_t> packet, std::size_t want,
                                 std::size_t chunk, raw_result* out) {
    auto outcome = co_await connect(co_await asio::this_coro::executor, config, {});
    if (!outcome.ok()) {
        out->connect_message = outcome.failure.message;
        co_return;
    }
    if (!packet.empty()) std::ignore = co_await outcome.stream->write(packet);
    out->got = co_await read_exactly(*outcome.stream, want, chunk);
    if (want > 0 || packet.empty()) {
        std::array<std::uint8_t, 64> sink{};
        auto next = co_await outcome.stream->read_some(asio::buffer(sink));
        if (!next) out->last = next.error();
    }
    co_await outcome.stream->close_gracefully(1s);
}

TEST(websocket, one_packet_is_one_binary_message_and_request_is_right) {
    asio::io_context context;
    auto acceptor = listen_loopback(context);
    const auto port = port_of(acceptor);
    auto state = std::make_shared<raw_ws_state>();
    state->capture = 2 + 2 + 4 + 1000;  // header, 16-bit length, mask, payload
    start_raw_ws_server(std::move(acceptor), state);
    auto config = config_for(scheme::ws, port);
    config.ws.user_agent = "wsmqtt/test";
    config.ws.headers = {{"X-Test", "1"}};
    raw_result result;
    ASSERT_TRUE(run_bounded(context, raw_client(config, pattern(1000, 9), 0, 16, &result)));
    EXPECT_EQ(result.connect_message, "");
    const std::string& frame = state->captured;
    ASSERT_EQ(frame.size(), 1008U);
    EXPECT_EQ(static_cast<std::uint8_t>(frame[0]), 0x82);  // FIN + binary
    EXPECT_EQ(static_cast<std::uint8_t>(frame[1]), 0x80 | 126);  // masked, 16-bit length
    EXPECT_EQ((static_cast<std::uint8_t>(frame[2]) << 8U) | static_cast<std::uint8_t>(frame[3]), 1000);
    EXPECT_EQ(state->after, 0x88);  // next frame: our close
    const std::string& request = state->request;
    EXPECT_NE(request.find("GET /mqtt HTTP/1.1\r\n"), std::string::npos) << request;
    EXPECT_NE(request.find("Host: 127.0.0.1:" + std::to_string(port) + "\r\n"), std::string::npos) << request;
    EXPECT_NE(request.find("Sec-WebSocket-Protocol: mqtt\r\n"), std::string::npos) << request;
    EXPECT_NE(request.find("User-Agent: wsmqtt/test\r\n"), std::string::npos) << request;
    EXPECT_NE(request.find("X-Test: 1\r\n"), std::string::npos) << request;
    EXPECT_EQ(request.find("deflate"), std::string::npos) << request;
}

TEST(websocket, reads_a_byte_stream_across_any_frames) {
    const auto data = pattern(1000, 4);
    const auto text = [&](std::size_t from, std::size_t to) {
        return std::string(reinterpret_cast<const char*>(data.data() + from), to - from);
    };
    std::string frames;
    frames += server_frame(0x2, false, text(0, 1));          // a packet split over two frames
    frames += server_frame(0x0, true, text(1, 300));
    frames += server_frame(0x2, true, text(300, 301));       // a one-byte message
    frames += server_frame(0x2, false, text(301, 302));      // then 100 one-byte frames,
    for (std::size_t i = 302; i < 400; ++i) {
        frames += server_frame(0x0, false, text(i, i + 1));
        if (i == 350) frames += server_frame(0x9, true, "ping");  // with a ping among them
    }
    frames += server_frame(0x0, true, text(400, 401));
    frames += server_frame(0x2, true, "");                   // an empty message
    frames += server_frame(0x2, true, text(401, 1000));
    frames += server_frame(0x8, true, std::string("\x03\xe8", 2));  // close 1000

    asio::io_context context;
    auto acceptor = listen_loopback(context);
    const auto port = port_of(acceptor);
    auto state = std::make_shared<raw_ws_state>();
    state->frames = frames;
    start_raw_ws_server(std::move(acceptor), state);
    raw_result result;
    ASSERT_TRUE(run_bounded(context, raw_client(config_for(scheme::ws, port), {}, data.size(), 7, &result)));
    EXPECT_EQ(result.connect_message, "");
    EXPECT_EQ(result.got, data);
    EXPECT_EQ(result.last, asio::error::eof) << result.last.message();
}

// After the client is done: lets the raw server finish reading what the client sent last (the
// client closes without waiting for it).
void let_server_finish(asio::io_context& context, const raw_ws_state& state) {
    for (int i = 0; i < 100 && !state.finished; ++i) {
        context.restart();
        context.run_for(20ms);
    }
}

// The client's masked frame in `captured`: {opcode byte, payload unmasked}.
std::pair<int, std::string> unmasked(const std::string& frame) {
    if (frame.size() < 6) return {-1, {}};
    const auto length = static_cast<std::size_t>(static_cast<std::uint8_t>(frame[1]) & 0x7FU);
    std::string payload = frame.substr(6, length);
    for (std::size_t i = 0; i < payload.size(); ++i) payload[i] = static_cast<char>(payload[i] ^ frame[2 + i % 4]);
    return {static_cast<std::uint8_t>(frame[0]), payload};
}

// The raw server sends `frames` after the 101; the client reads once (to the end of the stream)
// and closes; the server captures the first `capture` bytes the client sent back.
struct answered {
    raw_result result;
    std::shared_ptr<raw_ws_state> state = std::make_shared<raw_ws_state>();
};
answered answer_to(std::string frames, std::size_t capture) {
    answered a;
    asio::io_context context;
    auto acceptor = listen_loopback(context);
    const auto port = port_of(acceptor);
    a.state->frames = std::move(frames);
    a.state->capture = capture;
    start_raw_ws_server(std::move(acceptor), a.state);
    EXPECT_TRUE(run_bounded(context, raw_client(config_for(scheme::ws, port), {}, 0, 16, &a.result)));
    let_server_finish(context, *a.state);
    EXPECT_EQ(a.result.connect_message, "");
    EXPECT_EQ(a.result.last, asio::error::eof) << a.result.last.message();
    return a;
}

TEST(websocket, a_ping_is_answered_with_its_payload) {
    const auto a = answer_to(server_frame(0x9, true, "abc") + server_frame(0x8, true, ""), 2 + 4 + 3);
    EXPECT_EQ(unmasked(a.state->captured), std::pair(0x8A, std::string("abc")));
    EXPECT_EQ(a.state->after, 0x88);  // then the answer to its close
}

TEST(websocket, the_brokers_close_is_answered_with_its_code_and_ends_the_stream) {
    const auto a = answer_to(server_frame(0x8, true, std::string("\x03\xe9", 2)), 2 + 4 + 2);  // 1001 going away
    EXPECT_EQ(unmasked(a.state->captured), std::pair(0x88, std::string("\x03\xe9", 2)));
}

TEST(websocket, text_frame_is_an_error) {
    asio::io_context context;
    auto acceptor = listen_loopback(context);
    const auto port = port_of(acceptor);
    auto state = std::make_shared<raw_ws_state>();
    state->frames = server_frame(0x1, true, "hello");
    start_raw_ws_server(std::move(acceptor), state);
    raw_result result;
    ASSERT_TRUE(run_bounded(context, raw_client(config_for(scheme::ws, port), {}, 0, 16, &result)));
    EXPECT_EQ(result.connect_message, "");
    EXPECT_EQ(result.last, transport_errc::text_frame) << result.last.message();
}

TEST(websocket, message_over_read_message_max_is_an_error) {
    asio::io_context context;
    auto acceptor = listen_loopback(context);
    const auto port = port_of(acceptor);
    auto state = std::make_shared<raw_ws_state>();
    state->frames = server_frame(0x2, true, std::string(2000, 'x'));
    start_raw_ws_server(std::move(acceptor), state);
    auto config = config_for(scheme::ws, port);
    config.ws.read_message_max = 1000;
    raw_result result;
    ASSERT_TRUE(run_bounded(context, raw_client(config, {}, 0, 16, &result)));
    EXPECT_TRUE(result.last.failed());
}

}  // namespace
}  // namespace wsmqtt::transport
