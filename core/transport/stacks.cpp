// The byte_stream implementation for tcp and tls (see stacks.hpp).
#include "core/transport/stacks.hpp"

#include <array>
#include <tuple>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include "core/transport/stream_end.hpp"

namespace wsmqtt::transport::detail {
namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

}  // namespace

template <class Stack>
stack_stream<Stack>::~stack_stream() = default;

template <class Stack>
asio::awaitable<boost::system::result<std::size_t>> stack_stream<Stack>::read_some(asio::mutable_buffer into) {
    read_pending_ = true;
    boost::system::error_code ec;
    std::size_t n = 0;
    if constexpr (is_tls_stack<Stack>) {
        std::tie(ec, n) = co_await stack_.async_read_some(into, use_tuple);
    } else {
        while (!read_now(stack_, into, n, ec)) {
            std::tie(ec) = co_await stack_.async_wait(tcp_socket::wait_read, use_tuple);
            if (ec) break;
        }
    }
    read_pending_ = false;
    if (read_waiter_ != nullptr) read_waiter_->cancel();
    if (ec) co_return normalize_end(ec);
    co_return n;
}

template <class Stack>
asio::awaitable<boost::system::result<void>> stack_stream<Stack>::write(std::span<std::uint8_t> bytes) {
    auto [ec, n] = co_await asio::async_write(stack_, asio::buffer(bytes.data(), bytes.size()), use_tuple);
    if (ec) co_return normalize_end(ec);
    co_return boost::system::result<void>{};
}

template <class Stack>
asio::awaitable<void> stack_stream<Stack>::close_gracefully(std::chrono::milliseconds bound) {
    const auto deadline = std::chrono::steady_clock::now() + bound;
    close_deadline_.arm(stack_.get_executor(), deadline, this);
    if constexpr (is_tls_stack<Stack>) {
        // SSL_shutdown must not run beside a pending SSL_read on the same engine: with a read
        // pending, half-close TCP instead (the broker then closes; after an MQTT DISCONNECT
        // nothing is lost), and let that read see the end.
        if (read_pending_) {
            boost::system::error_code ignored;
            lowest().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
            co_await wait_until(stack_.get_executor(), &read_waiter_, deadline);
        } else {
            std::ignore = co_await stack_.async_shutdown(use_tuple);
        }
    } else {
        // Asked before our FIN is queued (it counts as unacknowledged until the peer ACKs it). When
        // everything we sent has been acknowledged and nothing unread waits, closing at once
        // cannot lose a byte or provoke a reset, and waiting for the broker's FIN would only add
        // its scheduling delay to every one-shot publish (mosquitto_pub does not wait either).
        const bool settled = nothing_in_flight(lowest());
        boost::system::error_code ec;
        lowest().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
        if (!settled && read_pending_) {
            co_await wait_until(stack_.get_executor(), &read_waiter_, deadline);
        } else if (!settled && !ec) {
            // Drain to the peer's FIN so the kernel does not answer unread data with a reset.
            std::array<char, 512> sink{};
            for (int i = 0; i < 1024; ++i) {
                auto [read_ec, n] = co_await stack_.async_read_some(asio::buffer(sink), use_tuple);
                if (read_ec) break;
            }
        }
    }
    close_deadline_.cancel();
    abort();
}

template <class Stack>
void stack_stream<Stack>::abort() noexcept {
    boost::system::error_code ignored;
    lowest().cancel(ignored);
    lowest().close(ignored);
}

template <class Stack>
std::string_view stack_stream<Stack>::name() const noexcept {
    return is_tls_stack<Stack> ? "tls" : "tcp";
}

template class stack_stream<tcp_stack>;
template class stack_stream<tls_stack>;

}  // namespace wsmqtt::transport::detail
