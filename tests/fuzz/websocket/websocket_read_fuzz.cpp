// Fuzz target for the client's WebSocket read path: raw bytes from a "server" arrive as WebSocket
// frames at the ws byte_stream (core/transport ws_stream.cpp, the same ws_stream<tcp_stack> the
// client connects with, upgraded and configured as connect.cpp does it), whose read_some feeds a
// codec::stream_decoder, as the session driver does.
//
// The two ends are a socketpair in one io_context: the server end first answers the upgrade
// with Beast (sub-protocol mqtt), then writes the fuzzer's bytes unchanged, in seeded chunks, as
// if they were frames, and half-closes; meanwhile it drains whatever the client sends (pongs,
// its close frame) so the client can never block on a full socket.
//
// Input layout: byte 0 = the client's read buffer (bits 0-5: 1..64 bytes; bit 6: 4096 bytes),
// byte 1 = chunking seed, byte 2 = read_message_max (0: the default 256 MiB, n: 4 * n bytes); the
// rest is the server's bytes.
//
// Checks (abort on failure): the exchange ends (no hang: a 10 s guard); read_some never reports
// more bytes than the buffer or than the server sent; each read is at least one byte.
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "core/codec/stream_decoder.hpp"
#include "core/transport/stacks.hpp"
#include "core/transport/ws_stream.hpp"

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace websocket = boost::beast::websocket;
using wsmqtt::transport::detail::tcp_stack;
using wsmqtt::transport::detail::ws_stream;
using server_stream = websocket::stream<beast::tcp_stream, false>;

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "websocket_read_fuzz: %s\n", what);
    std::abort();
}

struct exchange {
    std::span<const std::uint8_t> server_bytes;
    std::size_t read_size = 1;
    std::uint32_t seed = 1;
    std::size_t read_message_max = 268'435'455u + 5u;
    bool client_done = false;
    bool server_done = false;
};

asio::awaitable<void> drain_server(server_stream& server) {
    // Swallows what the client sends after the upgrade (pongs, its close frame) until it closes.
    std::vector<char> sink(4096);
    for (;;) {
        auto [ec, n] = co_await server.next_layer().async_read_some(asio::buffer(sink), use_tuple);
        if (ec) break;
    }
}

asio::awaitable<void> run_server(server_stream& server, exchange& x) {
    server.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& response) { response.set(http::field::sec_websocket_protocol, "mqtt"); }));
    auto [ec] = co_await server.async_accept(use_tuple);
    if (ec) fail("server: upgrade failed");
    asio::co_spawn(server.get_executor(), drain_server(server), asio::detached);
    auto& raw = server.next_layer();
    std::uint32_t seed = x.seed;
    std::size_t pos = 0;
    while (pos < x.server_bytes.size()) {
        seed = seed * 1'103'515'245u + 12'345u;
        const std::size_t n = std::min<std::size_t>(1 + ((seed >> 16) % 97), x.server_bytes.size() - pos);
        auto [write_ec, written] =
            co_await asio::async_write(raw, asio::buffer(x.server_bytes.data() + pos, n), use_tuple);
        if (write_ec) break;  // the client gave up (protocol error): fine
        pos += written;
    }
    boost::system::error_code ignored;
    raw.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
    x.server_done = true;
}

asio::awaitable<void> run_client(ws_stream<tcp_stack>& client, exchange& x) {
    client.read_message_max(x.read_message_max);
    wsmqtt::transport::detail::upgrade_request request;
    request.host = "127.0.0.1:8083";
    request.target = "/mqtt";
    request.subprotocols = "mqtt";
    wsmqtt::transport::detail::upgrade_response response;
    if (auto ec = co_await client.upgrade(request, response)) fail("client: upgrade failed");

    wsmqtt::codec::stream_decoder decoder(wsmqtt::codec::protocol_version::v5, wsmqtt::codec::sender::server);
    std::vector<std::uint8_t> buffer(x.read_size);
    std::size_t total = 0;
    for (std::size_t reads = 0; reads < 1'000'000; ++reads) {
        auto got = co_await client.read_some(asio::buffer(buffer));
        if (!got) break;  // eof, a protocol error, a text frame, a message over read_message_max
        if (*got == 0) fail("read_some returned zero bytes without an error");
        if (*got > buffer.size()) fail("read_some reported more than the buffer");
        total += *got;
        if (total > x.server_bytes.size()) fail("read more payload than the server sent");
        decoder.feed(std::span<const std::uint8_t>(buffer.data(), *got));
        bool decode_failed = false;
        for (int guard = 0; guard < 100'000; ++guard) {
            auto next = decoder.next();
            if (!next) {
                decode_failed = true;
                break;
            }
            if (!*next) break;
        }
        if (decode_failed) break;  // the driver closes the connection on a malformed packet
    }
    co_await client.close_gracefully(std::chrono::milliseconds(2000));
    x.client_done = true;
}

asio::io_context& context() {
    static asio::io_context io{1};
    return io;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 3) return 0;
    exchange x;
    x.read_size = (data[0] & 0x40u) ? 4096u : 1u + (data[0] & 0x3Fu);
    x.seed = data[1] + 1u;
    if (data[2] != 0) x.read_message_max = std::size_t{data[2]} * 4u;
    x.server_bytes = std::span<const std::uint8_t>(data + 3, size - 3);

    static const bool sigpipe_ignored = [] { return std::signal(SIGPIPE, SIG_IGN) != SIG_ERR; }();
    (void)sigpipe_ignored;
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) fail("socketpair");
    auto& io = context();
    io.restart();
    {
        // The stack's lowest layer is a TCP socket; a stream socketpair behaves the same for reads
        // and writes and costs no port (a fuzz run makes millions of these).
        auto client = std::make_unique<ws_stream<tcp_stack>>(io.get_executor());
        client->lowest().assign(asio::ip::tcp::v4(), fds[0]);
        server_stream server(io);
        server.next_layer().socket().assign(asio::ip::tcp::v4(), fds[1]);

        asio::co_spawn(io, run_server(server, x), asio::detached);
        asio::co_spawn(io, run_client(*client, x), asio::detached);
        // Every coroutine ends by itself: the server after its last byte, the client at the end of
        // the stream (its close then shuts the socket, which ends the drain).
        io.run_for(std::chrono::seconds(10));
        if (!io.stopped() || !x.client_done || !x.server_done) fail("the exchange did not end within 10 s");
    }
    return 0;
}
