// The one interface the session driver sees: an ordered, reliable stream of bytes, whatever
// the stack below it (tcp, tls, ws, wss). MQTT packets are not known here.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/system/error_code.hpp>
#include <boost/system/result.hpp>

namespace wsmqtt::transport {

namespace asio = boost::asio;

// Rules, as in Beast: at most one read_some and one write pending at a time (one of each may
// be pending together); close_gracefully may run while a read_some is pending; abort() may be
// called at any time from the io_context's thread (timers use it) and makes pending
// operations complete with an error. The object must outlive its pending operations.
class byte_stream {
public:
    virtual ~byte_stream() = default;
    byte_stream() = default;
    byte_stream(const byte_stream&) = delete;
    byte_stream& operator=(const byte_stream&) = delete;

    // Some bytes (at least one) or an error. End of stream is asio::error::eof (a WebSocket
    // close frame from the peer is reported as eof too). A WebSocket text frame is
    // transport_errc::text_frame. Frame boundaries are invisible.
    virtual asio::awaitable<boost::system::result<std::size_t>> read_some(asio::mutable_buffer into) = 0;

    // Writes all bytes; over WebSocket as exactly one binary message (one packet or a batch).
    // The caller keeps the bytes alive until the write completes, and gives them up: WebSocket
    // masks them in place, so they are garbage afterwards (a copy would cost every byte sent).
    virtual asio::awaitable<boost::system::result<void>> write(std::span<std::uint8_t> bytes) = 0;

    // WebSocket close frame, TLS close_notify, TCP shutdown: each step bounded by `bound`
    // in total; an EOF or reset from the peer meanwhile is a normal end. Never fails; the
    // socket is closed on return.
    virtual asio::awaitable<void> close_gracefully(std::chrono::milliseconds bound) = 0;

    // Closes the socket now; pending operations complete with operation_aborted (or similar).
    virtual void abort() noexcept = 0;

    // True when read_some writes into its buffer only in the step that resumes the caller, never
    // while the caller waits (it waits for the socket to be readable, then reads at once). Every
    // such stream on one thread may then read into one shared buffer, provided each caller is
    // done with the bytes before it next suspends. TLS decrypts into the buffer while the caller
    // waits: not so.
    [[nodiscard]] virtual bool reads_when_resumed() const noexcept { return false; }

    // "tcp", "tls", "ws", "wss" (for -d logs).
    [[nodiscard]] virtual std::string_view name() const noexcept = 0;

    [[nodiscard]] virtual asio::any_io_executor get_executor() = 0;
};

}  // namespace wsmqtt::transport
