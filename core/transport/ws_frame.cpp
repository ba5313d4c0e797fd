#include "core/transport/ws_frame.hpp"

#include <algorithm>
#include <cstring>

#include <boost/beast/websocket/error.hpp>

#include "core/transport/errors.hpp"

namespace wsmqtt::transport::ws {

using wserror = boost::beast::websocket::error;

namespace {

constexpr std::uint8_t fin_bit = 0x80;
constexpr std::uint8_t reserved_bits = 0x70;
constexpr std::uint8_t opcode_bits = 0x0F;
constexpr std::uint8_t mask_bit = 0x80;
constexpr std::uint8_t length_bits = 0x7F;
constexpr std::size_t max_control_payload = 125;

bool is_control(opcode op) noexcept { return (static_cast<std::uint8_t>(op) & 0x08U) != 0; }

bool is_known(std::uint8_t op) noexcept {
    return op <= 0x2 || (op >= 0x8 && op <= 0xA);
}

// Header bytes after the first two, by the 7-bit length field.
std::size_t extended_length_bytes(std::uint8_t length7) noexcept {
    return length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
}

}  // namespace

std::size_t encode_client_header(opcode op, std::uint64_t payload_size, const masking_key& key,
                                 std::span<std::uint8_t, max_header_size> out) noexcept {
    out[0] = static_cast<std::uint8_t>(fin_bit | static_cast<std::uint8_t>(op));
    std::size_t at = 2;
    if (payload_size < 126) {
        out[1] = static_cast<std::uint8_t>(mask_bit | payload_size);
    } else if (payload_size <= 0xFFFF) {
        out[1] = mask_bit | 126U;
        out[2] = static_cast<std::uint8_t>(payload_size >> 8U);
        out[3] = static_cast<std::uint8_t>(payload_size);
        at = 4;
    } else {
        out[1] = mask_bit | 127U;
        for (std::size_t i = 0; i < 8; ++i) out[2 + i] = static_cast<std::uint8_t>(payload_size >> (8U * (7 - i)));
        at = 10;
    }
    std::memcpy(out.data() + at, key.data(), key.size());
    return at + key.size();
}

void apply_mask(std::span<std::uint8_t> bytes, const masking_key& key) noexcept {
    // Eight bytes at a time: a bulk publisher masks every byte it sends.
    std::uint64_t wide = 0;
    for (std::size_t i = 0; i < 8; ++i) reinterpret_cast<std::uint8_t*>(&wide)[i] = key[i % 4];
    std::size_t i = 0;
    for (; i + 8 <= bytes.size(); i += 8) {
        std::uint64_t chunk = 0;
        std::memcpy(&chunk, bytes.data() + i, 8);
        chunk ^= wide;
        std::memcpy(bytes.data() + i, &chunk, 8);
    }
    for (; i < bytes.size(); ++i) bytes[i] ^= key[i % 4];
}

std::string encode_client_control(opcode op, std::span<const std::uint8_t> payload, const masking_key& key) {
    std::array<std::uint8_t, max_header_size> header{};
    const std::size_t size = std::min(payload.size(), max_control_payload);
    const std::size_t header_size = encode_client_header(op, size, key, header);
    std::string frame(header_size + size, '\0');
    std::memcpy(frame.data(), header.data(), header_size);
    std::memcpy(frame.data() + header_size, payload.data(), size);
    apply_mask(std::span<std::uint8_t>(reinterpret_cast<std::uint8_t*>(frame.data()) + header_size, size), key);
    return frame;
}

std::array<std::uint8_t, 2> close_payload(std::uint16_t code) noexcept {
    return {static_cast<std::uint8_t>(code >> 8U), static_cast<std::uint8_t>(code)};
}

frame_reader::result frame_reader::unframe(std::span<std::uint8_t> raw) {
    if (failed_) return {0, error_};
    std::size_t in = 0;
    std::size_t out = 0;
    const auto fail = [this](boost::system::error_code ec) {
        failed_ = true;
        error_ = ec;
    };
    while (in < raw.size() && !closed_) {
        if (!in_frame_) {
            header_[header_have_++] = raw[in++];
            if (header_have_ == 2) {
                if (auto ec = check_start()) {
                    fail(ec);
                    break;
                }
            }
            if (header_have_ < 2 || header_have_ < 2 + extended_length_bytes(header_[1] & length_bits)) continue;
            if (auto ec = start_frame()) {
                fail(ec);
                break;
            }
        } else {
            const auto take = static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, raw.size() - in));
            if (is_control(frame_op_)) {
                control_.append(reinterpret_cast<const char*>(raw.data() + in), take);
            } else {
                std::memmove(raw.data() + out, raw.data() + in, take);
                out += take;
            }
            in += take;
            remaining_ -= take;
        }
        if (in_frame_ && remaining_ == 0) {
            in_frame_ = false;
            if (is_control(frame_op_)) {
                finish_control();
            } else {
                in_message_ = !frame_fin_;
            }
        }
    }
    // Payload already taken out is delivered now; the error comes with the next call.
    if (failed_ && out == 0) return {0, error_};
    return {out, {}};
}

// The first two header bytes: what kind of frame, and whether it may come now.
boost::system::error_code frame_reader::check_start() {
    const std::uint8_t b0 = header_[0];
    const std::uint8_t b1 = header_[1];
    if ((b0 & reserved_bits) != 0) return wserror::bad_reserved_bits;  // no extension was agreed
    const std::uint8_t op = b0 & opcode_bits;
    if (!is_known(op)) return wserror::bad_opcode;
    if ((b1 & mask_bit) != 0) return wserror::bad_masked_frame;  // a server never masks (5.1)
    frame_op_ = static_cast<opcode>(op);
    frame_fin_ = (b0 & fin_bit) != 0;
    if (is_control(frame_op_)) {
        if (!frame_fin_) return wserror::bad_control_fragment;
        if ((b1 & length_bits) > max_control_payload) return wserror::bad_control_size;
        return {};
    }
    if (frame_op_ == opcode::text) return transport_errc::text_frame;
    if (frame_op_ == opcode::continuation && !in_message_) return wserror::bad_continuation;
    if (frame_op_ == opcode::binary && in_message_) return wserror::bad_data_frame;
    if (frame_op_ == opcode::binary) message_size_ = 0;
    return {};
}

// The whole header is in: the payload length (in its shortest form, 5.2) and the message's size.
boost::system::error_code frame_reader::start_frame() {
    const std::uint8_t length7 = header_[1] & length_bits;
    std::uint64_t length = length7;
    const std::size_t extra = extended_length_bytes(length7);
    if (extra > 0) {
        length = 0;
        for (std::size_t i = 0; i < extra; ++i) length = (length << 8U) | header_[2 + i];
        if (extra == 2 && length < 126) return wserror::bad_size;
        if (extra == 8 && (length <= 0xFFFF || (length >> 63U) != 0)) return wserror::bad_size;
    }
    header_have_ = 0;
    in_frame_ = true;
    remaining_ = length;
    if (!is_control(frame_op_)) {
        if (length > max_message_ - std::min(message_size_, max_message_)) return wserror::message_too_big;
        message_size_ += length;
    }
    return {};
}

void frame_reader::finish_control() {
    if (frame_op_ == opcode::ping) {
        ping_ = std::move(control_);
    } else if (frame_op_ == opcode::close) {
        closed_ = true;
        if (control_.size() >= 2) {
            close_code_ = static_cast<std::uint16_t>((static_cast<std::uint8_t>(control_[0]) << 8U) |
                                                     static_cast<std::uint8_t>(control_[1]));
        }
    }
    control_ = std::string{};  // pongs are ignored; nothing stays held
}

std::optional<std::string> frame_reader::take_ping() {
    auto ping = std::move(ping_);
    ping_.reset();
    return ping;
}

}  // namespace wsmqtt::transport::ws
