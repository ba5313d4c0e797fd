// Internal: the four Beast stacks and the byte_stream implementation over them. Heavy
// includes; only transport .cpp files include this.
#pragma once

#include <memory>
#include <type_traits>

#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "core/transport/byte_stream.hpp"

namespace wsmqtt::transport::detail {

namespace beast = boost::beast;
namespace ssl = boost::asio::ssl;
namespace websocket = boost::beast::websocket;

// deflateSupported=false: permessage-deflate is never offered (and not even compiled in).
using tcp_stack = beast::tcp_stream;
using tls_stack = beast::ssl_stream<beast::tcp_stream>;
using ws_stack = websocket::stream<beast::tcp_stream, false>;
using wss_stack = websocket::stream<beast::ssl_stream<beast::tcp_stream>, false>;

template <class Stack>
inline constexpr bool is_websocket_stack = std::is_same_v<Stack, ws_stack> || std::is_same_v<Stack, wss_stack>;
template <class Stack>
inline constexpr bool is_tls_stack = std::is_same_v<Stack, tls_stack> || std::is_same_v<Stack, wss_stack>;

// The TLS context outlives the stream that uses it: it is declared first.
template <class Stack>
class stack_stream final : public byte_stream {
public:
    // Member templates, so that the explicit instantiations in stacks.cpp do not instantiate the
    // constructor of the other kind (clang 14 instantiates constrained members regardless).
    template <class Executor = asio::any_io_executor>
        requires(!is_tls_stack<Stack>)
    explicit stack_stream(Executor executor) : stack_(executor), close_timer_(executor) {}

    template <class Executor = asio::any_io_executor>
        requires(is_tls_stack<Stack>)
    stack_stream(Executor executor, std::shared_ptr<ssl::context> context)
        : context_(std::move(context)), stack_(executor, *context_), close_timer_(executor) {}

    ~stack_stream() override;

    asio::awaitable<boost::system::result<std::size_t>> read_some(asio::mutable_buffer into) override;
    asio::awaitable<boost::system::result<void>> write(std::span<const std::uint8_t> bytes) override;
    asio::awaitable<void> close_gracefully(std::chrono::milliseconds bound) override;
    void abort() noexcept override;
    [[nodiscard]] std::string_view name() const noexcept override;
    [[nodiscard]] asio::any_io_executor get_executor() override { return stack_.get_executor(); }

    Stack& stack() noexcept { return stack_; }
    beast::tcp_stream& lowest() noexcept { return beast::get_lowest_layer(stack_); }

private:
    asio::awaitable<void> wait_for_pending_read(std::chrono::steady_clock::time_point deadline);

    std::shared_ptr<ssl::context> context_;
    Stack stack_;
    asio::steady_timer close_timer_;
    bool read_pending_ = false;
    asio::steady_timer* read_waiter_ = nullptr;  // set while close_gracefully waits for a read
    // Lets a late timer handler see that the stream has gone.
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

extern template class stack_stream<tcp_stack>;
extern template class stack_stream<tls_stack>;
extern template class stack_stream<ws_stack>;
extern template class stack_stream<wss_stack>;

}  // namespace wsmqtt::transport::detail
