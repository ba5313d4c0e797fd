#include "core/codec/wire.hpp"

#include "core/codec/utf8.hpp"

namespace wsmqtt::codec::detail {

bool reader::need(std::size_t n, codec_error e) noexcept {
    if (!ok()) return false;
    if (remaining() < n) {
        fail(e);
        return false;
    }
    return true;
}

std::uint8_t reader::u8() noexcept {
    if (!need(1, codec_error::truncated_packet)) return 0;
    return data_[pos_++];
}

std::uint16_t reader::u16() noexcept {
    if (!need(2, codec_error::truncated_packet)) return 0;
    const auto v = static_cast<std::uint16_t>((data_[pos_] << 8) | data_[pos_ + 1]);
    pos_ += 2;
    return v;
}

std::uint32_t reader::u32() noexcept {
    if (!need(4, codec_error::truncated_packet)) return 0;
    const std::uint32_t v = (std::uint32_t{data_[pos_]} << 24) | (std::uint32_t{data_[pos_ + 1]} << 16) |
                            (std::uint32_t{data_[pos_ + 2]} << 8) | std::uint32_t{data_[pos_ + 3]};
    pos_ += 4;
    return v;
}

std::uint32_t reader::varint() noexcept {
    std::uint32_t value = 0;
    for (unsigned i = 0; i < 4; ++i) {
        if (!need(1, codec_error::malformed_varint)) return 0;
        const std::uint8_t b = data_[pos_++];
        value |= std::uint32_t{b & 0x7Fu} << (7 * i);
        if ((b & 0x80u) == 0) return value;
    }
    fail(codec_error::malformed_varint);
    return 0;
}

std::span<const std::uint8_t> reader::take(std::size_t n) noexcept {
    if (!need(n, codec_error::string_past_end)) return {};
    auto s = data_.subspan(pos_, n);
    pos_ += n;
    return s;
}

std::span<const std::uint8_t> reader::rest() noexcept {
    if (!ok()) return {};
    auto s = data_.subspan(pos_);
    pos_ = data_.size();
    return s;
}

std::string reader::utf8_string() {
    const std::uint16_t n = u16();
    const auto bytes = take(n);
    if (!ok()) return {};
    std::string s(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    if (!is_valid_mqtt_utf8(s)) {
        fail(codec_error::invalid_utf8);
        return {};
    }
    return s;
}

std::vector<std::uint8_t> reader::binary() {
    const std::uint16_t n = u16();
    const auto bytes = take(n);
    if (!ok()) return {};
    return {bytes.begin(), bytes.end()};
}

void writer::u8(std::uint8_t v) {
    ++count_;
    if (out_) out_->push_back(v);
}

void writer::u16(std::uint16_t v) {
    u8(static_cast<std::uint8_t>(v >> 8));
    u8(static_cast<std::uint8_t>(v));
}

void writer::u32(std::uint32_t v) {
    u8(static_cast<std::uint8_t>(v >> 24));
    u8(static_cast<std::uint8_t>(v >> 16));
    u8(static_cast<std::uint8_t>(v >> 8));
    u8(static_cast<std::uint8_t>(v));
}

void writer::varint(std::uint32_t v) {
    if (v > max_varint) {
        fail(codec_error::value_too_large);
        return;
    }
    do {
        auto b = static_cast<std::uint8_t>(v & 0x7Fu);
        v >>= 7;
        if (v != 0) b |= 0x80u;
        u8(b);
    } while (v != 0);
}

void writer::utf8_string(std::string_view s) {
    if (counting()) {
        if (s.size() > 0xFFFF) {
            fail(codec_error::string_too_long);
            return;
        }
        if (!is_valid_mqtt_utf8(s)) {
            fail(codec_error::invalid_utf8);
            return;
        }
    }
    u16(static_cast<std::uint16_t>(s.size()));
    raw({reinterpret_cast<const std::uint8_t*>(s.data()), s.size()});
}

void writer::binary(std::span<const std::uint8_t> b) {
    if (b.size() > 0xFFFF) {
        fail(codec_error::string_too_long);
        return;
    }
    u16(static_cast<std::uint16_t>(b.size()));
    raw(b);
}

void writer::raw(std::span<const std::uint8_t> b) {
    count_ += b.size();
    if (out_) out_->insert(out_->end(), b.begin(), b.end());
}

}  // namespace wsmqtt::codec::detail
