#include "cli/load/sequence_tracker.hpp"

#include <gtest/gtest.h>

namespace wsmqtt::load {
namespace {

using verdict = sequence_tracker::verdict;

sequence_counts feed(std::initializer_list<std::uint64_t> seqs) {
    sequence_tracker t;
    for (auto s : seqs) t.record(s);
    return t.counts();
}

TEST(sequence_tracker, in_order_stream_is_clean) {
    sequence_tracker t;
    for (std::uint64_t s = 0; s < 1000; ++s) EXPECT_EQ(t.record(s), verdict::in_order);
    const auto c = t.counts();
    EXPECT_EQ(c.received, 1000u);
    EXPECT_EQ(c.unique, 1000u);
    EXPECT_EQ(c.lost, 0u);
    EXPECT_EQ(c.duplicates, 0u);
    EXPECT_EQ(c.reordered, 0u);
    EXPECT_EQ(c.highest, 999u);
}

TEST(sequence_tracker, gaps_are_lost) {
    const auto c = feed({0, 1, 2, 5, 6, 9});  // 3, 4, 7, 8 missing
    EXPECT_EQ(c.lost, 4u);
    EXPECT_EQ(c.reordered, 0u);
    EXPECT_EQ(c.unique, 6u);
}

TEST(sequence_tracker, duplicates_are_counted_once_each) {
    sequence_tracker t;
    EXPECT_EQ(t.record(0), verdict::in_order);
    EXPECT_EQ(t.record(1), verdict::in_order);
    EXPECT_EQ(t.record(1), verdict::duplicate);
    EXPECT_EQ(t.record(0), verdict::duplicate);
    EXPECT_EQ(t.record(2), verdict::in_order);
    const auto c = t.counts();
    EXPECT_EQ(c.received, 5u);
    EXPECT_EQ(c.duplicates, 2u);
    EXPECT_EQ(c.lost, 0u);
    EXPECT_EQ(c.reordered, 0u);
}

TEST(sequence_tracker, a_late_message_is_reordered_not_lost) {
    sequence_tracker t;
    t.record(0);
    t.record(2);
    t.record(3);
    EXPECT_EQ(t.counts().lost, 1u);  // 1 not here yet
    EXPECT_EQ(t.record(1), verdict::reordered);
    const auto c = t.counts();
    EXPECT_EQ(c.lost, 0u);
    EXPECT_EQ(c.reordered, 1u);
    EXPECT_EQ(c.duplicates, 0u);
}

TEST(sequence_tracker, mixed_known_sequence) {
    // 0 1 3 2 2 5 7 6 6 9: 4 and 8 lost; 2 and 6 late; one duplicate each of 2 and 6.
    const auto c = feed({0, 1, 3, 2, 2, 5, 7, 6, 6, 9});
    EXPECT_EQ(c.received, 10u);
    EXPECT_EQ(c.unique, 8u);
    EXPECT_EQ(c.lost, 2u);
    EXPECT_EQ(c.reordered, 2u);
    EXPECT_EQ(c.duplicates, 2u);
    EXPECT_EQ(c.highest, 9u);
}

TEST(sequence_tracker, large_sequence_numbers_grow_the_bitmap) {
    const auto c = feed({0, 100'000, 99'999});
    EXPECT_EQ(c.lost, 99'998u);
    EXPECT_EQ(c.reordered, 1u);
}

TEST(sequence_counts, add_up) {
    auto a = feed({0, 1, 1});
    a += feed({0, 2});
    EXPECT_EQ(a.received, 5u);
    EXPECT_EQ(a.duplicates, 1u);
    EXPECT_EQ(a.lost, 1u);
}

}  // namespace
}  // namespace wsmqtt::load
