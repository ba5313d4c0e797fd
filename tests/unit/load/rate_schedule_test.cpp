#include "cli/load/rate_schedule.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>

namespace wsmqtt::load {
namespace {

using clock = rate_schedule::clock;
using namespace std::chrono_literals;

TEST(rate_schedule, first_slot_is_due_at_start) {
    const auto t0 = clock::time_point{} + 1h;
    rate_schedule r(100, t0);
    EXPECT_EQ(r.take_due(t0 - 1ns), 0u);
    EXPECT_EQ(r.take_due(t0), 1u);
    EXPECT_EQ(r.take_due(t0), 0u);
    EXPECT_EQ(r.next_due(), t0 + 10ms);
    EXPECT_EQ(r.take_due(t0 + 10ms - 1ns), 0u);
    EXPECT_EQ(r.take_due(t0 + 10ms), 1u);
}

// A fake clock that wakes at each next_due() late by a random 0..2 ms (timer slop, a busy
// loop) must still send rate * 10 s messages in 10 s, within 1%, without drift.
void check_accuracy(double rate) {
    const auto t0 = clock::time_point{} + 1h;
    rate_schedule r(rate, t0);
    std::mt19937 random(7);
    std::uniform_int_distribution<int> late_us(0, 2000);
    auto now = t0;
    std::uint64_t sent = 0;
    while (now < t0 + 10s) {
        sent += r.take_due(now);
        now = std::max(now + 1us, r.next_due() + std::chrono::microseconds(late_us(random)));
    }
    const double expected = rate * 10;
    EXPECT_NEAR(static_cast<double>(sent), expected, std::max(1.0, expected * 0.01)) << rate;
    // Exactly: slots 0..floor(rate * 10 s) are due before 10 s, give or take the last wake-up.
    EXPECT_LE(static_cast<double>(sent), expected + 1);
}

TEST(rate_schedule, accurate_to_one_percent_over_ten_seconds) {
    for (double rate : {0.5, 1.0, 3.0, 200.0, 997.0, 10'000.0, 250'000.0}) check_accuracy(rate);
}

TEST(rate_schedule, catches_up_after_a_stall_in_bounded_bursts) {
    const auto t0 = clock::time_point{} + 1h;
    rate_schedule r(1000, t0);
    EXPECT_EQ(r.take_due(t0), 1u);
    // Stalled for one second: 1000 slots due, handed out at most 300 at a time.
    EXPECT_EQ(r.take_due(t0 + 1s, 300), 300u);
    EXPECT_EQ(r.take_due(t0 + 1s, 300), 300u);
    EXPECT_EQ(r.take_due(t0 + 1s, 300), 300u);
    EXPECT_EQ(r.take_due(t0 + 1s, 300), 100u);
    EXPECT_EQ(r.taken(), 1001u);
}

TEST(rate_schedule, given_back_slots_are_due_again) {
    const auto t0 = clock::time_point{} + 1h;
    rate_schedule r(10, t0);
    EXPECT_EQ(r.take_due(t0 + 1s), 11u);
    r.give_back(3);
    EXPECT_EQ(r.take_due(t0 + 1s), 3u);
}

}  // namespace
}  // namespace wsmqtt::load
