#include "cli/load/stamp.hpp"

#include <algorithm>

namespace wsmqtt::load {
namespace {

template <class T>
void put_be(std::span<std::uint8_t> out, std::size_t at, T value) noexcept {
    for (std::size_t i = 0; i < sizeof(T); ++i) {
        out[at + i] = static_cast<std::uint8_t>(value >> (8 * (sizeof(T) - 1 - i)));
    }
}

template <class T>
T get_be(std::span<const std::uint8_t> in, std::size_t at) noexcept {
    T value = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i) value = static_cast<T>((value << 8) | in[at + i]);
    return value;
}

}  // namespace

void write_stamp(std::span<std::uint8_t> out, const stamp& s) noexcept {
    std::copy(stamp_magic.begin(), stamp_magic.end(), out.begin());
    put_be(out, 4, s.run);
    put_be(out, 8, s.publisher);
    put_be(out, 12, s.sequence);
    put_be(out, 20, s.sent_ns);
}

std::optional<stamp> read_stamp(std::span<const std::uint8_t> payload) noexcept {
    if (payload.size() < stamp_size) return std::nullopt;
    if (!std::equal(stamp_magic.begin(), stamp_magic.end(), payload.begin())) return std::nullopt;
    stamp s;
    s.run = get_be<std::uint32_t>(payload, 4);
    s.publisher = get_be<std::uint32_t>(payload, 8);
    s.sequence = get_be<std::uint64_t>(payload, 12);
    s.sent_ns = get_be<std::uint64_t>(payload, 20);
    return s;
}

}  // namespace wsmqtt::load
