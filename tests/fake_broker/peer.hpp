#pragma once
// One accepted client connection of the fake broker, over plain TCP or WebSocket (server side,
// sub-protocol `mqtt`). Scenarios need control over the bytes *and* the framing, so this exposes
// raw writes, WebSocket frame-by-frame writes, text frames and close frames next to a packet
// reader that uses our own codec in broker mode.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/codec/packets.hpp"
#include "core/codec/stream_decoder.hpp"

namespace wsmqtt::fake_broker {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

enum class transport_kind : std::uint8_t { plain_tcp, websocket };

class peer {
public:
    peer(tcp::socket socket, transport_kind kind);

    // WebSocket: reads the upgrade request and accepts it with sub-protocol `mqtt`. TCP: no-op.
    asio::awaitable<bool> handshake();

    // The next whole packet the client sent, or nullopt once the client closed, the stream
    // failed or the client sent something our decoder rejects (see `last_error()`).
    asio::awaitable<std::optional<codec::packet>> read_packet();

    // Like read_packet but never returns PINGREQ: answers it with PINGRESP when `answer_ping`.
    asio::awaitable<std::optional<codec::packet>> read_non_ping(bool answer_ping);

    // Encodes `p` with the client's protocol version and sends it (one binary WebSocket message).
    asio::awaitable<bool> send(const codec::packet& p);

    // Bytes as given: TCP one write, WebSocket one binary message (or text when `text`).
    asio::awaitable<bool> send_raw(std::span<const std::uint8_t> bytes, bool text = false);

    // WebSocket: one message split into frames of `frame_size` bytes (continuation frames).
    // TCP: one write per `frame_size` bytes.
    asio::awaitable<bool> send_fragmented(std::span<const std::uint8_t> bytes, std::size_t frame_size);

    // One write (WebSocket message / TCP write) per byte, `interval_ms` apart.
    asio::awaitable<bool> send_dribbled(std::span<const std::uint8_t> bytes, unsigned interval_ms);

    // WebSocket: a close frame (normal closure) and waits for the answer, bounded. TCP: shutdown.
    asio::awaitable<void> close();

    // Drops the TCP connection at once (no close frame, no FIN wait).
    void abort() noexcept;

    // True when the client has sent bytes that nobody read yet (so a sender can stop and read).
    bool client_spoke() noexcept;

    // Reads and discards until the client closes (bounded by the broker's lifetime).
    asio::awaitable<void> drain();

    codec::protocol_version version() const noexcept { return decoder_.version(); }
    const std::string& last_error() const noexcept { return last_error_; }
    std::size_t id() const noexcept { return id_; }

private:
    asio::awaitable<std::size_t> read_some_bytes();
    asio::awaitable<bool> write_message(std::span<const std::uint8_t> bytes, bool text);

    transport_kind kind_;
    beast::tcp_stream tcp_;  // used directly for TCP; moved into ws_ for WebSocket
    std::optional<websocket::stream<beast::tcp_stream>> ws_;
    beast::flat_buffer ws_buffer_;
    std::vector<std::uint8_t> read_buffer_;
    codec::stream_decoder decoder_;
    std::string last_error_;
    std::size_t id_;
};

}  // namespace wsmqtt::fake_broker
