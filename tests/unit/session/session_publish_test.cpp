#include "session_test_support.hpp"

namespace wsmqtt::session::test {
namespace {

codec::puback puback(std::uint16_t id, codec::reason_code rc = codec::reason_code::success) {
    return codec::puback{id, rc, {}};
}
codec::pubrec pubrec(std::uint16_t id, codec::reason_code rc = codec::reason_code::success) {
    return codec::pubrec{id, rc, {}};
}
codec::pubcomp pubcomp(std::uint16_t id) { return codec::pubcomp{id, codec::reason_code::success, {}}; }

TEST(session_publish, qos0_is_done_when_handed_to_the_transport) {
    session s{config()};
    connect(s);
    const auto token = s.publish(make_publish("t", codec::qos::at_most_once), t0);
    const auto a = s.take_actions();
    ASSERT_EQ(a.size(), 2u);
    const auto p = sent<codec::publish>(a);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].packet_id, 0);
    EXPECT_EQ(all_of<publish_done>(a).at(0).token, token);
}

TEST(session_publish, qos1_puback_completes_spec_4_3_2) {
    session s{config()};
    connect(s);
    const auto token = s.publish(make_publish("t", codec::qos::at_least_once), t0);
    auto a = s.take_actions();
    const auto p = sent<codec::publish>(a);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].packet_id, 1);
    EXPECT_FALSE(p[0].dup);
    EXPECT_TRUE(all_of<publish_done>(a).empty());
    EXPECT_EQ(s.in_flight_count(), 1u);
    s.on_packet(puback(1), t0);
    a = s.take_actions();
    const auto done = all_of<publish_done>(a);
    ASSERT_EQ(done.size(), 1u);
    EXPECT_EQ(done[0].token, token);
    EXPECT_EQ(done[0].packet_id, 1);
    EXPECT_FALSE(done[0].rejected());
    EXPECT_EQ(s.in_flight_count(), 0u);
    EXPECT_TRUE(s.idle());
}

TEST(session_publish, qos2_pubrec_pubrel_pubcomp_spec_4_3_3) {
    session s{config()};
    connect(s);
    const auto token = s.publish(make_publish("t", codec::qos::exactly_once), t0);
    EXPECT_EQ(sent<codec::publish>(s.take_actions()).at(0).packet_id, 1);
    s.on_packet(pubrec(1), t0);
    auto a = s.take_actions();
    const auto rel = sent<codec::pubrel>(a);
    ASSERT_EQ(rel.size(), 1u);
    EXPECT_EQ(rel[0].packet_id, 1);
    EXPECT_TRUE(all_of<publish_done>(a).empty());
    s.on_packet(pubcomp(1), t0);
    a = s.take_actions();
    ASSERT_EQ(all_of<publish_done>(a).size(), 1u);
    EXPECT_EQ(all_of<publish_done>(a)[0].token, token);
    EXPECT_EQ(all_of<publish_done>(a)[0].qos, codec::qos::exactly_once);
}

TEST(session_publish, duplicate_pubrec_resends_pubrel_without_double_completion) {
    session s{config()};
    connect(s);
    s.publish(make_publish("t", codec::qos::exactly_once), t0);
    s.take_actions();
    s.on_packet(pubrec(1), t0);
    s.take_actions();
    s.on_packet(pubrec(1), t0);
    auto a = s.take_actions();
    EXPECT_EQ(sent<codec::pubrel>(a).size(), 1u);
    EXPECT_TRUE(all_of<publish_done>(a).empty());
    s.on_packet(pubcomp(1), t0);
    EXPECT_EQ(all_of<publish_done>(s.take_actions()).size(), 1u);
    s.on_packet(pubcomp(1), t0);  // a late duplicate PUBCOMP: warning only
    a = s.take_actions();
    EXPECT_TRUE(all_of<publish_done>(a).empty());
    EXPECT_EQ(all_of<warning>(a).size(), 1u);
}

TEST(session_publish, pipelining_window_limited_by_max_inflight) {
    auto cfg = config();
    cfg.max_inflight = 3;
    session s{cfg};
    connect(s);
    std::vector<std::uint64_t> tokens;
    for (int i = 0; i < 5; ++i) tokens.push_back(s.publish(make_publish("t", codec::qos::at_least_once), t0));
    auto p = sent<codec::publish>(s.take_actions());
    ASSERT_EQ(p.size(), 3u);  // three go out before any ack
    EXPECT_EQ(p[2].packet_id, 3);
    EXPECT_EQ(s.queued_count(), 2u);
    s.on_packet(puback(2), t0);  // out of order
    auto a = s.take_actions();
    EXPECT_EQ(all_of<publish_done>(a).at(0).token, tokens[1]);
    p = sent<codec::publish>(a);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].packet_id, 4);
    s.on_packet(puback(3), t0);
    s.on_packet(puback(1), t0);
    a = s.take_actions();
    const auto done = all_of<publish_done>(a);
    ASSERT_EQ(done.size(), 2u);
    EXPECT_EQ(done[0].token, tokens[2]);
    EXPECT_EQ(done[1].token, tokens[0]);
    EXPECT_EQ(sent<codec::publish>(a).size(), 1u);  // the fifth; the window is not full
    EXPECT_EQ(s.queued_count(), 0u);
}

TEST(session_publish, window_limited_by_broker_receive_maximum) {
    session s{config()};  // max_inflight 20
    codec::properties p;
    p.receive_maximum = 2;
    connect(s, connack_v5(p));
    EXPECT_EQ(s.send_window(), 2u);
    for (int i = 0; i < 4; ++i) s.publish(make_publish("t", codec::qos::exactly_once), t0);
    EXPECT_EQ(sent<codec::publish>(s.take_actions()).size(), 2u);
    s.on_packet(pubrec(1), t0);
    EXPECT_TRUE(sent<codec::publish>(s.take_actions()).empty());  // QoS 2 counts until PUBCOMP
    s.on_packet(pubcomp(1), t0);
    EXPECT_EQ(sent<codec::publish>(s.take_actions()).size(), 1u);
}

TEST(session_publish, qos0_waits_behind_queued_qos1_to_keep_order) {
    auto cfg = config();
    cfg.max_inflight = 1;
    cfg.max_queued = 2;
    session s{cfg};
    connect(s);
    s.publish(make_publish("a", codec::qos::at_least_once), t0);
    s.publish(make_publish("b", codec::qos::at_least_once), t0);
    EXPECT_TRUE(s.ready_for_more());
    s.publish(make_publish("c", codec::qos::at_most_once), t0);
    EXPECT_FALSE(s.ready_for_more());  // back-pressure: two wait
    EXPECT_EQ(sent<codec::publish>(s.take_actions()).size(), 1u);
    s.on_packet(puback(1), t0);
    const auto p = sent<codec::publish>(s.take_actions());
    ASSERT_EQ(p.size(), 2u);  // b takes the window slot; c needs none and follows it
    EXPECT_EQ(p[0].topic, "b");
    EXPECT_EQ(p[1].topic, "c");
    EXPECT_TRUE(s.ready_for_more());
}

TEST(session_publish, packet_id_exhaustion_waits_instead_of_reusing) {
    auto cfg = config();
    cfg.max_inflight = 0;  // no cap of ours; the broker's default Receive Maximum is 65,535
    session s{cfg};
    connect(s);
    for (int i = 0; i < 65'535; ++i) s.publish(make_publish("t", codec::qos::at_least_once), t0);
    EXPECT_EQ(sent<codec::publish>(s.take_actions()).size(), 65'535u);
    s.publish(make_publish("t", codec::qos::at_least_once), t0);
    s.subscribe({codec::subscription{"f", codec::qos::at_least_once}}, t0);
    EXPECT_EQ(sent_count(s.take_actions()), 0u);
    EXPECT_EQ(s.queued_count(), 1u);
    s.on_packet(puback(777), t0);
    const auto a = s.take_actions();
    // The freed id goes to the waiting SUBSCRIBE first; the publish still waits.
    ASSERT_EQ(sent<codec::subscribe>(a).size(), 1u);
    EXPECT_EQ(sent<codec::subscribe>(a)[0].packet_id, 777);
    EXPECT_TRUE(sent<codec::publish>(a).empty());
    s.on_packet(puback(9), t0);
    const auto p = sent<codec::publish>(s.take_actions());
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].packet_id, 9);
}

TEST(session_publish, puback_for_unknown_id_is_ignored_with_a_warning) {
    session s{config()};
    connect(s);
    s.on_packet(puback(9), t0);
    const auto a = s.take_actions();
    ASSERT_EQ(all_of<warning>(a).size(), 1u);
    EXPECT_EQ(all_of<warning>(a)[0].message, "broker sent PUBACK for packet id 9 that is not in flight (ignored)");
    EXPECT_TRUE(all_of<close_connection>(a).empty());
    EXPECT_EQ(s.state(), session_state::connected);
    // v5: a stray PUBREC gets PUBREL "packet identifier not found".
    s.on_packet(pubrec(8), t0);
    const auto rel = sent<codec::pubrel>(s.take_actions());
    ASSERT_EQ(rel.size(), 1u);
    EXPECT_EQ(rel[0].reason, codec::reason_code::packet_identifier_not_found);
}

TEST(session_publish, v5_puback_rejection_reports_reason_name) {
    session s{config()};
    connect(s);
    s.publish(make_publish("t", codec::qos::at_least_once), t0);
    s.take_actions();
    codec::puback ack{1, codec::reason_code::not_authorized, {}};
    ack.props.reason_string = "acl";
    s.on_packet(ack, t0);
    const auto done = all_of<publish_done>(s.take_actions());
    ASSERT_EQ(done.size(), 1u);
    EXPECT_TRUE(done[0].rejected());
    EXPECT_FALSE(done[0].local);
    EXPECT_EQ(done[0].reason_name, "not authorized");
    EXPECT_EQ(done[0].reason_string, std::optional<std::string>{"acl"});
}

TEST(session_publish, v5_pubrec_rejection_ends_flow_without_pubrel) {
    session s{config()};
    connect(s);
    s.publish(make_publish("t", codec::qos::exactly_once), t0);
    s.take_actions();
    s.on_packet(pubrec(1, codec::reason_code::quota_exceeded), t0);
    const auto a = s.take_actions();
    EXPECT_TRUE(sent<codec::pubrel>(a).empty());
    const auto done = all_of<publish_done>(a);
    ASSERT_EQ(done.size(), 1u);
    EXPECT_EQ(done[0].reason, codec::reason_code::quota_exceeded);
    EXPECT_EQ(done[0].reason_name, "quota exceeded");
    EXPECT_EQ(s.in_flight_count(), 0u);
}

TEST(session_publish, no_matching_subscribers_is_success) {
    session s{config()};
    connect(s);
    s.publish(make_publish("t", codec::qos::at_least_once), t0);
    s.take_actions();
    s.on_packet(puback(1, codec::reason_code::no_matching_subscribers), t0);
    const auto done = all_of<publish_done>(s.take_actions());
    ASSERT_EQ(done.size(), 1u);
    EXPECT_FALSE(done[0].rejected());
}

TEST(session_publish, ack_of_the_wrong_kind_is_a_protocol_error) {
    session s{config(codec::protocol_version::v311)};
    connect(s);
    s.publish(make_publish("t", codec::qos::exactly_once), t0);
    s.take_actions();
    s.on_packet(puback(1), t0);
    const auto close = all_of<close_connection>(s.take_actions());
    ASSERT_EQ(close.size(), 1u);
    EXPECT_EQ(close[0].message, "broker sent PUBACK for packet id 1, a QoS 2 publish awaiting PUBREC");
}

TEST(session_publish, topic_alias_assigned_on_first_use_then_empty_topic) {
    session s{config()};
    codec::properties p;
    p.topic_alias_maximum = 10;
    connect(s, connack_v5(p));
    s.publish(make_publish("sensors/1", codec::qos::at_most_once), t0);
    s.publish(make_publish("sensors/1", codec::qos::at_least_once), t0);
    s.publish(make_publish("sensors/2", codec::qos::at_most_once), t0);
    const auto pubs = sent<codec::publish>(s.take_actions());
    ASSERT_EQ(pubs.size(), 3u);
    EXPECT_EQ(pubs[0].topic, "sensors/1");
    EXPECT_EQ(pubs[0].props.topic_alias, std::optional<std::uint16_t>{1});
    EXPECT_EQ(pubs[1].topic, "");
    EXPECT_EQ(pubs[1].props.topic_alias, std::optional<std::uint16_t>{1});
    EXPECT_EQ(pubs[2].props.topic_alias, std::optional<std::uint16_t>{2});
}

TEST(session_publish, topic_alias_opt_out_and_v311) {
    auto cfg = config();
    cfg.auto_topic_alias = false;
    session s{cfg};
    codec::properties p;
    p.topic_alias_maximum = 10;
    connect(s, connack_v5(p));
    s.publish(make_publish("a", codec::qos::at_most_once), t0);
    s.publish(make_publish("a", codec::qos::at_most_once), t0);
    for (const auto& pub : sent<codec::publish>(s.take_actions())) {
        EXPECT_EQ(pub.topic, "a");
        EXPECT_FALSE(pub.props.topic_alias);
    }
}

TEST(session_publish, ack_timeout_deadline_and_action) {
    auto cfg = config();
    cfg.ack_timeout = 10s;
    cfg.keep_alive = 0;
    session s{cfg};
    connect(s);
    EXPECT_EQ(s.next_deadline(), std::nullopt);
    s.publish(make_publish("t", codec::qos::at_least_once), t0);
    s.publish(make_publish("t", codec::qos::at_least_once), t0 + 4s);
    s.take_actions();
    EXPECT_EQ(s.next_deadline(), t0 + 10s);
    s.on_packet(puback(1), t0 + 5s);
    s.take_actions();
    EXPECT_EQ(s.next_deadline(), t0 + 14s);
    s.on_timer(t0 + 14s);
    const auto close = all_of<close_connection>(s.take_actions());
    ASSERT_EQ(close.size(), 1u);
    EXPECT_EQ(close[0].reason, close_reason::ack_timeout);
    EXPECT_EQ(close[0].message, "no PUBACK for packet id 2 within 10 s");
    s.on_connection_lost(t0 + 14s);
    const auto end = all_of<session_ended>(s.take_actions());
    ASSERT_EQ(end.size(), 1u);
    EXPECT_EQ(end[0].reason, close_reason::ack_timeout);
    EXPECT_EQ(end[0].undelivered, 1u);
}

TEST(session_publish, publishes_before_connack_wait_for_it) {
    session s{config()};
    s.publish(make_publish("t", codec::qos::at_least_once), t0);
    s.start(t0);
    auto a = s.take_actions();
    EXPECT_EQ(sent_count(a), 1u);  // CONNECT only
    s.on_packet(codec::connack{}, t0);
    EXPECT_EQ(sent<codec::publish>(s.take_actions()).size(), 1u);
}

}  // namespace
}  // namespace wsmqtt::session::test
