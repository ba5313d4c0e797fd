#include "tests/fake_broker/peer.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/field.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <variant>

#include "core/codec/encoder.hpp"

namespace wsmqtt::fake_broker {

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

std::atomic<std::size_t> next_id{1};

}  // namespace

peer::peer(tcp::socket socket, transport_kind kind)
    : kind_(kind),
      tcp_(std::move(socket)),
      read_buffer_(64 * 1024),
      decoder_(codec::protocol_version::v311, codec::sender::client),
      id_(next_id++) {}

asio::awaitable<bool> peer::handshake() {
    if (kind_ == transport_kind::plain_tcp) co_return true;
    ws_.emplace(std::move(tcp_));
    websocket::stream_base::timeout bounds{};
    bounds.handshake_timeout = std::chrono::seconds(10);
    bounds.idle_timeout = websocket::stream_base::none();
    bounds.keep_alive_pings = false;
    ws_->set_option(bounds);
    ws_->set_option(websocket::stream_base::decorator([](websocket::response_type& res) {
        res.set(beast::http::field::sec_websocket_protocol, "mqtt");
    }));
    ws_->auto_fragment(false);
    ws_->binary(true);
    auto [ec] = co_await ws_->async_accept(use_tuple);
    if (ec) {
        last_error_ = "websocket accept: " + ec.message();
        co_return false;
    }
    co_return true;
}

asio::awaitable<std::size_t> peer::read_some_bytes() {
    if (ws_) {
        auto [ec, n] = co_await ws_->async_read_some(asio::buffer(read_buffer_), use_tuple);
        if (ec && n == 0) {
            last_error_ = ec.message();
            co_return 0;
        }
        co_return n;
    }
    auto [ec, n] = co_await tcp_.async_read_some(asio::buffer(read_buffer_), use_tuple);
    if (ec && n == 0) {
        last_error_ = ec.message();
        co_return 0;
    }
    co_return n;
}

asio::awaitable<std::optional<codec::packet>> peer::read_packet() {
    for (;;) {
        auto next = decoder_.next();
        if (!next) {
            last_error_ = "client sent a malformed packet: " + next.error().message();
            co_return std::nullopt;
        }
        if (*next) co_return std::move(**next);
        const std::size_t n = co_await read_some_bytes();
        if (n == 0) co_return std::nullopt;
        decoder_.feed(std::span<const std::uint8_t>(read_buffer_.data(), n));
    }
}

asio::awaitable<std::optional<codec::packet>> peer::read_non_ping(bool answer_ping) {
    for (;;) {
        auto p = co_await read_packet();
        if (!p || !std::holds_alternative<codec::pingreq>(*p)) co_return p;
        std::fprintf(stderr, "fake-broker: %zu: PINGREQ%s\n", id_, answer_ping ? "" : " (not answered)");
        if (answer_ping && !co_await send(codec::pingresp{})) co_return std::nullopt;
    }
}

asio::awaitable<bool> peer::write_message(std::span<const std::uint8_t> bytes, bool text) {
    if (ws_) {
        ws_->text(text);
        auto [ec, n] = co_await ws_->async_write(asio::buffer(bytes.data(), bytes.size()), use_tuple);
        ws_->binary(true);
        if (ec) last_error_ = "write: " + ec.message();
        co_return !ec;
    }
    auto [ec, n] = co_await asio::async_write(tcp_, asio::buffer(bytes.data(), bytes.size()), use_tuple);
    if (ec) last_error_ = "write: " + ec.message();
    co_return !ec;
}

asio::awaitable<bool> peer::send(const codec::packet& p) {
    auto bytes = codec::encode(p, decoder_.version());
    if (!bytes) {
        last_error_ = "encode: " + bytes.error().message();
        co_return false;
    }
    co_return co_await write_message(*bytes, false);
}

asio::awaitable<bool> peer::send_raw(std::span<const std::uint8_t> bytes, bool text) {
    co_return co_await write_message(bytes, text);
}

asio::awaitable<bool> peer::send_fragmented(std::span<const std::uint8_t> bytes, std::size_t frame_size) {
    if (frame_size == 0) frame_size = 1;
    for (std::size_t at = 0; at < bytes.size(); at += frame_size) {
        const std::size_t n = std::min(frame_size, bytes.size() - at);
        const bool last = at + n == bytes.size();
        if (ws_) {
            auto [ec, w] = co_await ws_->async_write_some(last, asio::buffer(bytes.data() + at, n), use_tuple);
            if (ec) {
                last_error_ = "write: " + ec.message();
                co_return false;
            }
        } else if (!co_await write_message(bytes.subspan(at, n), false)) {
            co_return false;
        }
    }
    co_return true;
}

asio::awaitable<bool> peer::send_dribbled(std::span<const std::uint8_t> bytes, unsigned interval_ms) {
    asio::steady_timer timer(co_await asio::this_coro::executor);
    for (std::size_t at = 0; at < bytes.size(); ++at) {
        if (at > 0) {
            timer.expires_after(std::chrono::milliseconds(interval_ms));
            co_await timer.async_wait(use_tuple);
        }
        if (!co_await write_message(bytes.subspan(at, 1), false)) co_return false;
        std::fprintf(stderr, "fake-broker: %zu: dribbled byte %zu of %zu\n", id_, at + 1, bytes.size());
    }
    co_return true;
}

asio::awaitable<void> peer::close() {
    if (ws_) {
        // Bounded by the stream's handshake timeout (set in handshake()).
        co_await ws_->async_close(websocket::close_code::normal, use_tuple);
        co_return;
    }
    boost::system::error_code ignored;
    tcp_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    // Wait (bounded) for the client's FIN so the client sees an orderly close, not a reset.
    tcp_.expires_after(std::chrono::seconds(2));
    co_await drain();
}

void peer::abort() noexcept {
    boost::system::error_code ignored;
    auto& socket = ws_ ? ws_->next_layer().socket() : tcp_.socket();
    socket.shutdown(tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
}

bool peer::client_spoke() noexcept {
    boost::system::error_code ec;
    auto& socket = ws_ ? ws_->next_layer().socket() : tcp_.socket();
    const std::size_t n = socket.available(ec);
    return ec || n > 0 || ws_buffer_.size() > 0;
}

asio::awaitable<void> peer::drain() {
    // (g++ 12 miscompiles a co_await in a loop condition: keep it in the body.)
    for (;;) {
        const std::size_t n = co_await read_some_bytes();
        if (n == 0) break;
    }
}

}  // namespace wsmqtt::fake_broker
