// The byte_stream implementation over the four Beast stacks (see stacks.hpp).
#include "core/transport/stacks.hpp"

#include <array>
#include <tuple>

#include <linux/sockios.h>
#include <sys/ioctl.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include "core/transport/errors.hpp"

namespace wsmqtt::transport::detail {
namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// A peer that drops TCP without close_notify or a WebSocket close frame has simply ended the
// stream: MQTT framing is self-delimiting, so truncation cannot hide inside a packet unnoticed.
boost::system::error_code normalize_end(boost::system::error_code ec) {
    if (ec == asio::ssl::error::stream_truncated || ec == websocket::error::closed || ec == beast::http::error::end_of_stream) {
        return asio::error::eof;
    }
    return ec;
}

// No byte of ours waits in the kernel for the peer's acknowledgement (SIOCOUTQ) and none of the
// peer's waits to be read (FIONREAD). Either would make an immediate close risky: unread data
// turns close() into a reset, and a reset drops what was not yet delivered.
bool nothing_in_flight(asio::ip::tcp::socket& socket) noexcept {
    const int fd = socket.native_handle();
    int unsent = 0;
    int unread = 0;
    return ::ioctl(fd, SIOCOUTQ, &unsent) == 0 && unsent == 0 && ::ioctl(fd, FIONREAD, &unread) == 0 && unread == 0;
}

}  // namespace

template <class Stack>
stack_stream<Stack>::~stack_stream() = default;

template <class Stack>
asio::awaitable<boost::system::result<std::size_t>> stack_stream<Stack>::read_some(asio::mutable_buffer into) {
    read_pending_ = true;
    boost::system::error_code ec;
    std::size_t n = 0;
    // An empty WebSocket message carries no bytes: read on rather than report a zero-byte read.
    for (;;) {
        std::tie(ec, n) = co_await stack_.async_read_some(into, use_tuple);
        if constexpr (is_websocket_stack<Stack>) {
            if (!ec && stack_.got_text()) {
                ec = transport_errc::text_frame;
                break;
            }
        }
        if (ec || n > 0 || into.size() == 0) break;
    }
    read_pending_ = false;
    if (read_waiter_ != nullptr) read_waiter_->cancel();
    if constexpr (is_websocket_stack<Stack>) {
        // After the peer's close frame the stream has ended, whatever the teardown below said.
        if (ec && ec != transport_errc::text_frame && stack_.reason().code != websocket::close_code::none) ec = asio::error::eof;
    }
    if (ec) co_return normalize_end(ec);
    co_return n;
}

template <class Stack>
asio::awaitable<boost::system::result<void>> stack_stream<Stack>::write(std::span<const std::uint8_t> bytes) {
    const auto buffer = asio::buffer(bytes.data(), bytes.size());
    boost::system::error_code ec;
    if constexpr (is_websocket_stack<Stack>) {
        std::tie(ec, std::ignore) = co_await stack_.async_write(buffer, use_tuple);
    } else {
        std::tie(ec, std::ignore) = co_await asio::async_write(stack_, buffer, use_tuple);
    }
    if (ec) co_return normalize_end(ec);
    co_return boost::system::result<void>{};
}

template <class Stack>
asio::awaitable<void> stack_stream<Stack>::wait_for_pending_read(std::chrono::steady_clock::time_point deadline) {
    asio::steady_timer waiter(stack_.get_executor(), deadline);
    read_waiter_ = &waiter;
    std::ignore = co_await waiter.async_wait(use_tuple);
    read_waiter_ = nullptr;
}

template <class Stack>
asio::awaitable<void> stack_stream<Stack>::close_gracefully(std::chrono::milliseconds bound) {
    const auto deadline = std::chrono::steady_clock::now() + bound;
    close_timer_.expires_at(deadline);
    close_timer_.async_wait([this, alive = std::weak_ptr<bool>(alive_)](boost::system::error_code ec) {
        if (!ec && !alive.expired()) abort();
    });
    if constexpr (is_websocket_stack<Stack>) {
        // Without a pending read, Beast reads up to the peer's close frame and tears the
        // layers below down itself; with one, that read finishes the handshake.
        std::ignore = co_await stack_.async_close(websocket::close_code::normal, use_tuple);
        if (read_pending_) co_await wait_for_pending_read(deadline);
    } else if constexpr (is_tls_stack<Stack>) {
        // SSL_shutdown must not run beside a pending SSL_read on the same engine: with a read
        // pending, half-close TCP instead (the broker then closes; after an MQTT DISCONNECT
        // nothing is lost), and let that read see the end.
        if (read_pending_) {
            boost::system::error_code ignored;
            lowest().socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
            co_await wait_for_pending_read(deadline);
        } else {
            std::ignore = co_await stack_.async_shutdown(use_tuple);
        }
    } else {
        // Asked before our FIN is queued (it counts as unacknowledged until the peer ACKs it). When
        // everything we sent has been acknowledged and nothing unread waits, closing at once
        // cannot lose a byte or provoke a reset, and waiting for the broker's FIN would only add
        // its scheduling delay to every one-shot publish (mosquitto_pub does not wait either).
        const bool settled = nothing_in_flight(lowest().socket());
        boost::system::error_code ec;
        lowest().socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
        if (!settled && read_pending_) {
            co_await wait_for_pending_read(deadline);
        } else if (!settled && !ec) {
            // Drain to the peer's FIN so the kernel does not answer unread data with a reset.
            std::array<char, 512> sink{};
            for (int i = 0; i < 1024; ++i) {
                auto [read_ec, n] = co_await stack_.async_read_some(asio::buffer(sink), use_tuple);
                if (read_ec) break;
            }
        }
    }
    close_timer_.cancel();
    abort();
}

template <class Stack>
void stack_stream<Stack>::abort() noexcept {
    boost::system::error_code ignored;
    lowest().socket().cancel(ignored);
    lowest().socket().close(ignored);
}

template <class Stack>
std::string_view stack_stream<Stack>::name() const noexcept {
    if constexpr (std::is_same_v<Stack, tcp_stack>) return "tcp";
    else if constexpr (std::is_same_v<Stack, tls_stack>) return "tls";
    else if constexpr (std::is_same_v<Stack, ws_stack>) return "ws";
    else return "wss";
}

template class stack_stream<tcp_stack>;
template class stack_stream<tls_stack>;
template class stack_stream<ws_stack>;
template class stack_stream<wss_stack>;

}  // namespace wsmqtt::transport::detail
