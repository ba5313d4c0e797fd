#include <gtest/gtest.h>

#include "core/session/packet_id_pool.hpp"

namespace wsmqtt::session {
namespace {

TEST(packet_id_pool, starts_at_one_and_never_hands_out_zero_spec_2_2_1) {
    packet_id_pool pool;
    EXPECT_EQ(pool.allocate(), std::optional<std::uint16_t>{1});
    EXPECT_EQ(pool.allocate(), std::optional<std::uint16_t>{2});
    EXPECT_FALSE(pool.in_use(0));
    pool.release(0);  // harmless
    EXPECT_EQ(pool.in_use_count(), 2u);
}

TEST(packet_id_pool, round_robin_does_not_reuse_a_just_released_id) {
    packet_id_pool pool;
    const auto a = pool.allocate();
    pool.release(*a);
    EXPECT_EQ(pool.allocate(), std::optional<std::uint16_t>{2});
}

TEST(packet_id_pool, all_65535_ids_then_exhausted_until_one_is_released) {
    packet_id_pool pool;
    for (std::uint32_t i = 1; i <= 65'535; ++i) {
        const auto id = pool.allocate();
        ASSERT_TRUE(id);
        ASSERT_EQ(*id, i);
    }
    EXPECT_TRUE(pool.exhausted());
    EXPECT_FALSE(pool.allocate());
    pool.release(40'000);
    EXPECT_EQ(pool.allocate(), std::optional<std::uint16_t>{40'000});
    EXPECT_FALSE(pool.allocate());
}

TEST(packet_id_pool, wraps_after_65535_skipping_ids_in_use) {
    packet_id_pool pool;
    for (int i = 0; i < 65'535; ++i) ASSERT_TRUE(pool.allocate());
    pool.release(65'535);
    pool.release(3);
    EXPECT_EQ(pool.allocate(), std::optional<std::uint16_t>{3});  // after 65535 comes 1, 2 (taken), 3
    EXPECT_EQ(pool.allocate(), std::optional<std::uint16_t>{65'535});
}

TEST(packet_id_pool, reserve_marks_specific_ids) {
    packet_id_pool pool;
    EXPECT_TRUE(pool.reserve(1));
    EXPECT_FALSE(pool.reserve(1));
    EXPECT_FALSE(pool.reserve(0));
    EXPECT_EQ(pool.allocate(), std::optional<std::uint16_t>{2});
}

}  // namespace
}  // namespace wsmqtt::session
