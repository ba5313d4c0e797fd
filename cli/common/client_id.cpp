#include "cli/common/client_id.hpp"

#include <openssl/rand.h>

#include <array>
#include <random>

namespace wsmqtt::cli {

std::string random_client_id(std::string_view prefix) {
    static constexpr std::string_view alphabet =
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    constexpr std::size_t wanted = 12;
    // 248 = 4 * 62: bytes at or above it are dropped so every character is equally likely.
    constexpr unsigned limit = 248;

    std::string id{prefix};
    std::array<unsigned char, 64> bytes{};
    std::random_device fallback;
    while (id.size() < prefix.size() + wanted) {
        if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
            for (auto& b : bytes) b = static_cast<unsigned char>(fallback() & 0xFFu);
        }
        for (unsigned char b : bytes) {
            if (b >= limit) continue;
            id += alphabet[b % alphabet.size()];
            if (id.size() == prefix.size() + wanted) break;
        }
    }
    return id;
}

}  // namespace wsmqtt::cli
