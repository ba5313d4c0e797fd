// Internal: the byte_stream for ws and wss. The HTTP upgrade is Beast's HTTP (request, parser);
// the frames after it are ws_frame.hpp's, written straight onto the socket or TLS stream below.
// Heavy includes; only transport .cpp files (and tests of this layer) include this.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "core/transport/byte_stream.hpp"
#include "core/transport/stream_end.hpp"
#include "core/transport/ws_frame.hpp"

namespace wsmqtt::transport::detail {

namespace ssl = boost::asio::ssl;

// What the upgrade request carries besides Host, the key and the version.
struct upgrade_request {
    std::string host;    // "host:port", as the Host header
    std::string target;  // path?query
    std::string subprotocols;  // offered, comma-separated; empty: no Sec-WebSocket-Protocol
    std::string user_agent;  // empty: no User-Agent header
    std::vector<std::pair<std::string, std::string>> headers;
};

// The server's answer to the upgrade: its header (a refusal's body is not read).
using upgrade_response = boost::beast::http::response<boost::beast::http::empty_body>;

// Next is asio::ip::tcp::socket (ws) or beast::ssl_stream over it (wss).
template <class Next>
class ws_stream final : public byte_stream {
public:
    static constexpr bool tls = !std::is_same_v<Next, asio::ip::tcp::socket>;

    template <class Executor = asio::any_io_executor>
        requires(!tls)
    explicit ws_stream(Executor executor) : next_(executor) {}

    template <class Executor = asio::any_io_executor>
        requires(tls)
    ws_stream(Executor executor, std::shared_ptr<ssl::context> context)
        : context_(std::move(context)), next_(executor, *context_) {}

    ~ws_stream() override;

    // The opening handshake (RFC 6455 4.1) over the connected (and TLS-established) layer below.
    // Errors are Beast's: the HTTP read's, or websocket::error (upgrade_declined for a status
    // other than 101, with `response` holding the server's answer; no_connection_upgrade,
    // no_upgrade_websocket, no_sec_accept, bad_sec_accept for a wrong 101).
    asio::awaitable<boost::system::error_code> upgrade(const upgrade_request& request, upgrade_response& response);

    // Incoming messages longer than this are an error (websocket::error::message_too_big).
    void read_message_max(std::uint64_t bytes) noexcept { reader_ = ws::frame_reader(bytes); }

    asio::awaitable<boost::system::result<std::size_t>> read_some(asio::mutable_buffer into) override;
    // Masks `bytes` in place, then writes them as one binary frame.
    asio::awaitable<boost::system::result<void>> write(std::span<std::uint8_t> bytes) override;
    asio::awaitable<void> close_gracefully(std::chrono::milliseconds bound) override;
    void abort() noexcept override;
    [[nodiscard]] bool reads_when_resumed() const noexcept override { return !tls; }
    [[nodiscard]] std::string_view name() const noexcept override { return tls ? "wss" : "ws"; }
    [[nodiscard]] asio::any_io_executor get_executor() override { return next_.get_executor(); }

    Next& next() noexcept { return next_; }
    asio::ip::tcp::socket& lowest() noexcept;

private:
    std::size_t take_leftover(asio::mutable_buffer into);
    ws::frame_reader::result unframe(std::span<std::uint8_t> raw);
    asio::awaitable<void> flush_owed();
    asio::awaitable<boost::system::error_code> write_frames(std::span<const asio::const_buffer> buffers);

    std::shared_ptr<ssl::context> context_;  // wss: outlives next_ (declared first)
    Next next_;
    ws::frame_reader reader_{268435455ULL + 5U};
    std::vector<std::uint8_t> leftover_;  // bytes that came with the upgrade's answer (normally none)
    // Control frames (pong, close) the read side owes, written between data frames, never inside
    // one (RFC 6455 5.4): by the reader when no write is under way, else after that write.
    std::string owed_;
    std::array<std::uint8_t, ws::max_header_size> header_{};  // of the data frame being written
    close_deadline close_deadline_;
    asio::steady_timer* read_waiter_ = nullptr;   // close_gracefully waiting for a pending read
    asio::steady_timer* write_waiter_ = nullptr;  // a writer waiting for a control frame's write
    bool read_pending_ = false;
    bool write_busy_ = false;
    bool close_sent_ = false;
    bool aborted_ = false;
};

extern template class ws_stream<asio::ip::tcp::socket>;
extern template class ws_stream<boost::beast::ssl_stream<asio::ip::tcp::socket>>;

}  // namespace wsmqtt::transport::detail
