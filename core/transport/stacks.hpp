// Internal: the tcp and tls stacks and the byte_stream implementation over them (ws and wss:
// ws_stream.hpp). Heavy includes; only transport .cpp files include this.
#pragma once

#include <memory>
#include <type_traits>

#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "core/transport/byte_stream.hpp"
#include "core/transport/stream_end.hpp"

namespace wsmqtt::transport::detail {

namespace beast = boost::beast;
namespace ssl = boost::asio::ssl;

// The bottom layer is Asio's socket, not beast::tcp_stream: connect() bounds its stages with a
// timer of its own and nothing else uses tcp_stream's timeouts, which cost each connection about
// half a kilobyte of state and a wrapping operation around every read and write.
using tcp_socket = asio::ip::tcp::socket;
using tcp_stack = tcp_socket;
using tls_stack = beast::ssl_stream<tcp_socket>;

template <class Stack>
inline constexpr bool is_tls_stack = std::is_same_v<Stack, tls_stack>;

// The TLS context outlives the stream that uses it: it is declared first.
template <class Stack>
class stack_stream final : public byte_stream {
public:
    // Member templates, so that the explicit instantiations in stacks.cpp do not instantiate the
    // constructor of the other kind (clang 14 instantiates constrained members regardless).
    template <class Executor = asio::any_io_executor>
        requires(!is_tls_stack<Stack>)
    explicit stack_stream(Executor executor) : stack_(executor) {}

    template <class Executor = asio::any_io_executor>
        requires(is_tls_stack<Stack>)
    stack_stream(Executor executor, std::shared_ptr<ssl::context> context)
        : context_(std::move(context)), stack_(executor, *context_) {}

    ~stack_stream() override;

    asio::awaitable<boost::system::result<std::size_t>> read_some(asio::mutable_buffer into) override;
    asio::awaitable<boost::system::result<void>> write(std::span<std::uint8_t> bytes) override;
    asio::awaitable<void> close_gracefully(std::chrono::milliseconds bound) override;
    void abort() noexcept override;
    [[nodiscard]] bool reads_when_resumed() const noexcept override { return !is_tls_stack<Stack>; }
    [[nodiscard]] std::string_view name() const noexcept override;
    [[nodiscard]] asio::any_io_executor get_executor() override { return stack_.get_executor(); }

    Stack& stack() noexcept { return stack_; }
    tcp_socket& lowest() noexcept { return beast::get_lowest_layer(stack_); }

private:
    std::shared_ptr<ssl::context> context_;
    Stack stack_;
    close_deadline close_deadline_;
    bool read_pending_ = false;
    asio::steady_timer* read_waiter_ = nullptr;  // set while close_gracefully waits for a read
};

extern template class stack_stream<tcp_stack>;
extern template class stack_stream<tls_stack>;

}  // namespace wsmqtt::transport::detail
