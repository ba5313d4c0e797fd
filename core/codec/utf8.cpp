#include "core/codec/utf8.hpp"

#include <cstdint>

namespace wsmqtt::codec {

// A hand-rolled check (rather than a table-driven one) keeps the rules visible: the second-byte
// ranges after E0, ED, F0 and F4 are what exclude overlongs, surrogates and values > U+10FFFF.
bool is_valid_mqtt_utf8(std::string_view s) noexcept {
    const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
    auto cont = [&](std::size_t k, std::uint8_t lo = 0x80, std::uint8_t hi = 0xBF) {
        return k < n && p[k] >= lo && p[k] <= hi;
    };
    while (i < n) {
        const std::uint8_t b = p[i];
        if (b < 0x80) {
            if (b == 0) return false;  // U+0000 is forbidden [MQTT-1.5.4-2]
            ++i;
        } else if (b >= 0xC2 && b <= 0xDF) {
            if (!cont(i + 1)) return false;
            i += 2;
        } else if (b >= 0xE0 && b <= 0xEF) {
            const std::uint8_t lo = b == 0xE0 ? 0xA0 : 0x80;  // E0 80..9F would be overlong
            const std::uint8_t hi = b == 0xED ? 0x9F : 0xBF;  // ED A0..BF are surrogates
            if (!cont(i + 1, lo, hi) || !cont(i + 2)) return false;
            i += 3;
        } else if (b >= 0xF0 && b <= 0xF4) {
            const std::uint8_t lo = b == 0xF0 ? 0x90 : 0x80;  // F0 80..8F would be overlong
            const std::uint8_t hi = b == 0xF4 ? 0x8F : 0xBF;  // F4 90.. is above U+10FFFF
            if (!cont(i + 1, lo, hi) || !cont(i + 2) || !cont(i + 3)) return false;
            i += 4;
        } else {
            return false;  // stray continuation byte, C0/C1 (overlong), F5..FF
        }
    }
    return true;
}

}  // namespace wsmqtt::codec
