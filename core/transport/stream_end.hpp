// Internal: how the byte_streams end (stacks.cpp, ws_stream.cpp): what counts as the end of a
// stream, when closing at once is safe, the bound on a graceful close, waiting for a read.
#pragma once

#include <linux/sockios.h>
#include <sys/ioctl.h>

#include <chrono>
#include <memory>
#include <tuple>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <boost/asio/error.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/websocket/error.hpp>
#include <boost/system/error_code.hpp>

namespace wsmqtt::transport::detail {

// A peer that drops TCP without close_notify or a WebSocket close frame has simply ended the
// stream: MQTT framing is self-delimiting, so truncation cannot hide inside a packet unnoticed.
inline boost::system::error_code normalize_end(boost::system::error_code ec) {
    if (ec == boost::asio::ssl::error::stream_truncated || ec == boost::beast::websocket::error::closed ||
        ec == boost::beast::http::error::end_of_stream) {
        return boost::asio::error::eof;
    }
    return ec;
}

// No byte of ours waits in the kernel for the peer's acknowledgement (SIOCOUTQ) and none of the
// peer's waits to be read (FIONREAD). Either would make an immediate close risky: unread data
// turns close() into a reset, and a reset drops what was not yet delivered.
inline bool nothing_in_flight(boost::asio::ip::tcp::socket& socket) noexcept {
    const int fd = socket.native_handle();
    int unsent = 0;
    int unread = 0;
    return ::ioctl(fd, SIOCOUTQ, &unsent) == 0 && unsent == 0 && ::ioctl(fd, FIONREAD, &unread) == 0 && unread == 0;
}

// One read of what the socket holds now, never blocking the thread (the socket is made
// non-blocking the first time). False: nothing there yet; wait until it is readable and call
// again. The bytes land in `into` only here, after the wait (see byte_stream::reads_when_resumed).
inline bool read_now(boost::asio::ip::tcp::socket& socket, boost::asio::mutable_buffer into, std::size_t& n,
                     boost::system::error_code& ec) {
    if (!socket.non_blocking()) socket.non_blocking(true, ec);
    n = socket.read_some(into, ec);
    return ec != boost::asio::error::would_block && ec != boost::asio::error::try_again;
}

// Aborts a stream whose graceful close overruns its bound. The timer is made by the first close,
// so idle streams hold none; `alive_` lets an expiry that was already queued see that the stream
// has gone.
class close_deadline {
public:
    template <class Stream>
    void arm(const boost::asio::any_io_executor& executor, std::chrono::steady_clock::time_point deadline, Stream* stream) {
        if (!timer_) timer_ = std::make_unique<boost::asio::steady_timer>(executor);
        if (!alive_) alive_ = std::make_shared<bool>(true);
        timer_->expires_at(deadline);
        timer_->async_wait([stream, alive = std::weak_ptr<bool>(alive_)](boost::system::error_code ec) {
            if (!ec && !alive.expired()) stream->abort();
        });
    }
    void cancel() noexcept {
        if (timer_) timer_->cancel();
    }

private:
    std::unique_ptr<boost::asio::steady_timer> timer_;
    std::shared_ptr<bool> alive_;
};

// Waits until `deadline`, or until whoever finishes first cancels the timer `*waiter` points to
// meanwhile (a pending read ending, a write making room).
inline boost::asio::awaitable<void> wait_until(boost::asio::any_io_executor executor, boost::asio::steady_timer** waiter,
                                               std::chrono::steady_clock::time_point deadline) {
    boost::asio::steady_timer timer(executor, deadline);
    *waiter = &timer;
    std::ignore = co_await timer.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
    *waiter = nullptr;
}

}  // namespace wsmqtt::transport::detail
