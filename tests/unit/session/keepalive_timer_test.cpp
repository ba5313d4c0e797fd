#include <gtest/gtest.h>

#include "core/session/keepalive_timer.hpp"

namespace wsmqtt::session {
namespace {

using namespace std::chrono_literals;
const time_point t0 = time_point{} + 100h;

TEST(keepalive_timer, zero_disables) {
    keepalive_timer k;
    k.start(0, t0);
    EXPECT_FALSE(k.next_deadline());
    EXPECT_EQ(k.poll(t0 + 1000h), keepalive_event::none);
}

TEST(keepalive_timer, ping_due_k_after_the_older_of_last_sent_and_last_received) {
    keepalive_timer k;
    k.start(10, t0);
    k.on_sent(t0 + 4s);  // sending alone does not push the ping: nothing received since t0
    EXPECT_EQ(k.next_deadline(), t0 + 10s);
    k.on_received(t0 + 6s);
    EXPECT_EQ(k.next_deadline(), t0 + 14s);
    EXPECT_EQ(k.poll(t0 + 14s - 1ms), keepalive_event::none);
    EXPECT_EQ(k.poll(t0 + 14s), keepalive_event::send_ping);
}

TEST(keepalive_timer, timeout_half_k_after_ping_unless_anything_arrives) {
    keepalive_timer k;
    k.start(10, t0);
    k.on_ping_sent(t0 + 10s);
    EXPECT_EQ(k.next_deadline(), t0 + 15s);
    EXPECT_EQ(k.poll(t0 + 15s), keepalive_event::timed_out);
    k.on_received(t0 + 12s);
    EXPECT_FALSE(k.ping_outstanding());
    EXPECT_EQ(k.next_deadline(), t0 + 20s);
}

}  // namespace
}  // namespace wsmqtt::session
