#include "core/codec/stream_decoder.hpp"

#include "core/codec/buffer_release.hpp"
#include "core/codec/errors.hpp"

namespace wsmqtt::codec {

namespace {
// What the buffer may keep between packets: enough for the usual packets without reallocating.
constexpr std::size_t kept_capacity = 256 * 1024;
}  // namespace

stream_decoder::stream_decoder(protocol_version version, sender from, std::size_t max_size)
    : version_(version), from_(from), max_packet_size_(max_size) {}

void stream_decoder::feed(std::span<const std::uint8_t> bytes) {
    if (bytes.empty()) return;
    // Compact before growing: consumed bytes are dropped only when they are at least half of the
    // buffer, so each byte is moved O(1) times on average and no copy happens per packet.
    if (begin_ > 0 && (begin_ == buffer_.size() || begin_ >= buffer_.size() / 2)) compact();
    buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
}

void stream_decoder::compact() {
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(begin_));
    begin_ = 0;
}

boost::system::error_code stream_decoder::fail(boost::system::error_code ec) noexcept {
    error_ = ec;
    return ec;
}

boost::system::result<std::optional<packet>> stream_decoder::next() {
    if (error_) return error_;
    const auto pending = buffered();
    if (pending.empty()) return std::optional<packet>{};
    if (auto ok = check_first_byte(pending.front(), version_, from_); !ok) return fail(ok.error());
    auto header = parse_fixed_header(pending);
    if (!header) return fail(header.error());
    if (!*header) {
        // Only the first byte is there, or the length is still arriving.
        return std::optional<packet>{};
    }
    const auto& h = **header;
    const std::size_t total = std::size_t{h.header_size} + h.remaining_length;
    // Checked before the body arrives, so an oversize packet is never buffered [MQTT-3.1.2-24].
    if (total > max_packet_size_) return fail(codec_error::packet_too_large);
    if (pending.size() < total) {
        // Room for exactly the rest of this packet, once: left to insert()'s doubling, a 16 MiB
        // message would be copied a dozen times on its way in and end in a 32 MiB buffer.
        if (begin_ + total > buffer_.capacity()) {
            compact();
            buffer_.reserve(total);
        }
        return std::optional<packet>{};
    }

    auto decoded = decode_body(h.first_byte, pending.subspan(h.header_size, h.remaining_length), version_, from_);
    if (!decoded) return fail(decoded.error());
    begin_ += total;
    if (begin_ == buffer_.size()) {
        // Before the packet (which holds a copy of its payload) goes on: a 16 MiB message is not
        // held twice while it is printed.
        clear_and_release_if_above(buffer_, kept_capacity);
        begin_ = 0;
    }
    if (from_ == sender::client) {
        if (const auto* c = std::get_if<connect>(&*decoded)) version_ = c->version;
    }
    return std::optional<packet>{std::move(*decoded)};
}

std::span<const std::uint8_t> stream_decoder::buffered() const noexcept {
    return std::span<const std::uint8_t>(buffer_).subspan(begin_);
}

std::optional<std::uint8_t> stream_decoder::pending_first_byte() const noexcept {
    if (begin_ < buffer_.size()) return buffer_[begin_];
    return std::nullopt;
}

void stream_decoder::reset() noexcept {
    buffer_.clear();
    begin_ = 0;
    error_ = {};
}

}  // namespace wsmqtt::codec
