#include "session_test_support.hpp"

namespace wsmqtt::session::test {
namespace {

TEST(session_connect, connect_built_from_config_v5) {
    auto cfg = config();
    cfg.clean_start = false;
    cfg.keep_alive = 30;
    cfg.username = "u";
    cfg.password = std::vector<std::uint8_t>{'p'};
    cfg.will = codec::will_message{"last/will", {'b', 'y', 'e'}, codec::qos::at_least_once, true, {}};
    cfg.connect_props.session_expiry_interval = 3600;
    cfg.connect_props.receive_maximum = 5;
    session s{cfg};
    EXPECT_EQ(s.next_deadline(), std::nullopt);
    s.start(t0);
    const auto c = sent<codec::connect>(s.take_actions());
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].version, codec::protocol_version::v5);
    EXPECT_EQ(c[0].client_id, "tester");
    EXPECT_FALSE(c[0].clean_start);
    EXPECT_EQ(c[0].keep_alive, 30);
    EXPECT_EQ(c[0].username, std::optional<std::string>{"u"});
    EXPECT_EQ(c[0].will->topic, "last/will");
    EXPECT_EQ(c[0].props.session_expiry_interval, std::optional<std::uint32_t>{3600});
    EXPECT_EQ(c[0].props.receive_maximum, std::optional<std::uint16_t>{5});
    EXPECT_EQ(s.state(), session_state::awaiting_connack);
    EXPECT_EQ(s.next_deadline(), t0 + 30s);  // default connect timeout
}

// --clients: one configuration shared by many sessions, each CONNECTing with its own id and the
// shared will and properties.
TEST(session_connect, sessions_sharing_a_config_connect_with_their_own_ids) {
    auto cfg = config();
    cfg.will = codec::will_message{"last/will", {'x'}, codec::qos::at_most_once, false, {}};
    cfg.connect_props.receive_maximum = 7;
    const auto shared = std::make_shared<const session_config>(cfg);
    session a{shared, "load-1"};
    session b{shared, "load-2"};
    a.start(t0);
    b.start(t0);
    const auto ca = sent<codec::connect>(a.take_actions());
    const auto cb = sent<codec::connect>(b.take_actions());
    ASSERT_EQ(ca.size(), 1u);
    ASSERT_EQ(cb.size(), 1u);
    EXPECT_EQ(ca[0].client_id, "load-1");
    EXPECT_EQ(cb[0].client_id, "load-2");
    EXPECT_EQ(a.client_id(), "load-1");
    EXPECT_EQ(cb[0].will->topic, "last/will");
    EXPECT_EQ(cb[0].props.receive_maximum, std::optional<std::uint16_t>{7});
    EXPECT_EQ(&a.config(), &b.config());
}

TEST(session_connect, v311_connect_carries_no_v5_properties) {
    auto cfg = config(codec::protocol_version::v311);
    cfg.connect_props.session_expiry_interval = 10;
    session s{cfg};
    s.start(t0);
    const auto c = sent<codec::connect>(s.take_actions());
    ASSERT_EQ(c.size(), 1u);
    EXPECT_TRUE(c[0].props.empty());
}

TEST(session_connect, v311_refusal_names_the_return_code) {
    session s{config(codec::protocol_version::v311)};
    codec::connack ack;
    ack.return_code = 5;
    const auto a = connect(s, ack);
    const auto r = all_of<connect_refused>(a);
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0].code, 5);
    EXPECT_EQ(r[0].name, "not authorized");
    const auto close = all_of<close_connection>(a);
    ASSERT_EQ(close.size(), 1u);
    EXPECT_EQ(close[0].reason, close_reason::connect_refused);
    EXPECT_EQ(close[0].message, "connection refused by broker: (5) not authorized");
    s.on_connection_lost(t0);
    const auto end = all_of<session_ended>(s.take_actions());
    ASSERT_EQ(end.size(), 1u);
    EXPECT_EQ(end[0].reason, close_reason::connect_refused);
    EXPECT_EQ(s.state(), session_state::ended);
}

TEST(session_connect, v5_refusal_names_the_reason_code) {
    session s{config()};
    codec::connack ack;
    ack.return_code = 0x86;
    ack.props.reason_string = "nope";
    const auto a = connect(s, ack);
    const auto close = all_of<close_connection>(a);
    ASSERT_EQ(close.size(), 1u);
    EXPECT_EQ(close[0].message, "connection refused by broker: (0x86) bad user name or password: nope");
    EXPECT_EQ(all_of<connect_refused>(a).at(0).name, "bad user name or password");
}

TEST(session_connect, packet_before_connack_is_a_protocol_error) {
    session s{config()};
    s.start(t0);
    s.take_actions();
    s.on_packet(codec::pingresp{}, t0);
    const auto close = all_of<close_connection>(s.take_actions());
    ASSERT_EQ(close.size(), 1u);
    EXPECT_EQ(close[0].reason, close_reason::protocol_error);
    EXPECT_EQ(close[0].message, "broker sent PINGRESP before CONNACK");
}

TEST(session_connect, connack_timeout_at_the_configured_deadline) {
    auto cfg = config();
    cfg.connect_timeout = 5s;
    session s{cfg};
    s.start(t0);
    s.take_actions();
    s.on_timer(t0 + 5s - 1ms);
    EXPECT_TRUE(s.take_actions().empty());
    s.on_timer(t0 + 5s);
    const auto close = all_of<close_connection>(s.take_actions());
    ASSERT_EQ(close.size(), 1u);
    EXPECT_EQ(close[0].reason, close_reason::connack_timeout);
    EXPECT_EQ(close[0].message, "timed out after 5 s waiting for CONNACK");
    // Before the first CONNACK, a lost connection ends the session (the CLI reports the stage).
    s.on_connection_lost(t0 + 5s);
    EXPECT_EQ(all_of<session_ended>(s.take_actions()).size(), 1u);
}

TEST(session_connect, v5_connack_properties_are_honoured) {
    auto cfg = config();
    cfg.client_id = "";
    session s{cfg};
    codec::properties p;
    p.receive_maximum = 7;
    p.maximum_qos = 1;
    p.retain_available = 0;
    p.topic_alias_maximum = 4;
    p.server_keep_alive = 15;
    p.maximum_packet_size = 1000;
    p.assigned_client_identifier = "auto-123";
    const auto a = connect(s, connack_v5(p));
    const auto c = all_of<connected>(a);
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].client_id, "auto-123");
    EXPECT_EQ(c[0].keep_alive, 15);
    EXPECT_EQ(c[0].send_window, 7u);
    EXPECT_EQ(c[0].limits.maximum_qos, codec::qos::at_least_once);
    EXPECT_FALSE(c[0].limits.retain_available);
    EXPECT_EQ(c[0].limits.topic_alias_maximum, 4);
    EXPECT_EQ(c[0].limits.maximum_packet_size, std::optional<std::uint32_t>{1000});
    EXPECT_EQ(s.keep_alive(), 15);

    // Maximum QoS, Retain Available and Maximum Packet Size reject locally, before the wire.
    const auto q2 = s.publish(make_publish("t", codec::qos::exactly_once), t0);
    auto retained = make_publish("t", codec::qos::at_most_once);
    retained.retain = true;
    const auto ret = s.publish(retained, t0);
    const auto big = s.publish(make_publish("t", codec::qos::at_most_once, std::string(2000, 'x')), t0);
    const auto acts = s.take_actions();
    EXPECT_EQ(sent_count(acts), 0u);
    const auto done = all_of<publish_done>(acts);
    ASSERT_EQ(done.size(), 3u);
    EXPECT_EQ(done[0].token, q2);
    EXPECT_EQ(done[0].reason, codec::reason_code::qos_not_supported);
    EXPECT_TRUE(done[0].local);
    EXPECT_EQ(done[1].token, ret);
    EXPECT_EQ(done[1].reason, codec::reason_code::retain_not_supported);
    EXPECT_EQ(done[2].token, big);
    EXPECT_EQ(done[2].reason, codec::reason_code::packet_too_large);

    // The assigned identifier is used on the next CONNECT (the session can then be resumed).
    time_point now = t0;
    s.on_connection_lost(now);
    s.take_actions();
    now = *s.next_deadline();
    s.on_timer(now);
    s.take_actions();
    s.start(now);
    EXPECT_EQ(sent<codec::connect>(s.take_actions()).at(0).client_id, "auto-123");
}

TEST(session_connect, session_present_after_clean_start_is_a_protocol_error) {
    session s{config()};
    const auto a = connect(s, connack_v5({}, true));
    const auto close = all_of<close_connection>(a);
    ASSERT_EQ(close.size(), 1u);
    EXPECT_EQ(close[0].message, "broker sent CONNACK with session present although we asked for a clean start");
    // v5: we tell the broker why before closing.
    EXPECT_TRUE(all_of<connected>(a).empty());
}

TEST(session_connect, second_connack_and_client_only_packets_are_protocol_errors) {
    session s{config()};
    connect(s);
    s.on_packet(codec::connack{}, t0);
    auto a = s.take_actions();
    EXPECT_EQ(all_of<close_connection>(a).at(0).message, "broker sent a second CONNACK");
    const auto d = sent<codec::disconnect>(a);
    ASSERT_EQ(d.size(), 1u);
    EXPECT_EQ(d[0].reason, codec::reason_code::protocol_error);

    session s2{config()};
    connect(s2);
    s2.on_packet(codec::pingreq{}, t0);
    EXPECT_EQ(all_of<close_connection>(s2.take_actions()).at(0).message,
              "broker sent PINGREQ, a packet only clients send");
}

TEST(session_connect, broker_disconnect_is_reported_with_its_reason) {
    session s{config()};
    connect(s);
    codec::disconnect d;
    d.reason = codec::reason_code::server_shutting_down;
    d.props.reason_string = "maintenance";
    s.on_packet(d, t0);
    const auto a = s.take_actions();
    const auto b = all_of<disconnected_by_broker>(a);
    ASSERT_EQ(b.size(), 1u);
    EXPECT_EQ(b[0].reason_name, "server shutting down");
    EXPECT_EQ(b[0].reason_string, std::optional<std::string>{"maintenance"});
    const auto close = all_of<close_connection>(a);
    ASSERT_EQ(close.size(), 1u);
    EXPECT_EQ(close[0].reason, close_reason::broker_disconnect);
    EXPECT_EQ(close[0].message, "broker disconnected: (0x8B) server shutting down: maintenance");
}

TEST(session_connect, graceful_disconnect_waits_for_inflight_publishes) {
    session s{config()};
    connect(s);
    s.publish(make_publish("t", codec::qos::at_least_once), t0);
    s.take_actions();
    s.disconnect(t0);
    EXPECT_TRUE(s.take_actions().empty());
    s.on_packet(codec::puback{1, codec::reason_code::success, {}}, t0);
    const auto a = s.take_actions();
    const auto d = sent<codec::disconnect>(a);
    ASSERT_EQ(d.size(), 1u);
    EXPECT_EQ(d[0].reason, codec::reason_code::normal_disconnection);
    ASSERT_EQ(all_of<close_connection>(a).size(), 1u);
    EXPECT_EQ(all_of<close_connection>(a)[0].reason, close_reason::normal);
    s.on_connection_lost(t0);
    const auto end = all_of<session_ended>(s.take_actions());
    ASSERT_EQ(end.size(), 1u);
    EXPECT_EQ(end[0].reason, close_reason::normal);
    EXPECT_EQ(end[0].undelivered, 0u);
}

TEST(session_connect, immediate_disconnect_reports_undelivered) {
    session s{config()};
    connect(s);
    s.publish(make_publish("t", codec::qos::at_least_once), t0);
    s.take_actions();
    s.disconnect(t0, disconnect_mode::immediately, codec::reason_code::disconnect_with_will_message);
    const auto a = s.take_actions();
    EXPECT_EQ(sent<codec::disconnect>(a).at(0).reason, codec::reason_code::disconnect_with_will_message);
    s.on_connection_lost(t0);
    EXPECT_EQ(all_of<session_ended>(s.take_actions()).at(0).undelivered, 1u);
}

}  // namespace
}  // namespace wsmqtt::session::test
