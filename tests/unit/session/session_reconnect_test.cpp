#include "session_test_support.hpp"

namespace wsmqtt::session::test {
namespace {

session_config persistent() {
    auto cfg = config();
    cfg.clean_start = false;
    cfg.keep_alive = 0;
    return cfg;
}

TEST(session_reconnect, session_present_resends_publish_with_dup_and_pubrel_in_order_spec_4_4_0_1) {
    session s{persistent()};
    connect(s);
    s.publish(make_publish("a", codec::qos::at_least_once), t0);   // id 1, no ack
    s.publish(make_publish("b", codec::qos::exactly_once), t0);    // id 2, PUBREC received
    s.publish(make_publish("c", codec::qos::exactly_once), t0);    // id 3, no ack
    s.take_actions();
    s.on_packet(codec::pubrec{2, codec::reason_code::success, {}}, t0);
    // Written after the broker's last packet: it may be lost with the connection.
    s.publish(make_publish("d", codec::qos::at_most_once), t0);
    s.take_actions();

    time_point now = t0;
    const auto a = reconnect(s, connack_v5({}, true), now);
    EXPECT_EQ(now, t0 + 1s);  // first retry after the default initial delay
    EXPECT_FALSE(sent<codec::connect>(a).at(0).clean_start);
    std::vector<std::string> order;
    for (const auto& act : a) {
        const auto* sp = std::get_if<send_packet>(&act);
        if (!sp) continue;
        if (const auto* p = std::get_if<codec::publish>(&sp->packet)) {
            EXPECT_TRUE(p->dup);
            order.push_back("PUBLISH " + std::to_string(p->packet_id));
        } else if (const auto* r = std::get_if<codec::pubrel>(&sp->packet)) {
            order.push_back("PUBREL " + std::to_string(r->packet_id));
        }
    }
    EXPECT_EQ(order, (std::vector<std::string>{"PUBLISH 1", "PUBREL 2", "PUBLISH 3"}));
    const auto rep = all_of<resume_report>(a);
    ASSERT_EQ(rep.size(), 1u);
    EXPECT_TRUE(rep[0].session_present);
    EXPECT_EQ(rep[0].resent_publishes, 2u);
    EXPECT_EQ(rep[0].resent_pubrels, 1u);
    EXPECT_EQ(rep[0].may_be_duplicated, 1u);  // the QoS 1; QoS 2 stays exactly once
    EXPECT_EQ(rep[0].qos0_may_be_lost, 1u);
    EXPECT_TRUE(all_of<connected>(a).at(0).reconnect);

    s.on_packet(codec::pubcomp{2, codec::reason_code::success, {}}, now);
    s.on_packet(codec::puback{1, codec::reason_code::success, {}}, now);
    EXPECT_EQ(all_of<publish_done>(s.take_actions()).size(), 2u);
}

TEST(session_reconnect, incoming_qos2_state_survives_a_present_session) {
    session s{persistent()};
    connect(s);
    auto p = make_publish("in", codec::qos::exactly_once);
    p.packet_id = 4;
    s.on_packet(p, t0);
    s.take_actions();
    time_point now = t0;
    reconnect(s, connack_v5({}, true), now);
    p.dup = true;
    s.on_packet(p, now);
    EXPECT_TRUE(all_of<deliver>(s.take_actions()).empty());
}

TEST(session_reconnect, session_lost_republishes_and_resubscribes) {
    session s{persistent()};
    connect(s);
    const auto sub = s.subscribe({codec::subscription{"x/#", codec::qos::at_least_once}}, t0);
    s.on_packet(codec::suback{1, {1}, {}}, t0);
    s.publish(make_publish("a", codec::qos::at_least_once), t0);  // id 2
    const auto b = s.publish(make_publish("b", codec::qos::exactly_once), t0);  // id 3 past PUBREC
    s.take_actions();
    s.on_packet(codec::pubrec{3, codec::reason_code::success, {}}, t0);
    s.take_actions();

    time_point now = t0;
    const auto a = reconnect(s, connack_v5({}, false), now);
    const auto rep = all_of<resume_report>(a);
    ASSERT_EQ(rep.size(), 1u);
    EXPECT_FALSE(rep[0].session_present);
    EXPECT_EQ(rep[0].republished, 1u);
    EXPECT_EQ(rep[0].assumed_delivered, 1u);
    EXPECT_EQ(rep[0].resubscriptions, 1u);
    EXPECT_EQ(rep[0].may_be_duplicated, 1u);
    const auto done = all_of<publish_done>(a);
    ASSERT_EQ(done.size(), 1u);
    EXPECT_EQ(done[0].token, b);
    const auto subs = sent<codec::subscribe>(a);
    ASSERT_EQ(subs.size(), 1u);
    EXPECT_EQ(subs[0].subscriptions.at(0).filter, "x/#");
    const auto pubs = sent<codec::publish>(a);
    ASSERT_EQ(pubs.size(), 1u);
    EXPECT_EQ(pubs[0].topic, "a");
    EXPECT_FALSE(pubs[0].dup);  // a new message for a broker that never saw it
    EXPECT_TRUE(sent<codec::pubrel>(a).empty());

    s.on_packet(codec::suback{subs[0].packet_id, {1}, {}}, now);
    const auto r = all_of<subscribed>(s.take_actions());
    ASSERT_EQ(r.size(), 1u);
    EXPECT_TRUE(r[0].resubscribe);
    EXPECT_NE(r[0].token, sub);
}

TEST(session_reconnect, pending_subscribe_is_asked_again_with_the_same_id) {
    session s{persistent()};
    connect(s);
    s.subscribe({codec::subscription{"t", codec::qos::at_most_once}}, t0);
    s.take_actions();
    time_point now = t0;
    const auto subs = sent<codec::subscribe>(reconnect(s, connack_v5({}, true), now));
    ASSERT_EQ(subs.size(), 1u);
    EXPECT_EQ(subs[0].packet_id, 1);
}

TEST(session_reconnect, backoff_grows_and_resets_after_a_connack) {
    auto cfg = persistent();
    cfg.reconnect.initial_delay = 100ms;
    session s{cfg};
    connect(s);
    time_point now = t0;
    s.on_connection_lost(now);
    auto sched = all_of<reconnect_scheduled>(s.take_actions());
    ASSERT_EQ(sched.size(), 1u);
    EXPECT_EQ(sched[0].delay, 100ms);
    EXPECT_EQ(s.next_deadline(), now + 100ms);
    s.on_timer(now + 100ms);
    EXPECT_EQ(all_of<open_connection>(s.take_actions()).at(0).attempt, 1u);
    s.on_connection_lost(now + 100ms, "connection refused");  // the attempt failed
    sched = all_of<reconnect_scheduled>(s.take_actions());
    EXPECT_EQ(sched.at(0).delay, 200ms);
    EXPECT_EQ(sched.at(0).attempt, 2u);
    s.on_timer(now + 300ms);
    s.take_actions();
    connect(s, connack_v5({}, true), now + 300ms);
    s.on_connection_lost(now + 1s);
    EXPECT_EQ(all_of<reconnect_scheduled>(s.take_actions()).at(0).delay, 100ms);
}

TEST(session_reconnect, no_reconnect_ends_the_session) {
    auto cfg = persistent();
    cfg.reconnect.enabled = false;
    session s{cfg};
    connect(s);
    s.publish(make_publish("a", codec::qos::at_least_once), t0);
    s.take_actions();
    s.on_connection_lost(t0, "connection reset by peer");
    const auto end = all_of<session_ended>(s.take_actions());
    ASSERT_EQ(end.size(), 1u);
    EXPECT_EQ(end[0].reason, close_reason::transport_lost);
    EXPECT_EQ(end[0].message, "connection reset by peer");
    EXPECT_EQ(end[0].undelivered, 1u);
    EXPECT_FALSE(s.ready_for_more());
}

TEST(session_reconnect, keepalive_timeout_leads_to_a_reconnect) {
    auto cfg = config();
    cfg.keep_alive = 2;
    session s{cfg};
    connect(s);
    s.on_timer(t0 + 2s);
    s.on_timer(t0 + 3s);
    EXPECT_EQ(all_of<close_connection>(s.take_actions()).size(), 1u);
    s.on_connection_lost(t0 + 3s);
    EXPECT_EQ(all_of<reconnect_scheduled>(s.take_actions()).size(), 1u);
    EXPECT_EQ(s.state(), session_state::waiting_to_reconnect);
}

TEST(session_reconnect, topic_aliases_reset_on_reconnect) {
    session s{persistent()};
    codec::properties p;
    p.topic_alias_maximum = 5;
    connect(s, connack_v5(p));
    s.publish(make_publish("a", codec::qos::at_most_once), t0);
    s.take_actions();
    time_point now = t0;
    reconnect(s, connack_v5(p, true), now);
    s.publish(make_publish("a", codec::qos::at_most_once), now);
    const auto pubs = sent<codec::publish>(s.take_actions());
    ASSERT_EQ(pubs.size(), 1u);
    EXPECT_EQ(pubs[0].topic, "a");  // alias set up again, not used blind
    EXPECT_EQ(pubs[0].props.topic_alias, std::optional<std::uint16_t>{1});
}

}  // namespace
}  // namespace wsmqtt::session::test
