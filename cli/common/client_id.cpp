#include "cli/common/client_id.hpp"

#include <sys/random.h>

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
    while (id.size() < prefix.size() + wanted) {
        // One system call. OpenSSL's RAND_bytes would first set up its DRBG: about 8 million
        // instructions, twice the whole of mosquitto_pub's one-shot publish, for an id that needs
        // to be unpredictable to nobody.
        if (::getrandom(bytes.data(), bytes.size(), 0) != static_cast<ssize_t>(bytes.size())) {
            std::random_device fallback;
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
