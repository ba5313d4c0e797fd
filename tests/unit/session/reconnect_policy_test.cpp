#include <gtest/gtest.h>

#include "core/session/reconnect_policy.hpp"

namespace wsmqtt::session {
namespace {

using namespace std::chrono_literals;
using ms = std::chrono::milliseconds;

TEST(reconnect_policy, doubles_from_one_second_and_caps_at_thirty) {
    reconnect_policy p;
    EXPECT_EQ(p.delay_for(1), ms{1000});
    EXPECT_EQ(p.delay_for(2), ms{2000});
    EXPECT_EQ(p.delay_for(3), ms{4000});
    EXPECT_EQ(p.delay_for(5), ms{16000});
    EXPECT_EQ(p.delay_for(6), ms{30000});
    EXPECT_EQ(p.delay_for(4'000'000'000u), ms{30000});
    EXPECT_FALSE(p.delay_for(0));
}

TEST(reconnect_policy, disabled_and_max_attempts) {
    reconnect_policy off;
    off.enabled = false;
    EXPECT_FALSE(off.delay_for(1));
    reconnect_policy three;
    three.max_attempts = 3;
    EXPECT_TRUE(three.delay_for(3));
    EXPECT_FALSE(three.delay_for(4));
}

TEST(reconnect_policy, zero_initial_delay_stays_zero) {
    reconnect_policy p;
    p.initial_delay = 0ms;
    EXPECT_EQ(p.delay_for(1'000'000), ms{0});
}

}  // namespace
}  // namespace wsmqtt::session
