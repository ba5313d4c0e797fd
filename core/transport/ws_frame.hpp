// WebSocket framing (RFC 6455 section 5) for the client side, as pure functions and one small
// state machine: no I/O. The ws and wss byte_streams (ws_stream.hpp) write and read through it
// after the HTTP upgrade.
//
// Why not Beast's websocket::stream: it keeps about 2.4 KiB of state per connection (a fixed
// 1.5 KiB read buffer among it) and a large operation per pending read, which alone put a
// thousand WebSocket connections from one process over the 8 KiB each they may cost. MQTT needs
// little of WebSocket: binary messages out, a byte stream in, pings answered, a close handshake.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include <boost/system/error_code.hpp>

namespace wsmqtt::transport::ws {

enum class opcode : std::uint8_t { continuation = 0x0, text = 0x1, binary = 0x2, close = 0x8, ping = 0x9, pong = 0xA };

using masking_key = std::array<std::uint8_t, 4>;

// The longest header a client writes: 2 bytes, an 8-byte length, a 4-byte masking key.
inline constexpr std::size_t max_header_size = 14;

// The header of one final (FIN) frame from a client: always masked ([RFC 6455] 5.3). Returns the
// header's length; the payload that follows must be masked with the same key (apply_mask).
std::size_t encode_client_header(opcode op, std::uint64_t payload_size, const masking_key& key,
                                 std::span<std::uint8_t, max_header_size> out) noexcept;

// XORs `bytes` with the key in place, as for a payload that starts at byte 0 of the frame.
void apply_mask(std::span<std::uint8_t> bytes, const masking_key& key) noexcept;

// A whole masked control frame (close, ping, pong), payload of at most 125 bytes.
std::string encode_client_control(opcode op, std::span<const std::uint8_t> payload, const masking_key& key);

// A close frame's payload: the status code, big-endian (no reason text).
std::array<std::uint8_t, 2> close_payload(std::uint16_t code) noexcept;

// Frames from the server, read as a byte stream. unframe() takes raw bytes as they came from the
// socket, in any chunking (a header split over reads, many frames in one read), and rewrites the
// span in place: the payload bytes of binary messages (and their continuations) move to its
// front, headers and control frames are taken out. Pings and the close frame are remembered for
// the stream to answer. Every rule of section 5 a client must enforce is checked; the first
// violation is returned as one of Beast's websocket::error codes (a text frame as
// transport_errc::text_frame) and the reader stays failed.
class frame_reader {
public:
    // Messages longer than this fail with websocket::error::message_too_big.
    explicit frame_reader(std::uint64_t max_message_size) noexcept : max_message_(max_message_size) {}

    struct result {
        std::size_t data = 0;  // payload bytes now at the front of the span
        boost::system::error_code error;
    };
    result unframe(std::span<std::uint8_t> raw);

    // The newest ping's payload, once (an answer to the newest ping answers them all: 5.5.3).
    std::optional<std::string> take_ping();
    // The server's close frame has arrived; nothing after it is read.
    [[nodiscard]] bool closed() const noexcept { return closed_; }
    // Its status code (1005 "no status" when it carried none).
    [[nodiscard]] std::uint16_t close_code() const noexcept { return close_code_; }

private:
    boost::system::error_code check_start();
    boost::system::error_code start_frame();
    void finish_control();

    std::uint64_t max_message_;
    std::uint64_t message_size_ = 0;  // payload of the message under way so far
    std::uint64_t remaining_ = 0;     // payload bytes left in the current frame
    std::array<std::uint8_t, 10> header_{};
    std::uint8_t header_have_ = 0;  // 0: between frames
    opcode frame_op_ = opcode::binary;
    bool frame_fin_ = true;
    bool in_frame_ = false;          // header done, payload under way
    bool in_message_ = false;        // a binary message without its final frame yet
    bool closed_ = false;
    bool failed_ = false;
    std::uint16_t close_code_ = 1005;
    std::string control_;  // payload of the control frame under way (at most 125 bytes)
    std::optional<std::string> ping_;
    boost::system::error_code error_;
};

}  // namespace wsmqtt::transport::ws
