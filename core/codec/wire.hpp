#pragma once
// Internal building blocks of the wire format (spec 1.5): big-endian integers, variable byte
// integers, UTF-8 strings, binary data and string pairs. Not part of the public API.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/codec/errors.hpp"

namespace wsmqtt::codec::detail {

inline constexpr std::uint32_t max_varint = 268'435'455;

constexpr std::size_t varint_size(std::uint32_t v) noexcept {
    return v < 128u ? 1 : v < 16'384u ? 2 : v < 2'097'152u ? 3 : 4;
}

// Reads with a sticky error: after the first failure every read returns a zero value and the
// error stays the first one, so decoders check once per field group instead of per byte.
class reader {
public:
    explicit reader(std::span<const std::uint8_t> data) noexcept : data_(data) {}

    std::uint8_t u8() noexcept;
    std::uint16_t u16() noexcept;
    std::uint32_t u32() noexcept;
    std::uint32_t varint() noexcept;  // up to 4 bytes; non-minimal forms accepted
    std::string utf8_string();        // length-prefixed, validated MQTT UTF-8
    std::vector<std::uint8_t> binary();
    std::span<const std::uint8_t> take(std::size_t n) noexcept;  // raw bytes
    std::span<const std::uint8_t> rest() noexcept;               // everything left

    std::size_t remaining() const noexcept { return data_.size() - pos_; }
    bool at_end() const noexcept { return pos_ == data_.size(); }
    bool ok() const noexcept { return err_ == codec_error{}; }
    codec_error error() const noexcept { return err_; }
    void fail(codec_error e) noexcept {
        if (ok()) err_ = e;
    }

private:
    bool need(std::size_t n, codec_error e) noexcept;

    std::span<const std::uint8_t> data_;
    std::size_t pos_ = 0;
    codec_error err_{};
};

// Writes into `out` when given one, else only counts; the encoder runs a counting pass (which
// validates) and then a writing pass, so the output grows exactly once and never on error.
class writer {
public:
    writer() noexcept = default;
    explicit writer(std::vector<std::uint8_t>& out) noexcept : out_(&out) {}

    void u8(std::uint8_t v);
    void u16(std::uint16_t v);
    void u32(std::uint32_t v);
    void varint(std::uint32_t v);
    void utf8_string(std::string_view s);  // validates length and MQTT UTF-8
    void binary(std::span<const std::uint8_t> b);
    void raw(std::span<const std::uint8_t> b);

    std::size_t count() const noexcept { return count_; }
    bool counting() const noexcept { return out_ == nullptr; }
    bool ok() const noexcept { return err_ == codec_error{}; }
    codec_error error() const noexcept { return err_; }
    void fail(codec_error e) noexcept {
        if (ok()) err_ = e;
    }

private:
    std::vector<std::uint8_t>* out_ = nullptr;
    std::size_t count_ = 0;
    codec_error err_{};
};

}  // namespace wsmqtt::codec::detail
