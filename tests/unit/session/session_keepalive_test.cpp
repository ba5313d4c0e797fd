#include "session_test_support.hpp"

namespace wsmqtt::session::test {
namespace {

TEST(session_keepalive, pingreq_after_k_then_dead_broker_detected_at_one_and_a_half_k) {
    auto cfg = config();
    cfg.keep_alive = 10;
    session s{cfg};
    connect(s);
    EXPECT_EQ(s.next_deadline(), t0 + 10s);
    s.on_timer(t0 + 10s - 1ms);
    EXPECT_TRUE(s.take_actions().empty());
    s.on_timer(t0 + 10s);
    EXPECT_EQ(sent<codec::pingreq>(s.take_actions()).size(), 1u);
    EXPECT_EQ(s.next_deadline(), t0 + 15s);
    s.on_timer(t0 + 15s);
    const auto close = all_of<close_connection>(s.take_actions());
    ASSERT_EQ(close.size(), 1u);
    EXPECT_EQ(close[0].reason, close_reason::keepalive_timeout);
    EXPECT_EQ(close[0].message, "no answer from the broker within 5 s of PINGREQ (keep alive 10 s)");
}

TEST(session_keepalive, pingresp_rearms_from_the_last_exchange) {
    auto cfg = config();
    cfg.keep_alive = 10;
    session s{cfg};
    connect(s);
    s.on_timer(t0 + 10s);
    s.take_actions();
    s.on_packet(codec::pingresp{}, t0 + 11s);
    EXPECT_EQ(s.next_deadline(), t0 + 20s);  // min(last sent 10 s, last received 11 s) + K
}

TEST(session_keepalive, sending_alone_does_not_hide_a_silent_broker) {
    auto cfg = config();
    cfg.keep_alive = 10;
    session s{cfg};
    connect(s);
    for (int i = 1; i <= 9; ++i) s.publish(make_publish("t", codec::qos::at_most_once), t0 + std::chrono::seconds{i});
    s.take_actions();
    EXPECT_EQ(s.next_deadline(), t0 + 10s);
    s.on_timer(t0 + 10s);
    EXPECT_EQ(sent<codec::pingreq>(s.take_actions()).size(), 1u);
    s.on_timer(t0 + 15s);
    EXPECT_EQ(all_of<close_connection>(s.take_actions()).size(), 1u);  // 1.5 x K after last packet
}

TEST(session_keepalive, any_packet_answers_the_ping) {
    auto cfg = config();
    cfg.keep_alive = 10;
    session s{cfg};
    connect(s);
    s.on_timer(t0 + 10s);
    s.take_actions();
    auto p = make_publish("in", codec::qos::at_most_once);
    s.on_packet(p, t0 + 14s);
    s.take_actions();
    s.on_timer(t0 + 15s);
    EXPECT_TRUE(all_of<close_connection>(s.take_actions()).empty());
    EXPECT_EQ(s.next_deadline(), t0 + 20s);
}

TEST(session_keepalive, zero_disables_and_server_keep_alive_overrides) {
    auto cfg = config();
    cfg.keep_alive = 0;
    session off{cfg};
    connect(off);
    EXPECT_EQ(off.next_deadline(), std::nullopt);

    cfg.keep_alive = 60;
    session s{cfg};
    codec::properties p;
    p.server_keep_alive = 4;
    connect(s, connack_v5(p));
    EXPECT_EQ(s.keep_alive(), 4);
    EXPECT_EQ(s.next_deadline(), t0 + 4s);
    s.on_timer(t0 + 4s);
    EXPECT_EQ(sent<codec::pingreq>(s.take_actions()).size(), 1u);
    EXPECT_EQ(s.next_deadline(), t0 + 6s);
}

}  // namespace
}  // namespace wsmqtt::session::test
