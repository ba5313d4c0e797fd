#include "cli/load/stamp.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace wsmqtt::load {
namespace {

TEST(stamp, layout_is_big_endian_with_magic_first) {
    std::vector<std::uint8_t> out(stamp_size + 3, 0xEE);
    write_stamp(out, stamp{0x01020304, 0x0A0B0C0D, 0x1112131415161718ULL, 0x2122232425262728ULL});
    const std::vector<std::uint8_t> expected{
        0x77, 0x73, 0x53, 0x31,                          // magic "wsS1"
        0x01, 0x02, 0x03, 0x04,                          // run id
        0x0A, 0x0B, 0x0C, 0x0D,                          // publisher
        0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18,  // sequence
        0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28,  // send time, ns since the epoch
        0xEE, 0xEE, 0xEE};                               // the rest of the payload untouched
    EXPECT_EQ(out, expected);
}

TEST(stamp, round_trips) {
    std::vector<std::uint8_t> out(stamp_size);
    const stamp s{0xDEADBEEF, 7, 123456789, 1'700'000'000'123'456'789ULL};
    write_stamp(out, s);
    const auto back = read_stamp(out);
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, s);
}

TEST(stamp, rejects_short_or_unmarked_payloads) {
    std::vector<std::uint8_t> out(stamp_size);
    write_stamp(out, stamp{1, 2, 3, 4});
    EXPECT_FALSE(read_stamp(std::span<const std::uint8_t>(out.data(), stamp_size - 1)));
    out[0] = 'x';
    EXPECT_FALSE(read_stamp(out));
    EXPECT_FALSE(read_stamp({}));
}

}  // namespace
}  // namespace wsmqtt::load
