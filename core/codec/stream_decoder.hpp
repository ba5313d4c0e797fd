#pragma once
// A decoder for a byte stream: any chunking (one byte at a time, a packet split over many reads,
// many packets in one read). The maximum packet size is enforced as soon as the fixed header is
// complete, before the body is buffered. After an error the decoder stays failed.
#include <boost/system/error_code.hpp>
#include <boost/system/result.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/codec/decoder.hpp"
#include "core/codec/packets.hpp"

namespace wsmqtt::codec {

class stream_decoder {
public:
    explicit stream_decoder(protocol_version version, sender from,
                            std::size_t max_size = 268'435'460);

    // Appends bytes to the internal buffer (no parsing happens here).
    void feed(std::span<const std::uint8_t> bytes);

    // The next whole packet, nullopt when more bytes are needed, or the (sticky) error.
    // A broker-side decoder (sender::client) switches to the version a decoded CONNECT carries.
    boost::system::result<std::optional<packet>> next();

    void set_version(protocol_version v) noexcept { version_ = v; }
    protocol_version version() const noexcept { return version_; }
    // Whole-packet limit (fixed header included), e.g. the broker's Maximum Packet Size.
    void set_max_packet_size(std::size_t n) noexcept { max_packet_size_ = n; }
    std::size_t max_packet_size() const noexcept { return max_packet_size_; }

    bool failed() const noexcept { return static_cast<bool>(error_); }
    boost::system::error_code error() const noexcept { return error_; }

    // Bytes received but not consumed yet; after a failure, the bytes at the failure point
    // (so a caller can recognise "HTTP/1.1 ..." where a CONNACK was expected).
    std::span<const std::uint8_t> buffered() const noexcept;
    // Bytes of memory the buffer holds (its capacity): what a big packet costs while it arrives.
    std::size_t held_bytes() const noexcept { return buffer_.capacity(); }

    // The first byte of the packet being assembled, if any (type << 4 | flags).
    std::optional<std::uint8_t> pending_first_byte() const noexcept;

    // Drop buffered bytes and the error (e.g. a new connection).
    void reset() noexcept;

private:
    boost::system::error_code fail(boost::system::error_code ec) noexcept;
    void compact();  // drops the consumed prefix

    protocol_version version_;
    sender from_;
    std::size_t max_packet_size_;
    std::vector<std::uint8_t> buffer_;
    std::size_t begin_ = 0;  // consumed prefix of buffer_; compacted lazily
    boost::system::error_code error_;
};

}  // namespace wsmqtt::codec
