#pragma once
// Helpers for the codec tests: decode a golden vector as one packet type, and check that
// encoding a struct gives exactly the golden bytes.
#include <gtest/gtest.h>

#include <span>
#include <string_view>
#include <variant>
#include <vector>

#include "core/codec/decoder.hpp"
#include "core/codec/encoder.hpp"
#include "core/codec/errors.hpp"

namespace wsmqtt::codec::test {

inline std::vector<std::uint8_t> to_vector(std::span<const std::uint8_t> s) { return {s.begin(), s.end()}; }

inline std::vector<std::uint8_t> bytes_of(std::string_view s) { return {s.begin(), s.end()}; }

// Decodes `bytes` and returns the packet as P; a failed decode or another type fails the test
// and returns a default P.
template <class P>
P decode_as(std::span<const std::uint8_t> bytes, protocol_version v, sender from) {
    auto r = decode(bytes, v, from);
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message());
    if (!r) return P{};
    const P* p = std::get_if<P>(&*r);
    EXPECT_NE(p, nullptr) << "decoded packet type index " << r->index();
    return p ? *p : P{};
}

inline void expect_encodes_to(const packet& p, protocol_version v, std::span<const std::uint8_t> expected) {
    auto r = encode(p, v);
    ASSERT_TRUE(r.has_value()) << r.error().message();
    EXPECT_EQ(*r, to_vector(expected));
    auto size = encoded_size(p, v);
    ASSERT_TRUE(size.has_value());
    EXPECT_EQ(*size, expected.size());
}

// The error a decode of `bytes` fails with (a default error_code when it succeeds).
inline boost::system::error_code decode_error(std::span<const std::uint8_t> bytes, protocol_version v,
                                              sender from) {
    auto r = decode(bytes, v, from);
    return r ? boost::system::error_code{} : r.error();
}

inline boost::system::error_code encode_error(const packet& p, protocol_version v) {
    auto r = encode(p, v);
    return r ? boost::system::error_code{} : r.error();
}

inline std::vector<std::uint8_t> bytes(std::initializer_list<int> values) {
    std::vector<std::uint8_t> out;
    for (int v : values) out.push_back(static_cast<std::uint8_t>(v));
    return out;
}

}  // namespace wsmqtt::codec::test
