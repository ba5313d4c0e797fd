#include "session_test_support.hpp"

namespace wsmqtt::session::test {
namespace {

codec::publish incoming(std::uint16_t id, codec::qos q, std::string topic = "in/t", bool dup = false) {
    auto p = make_publish(std::move(topic), q, "m" + std::to_string(id));
    p.packet_id = id;
    p.dup = dup;
    return p;
}

TEST(session_incoming, qos0_delivered) {
    session s{config()};
    connect(s);
    s.on_packet(incoming(0, codec::qos::at_most_once), t0);
    const auto a = s.take_actions();
    EXPECT_EQ(all_of<deliver>(a).size(), 1u);
    EXPECT_EQ(sent_count(a), 0u);
}

TEST(session_incoming, qos1_delivered_then_puback) {
    session s{config()};
    connect(s);
    s.on_packet(incoming(5, codec::qos::at_least_once), t0);
    const auto a = s.take_actions();
    ASSERT_EQ(a.size(), 2u);
    EXPECT_TRUE(std::holds_alternative<deliver>(a[0]));
    EXPECT_EQ(sent<codec::puback>(a).at(0).packet_id, 5);
}

TEST(session_incoming, qos2_delivered_once_dup_suppressed_until_pubrel) {
    session s{config(codec::protocol_version::v311)};
    connect(s);
    s.on_packet(incoming(7, codec::qos::exactly_once), t0);
    auto a = s.take_actions();
    EXPECT_EQ(all_of<deliver>(a).size(), 1u);
    EXPECT_EQ(sent<codec::pubrec>(a).at(0).packet_id, 7);
    s.on_packet(incoming(7, codec::qos::exactly_once, "in/t", true), t0);  // DUP re-send
    a = s.take_actions();
    EXPECT_TRUE(all_of<deliver>(a).empty());
    EXPECT_EQ(sent<codec::pubrec>(a).size(), 1u);
    s.on_packet(codec::pubrel{7, codec::reason_code::success, {}}, t0);
    a = s.take_actions();
    EXPECT_EQ(sent<codec::pubcomp>(a).at(0).packet_id, 7);
    EXPECT_TRUE(all_of<warning>(a).empty());
    // Released: the id may now carry a new message.
    s.on_packet(incoming(7, codec::qos::exactly_once), t0);
    EXPECT_EQ(all_of<deliver>(s.take_actions()).size(), 1u);
}

TEST(session_incoming, held_session_neither_delivers_nor_acknowledges) {
    session s{config(codec::protocol_version::v311)};
    connect(s);
    s.on_packet(incoming(7, codec::qos::exactly_once), t0);
    (void)s.take_actions();
    s.hold_incoming();  // e.g. -C N reached: what comes now stays with the broker
    s.on_packet(incoming(8, codec::qos::at_least_once), t0);
    s.on_packet(incoming(9, codec::qos::exactly_once), t0);
    s.on_packet(incoming(0, codec::qos::at_most_once), t0);
    auto a = s.take_actions();
    EXPECT_TRUE(all_of<deliver>(a).empty());
    EXPECT_EQ(sent_count(a), 0u);
    // A flow that started before the hold still completes.
    s.on_packet(codec::pubrel{7, codec::reason_code::success, {}}, t0);
    a = s.take_actions();
    EXPECT_EQ(sent<codec::pubcomp>(a).at(0).packet_id, 7);
}

TEST(session_incoming, pubrel_for_unknown_id_answers_pubcomp_and_warns) {
    session s{config()};
    connect(s);
    s.on_packet(codec::pubrel{7, codec::reason_code::success, {}}, t0);
    const auto a = s.take_actions();
    EXPECT_EQ(all_of<warning>(a).at(0).message,
              "broker sent PUBREL for packet id 7 that was never received (answered PUBCOMP)");
    const auto comp = sent<codec::pubcomp>(a);
    ASSERT_EQ(comp.size(), 1u);
    EXPECT_EQ(comp[0].reason, codec::reason_code::packet_identifier_not_found);
    EXPECT_EQ(s.state(), session_state::connected);
}

TEST(session_incoming, broker_exceeding_our_receive_maximum_is_a_protocol_error) {
    auto cfg = config();
    cfg.connect_props.receive_maximum = 3;  // the sub's -C 3
    session s{cfg};
    connect(s);
    for (std::uint16_t id = 1; id <= 3; ++id) s.on_packet(incoming(id, codec::qos::exactly_once), t0);
    EXPECT_EQ(all_of<deliver>(s.take_actions()).size(), 3u);
    s.on_packet(incoming(4, codec::qos::exactly_once), t0);
    const auto a = s.take_actions();
    EXPECT_TRUE(all_of<deliver>(a).empty());
    const auto close = all_of<close_connection>(a);
    ASSERT_EQ(close.size(), 1u);
    EXPECT_EQ(close[0].reason, close_reason::protocol_error);
    EXPECT_EQ(close[0].message.rfind("broker exceeded our receive maximum 3", 0), 0u) << close[0].message;
    EXPECT_EQ(sent<codec::disconnect>(a).at(0).reason, codec::reason_code::receive_maximum_exceeded);
}

TEST(session_incoming, receive_maximum_counts_only_unreleased_qos2) {
    auto cfg = config();
    cfg.connect_props.receive_maximum = 1;
    session s{cfg};
    connect(s);
    s.on_packet(incoming(1, codec::qos::exactly_once), t0);
    s.on_packet(codec::pubrel{1, codec::reason_code::success, {}}, t0);
    s.on_packet(incoming(2, codec::qos::exactly_once), t0);
    s.on_packet(incoming(3, codec::qos::at_least_once), t0);
    const auto a = s.take_actions();
    EXPECT_TRUE(all_of<close_connection>(a).empty());
    EXPECT_EQ(all_of<deliver>(a).size(), 3u);
}

TEST(session_incoming, topic_aliases_resolved_and_violations_reported) {
    auto cfg = config();
    cfg.connect_props.topic_alias_maximum = 2;
    session s{cfg};
    s.start(t0);
    EXPECT_EQ(sent<codec::connect>(s.take_actions()).at(0).props.topic_alias_maximum,
              std::optional<std::uint16_t>{2});
    s.on_packet(codec::connack{}, t0);
    s.take_actions();
    auto first = incoming(0, codec::qos::at_most_once, "long/topic/name");
    first.props.topic_alias = 1;
    s.on_packet(first, t0);
    auto second = incoming(0, codec::qos::at_most_once, "");
    second.props.topic_alias = 1;
    s.on_packet(second, t0);
    auto d = all_of<deliver>(s.take_actions());
    ASSERT_EQ(d.size(), 2u);
    EXPECT_EQ(d[1].message.topic, "long/topic/name");
    auto bad = incoming(0, codec::qos::at_most_once, "");
    bad.props.topic_alias = 2;
    s.on_packet(bad, t0);
    const auto a = s.take_actions();
    EXPECT_EQ(all_of<close_connection>(a).at(0).message,
              "broker sent topic alias 2 with an empty topic before ever setting that alias");
    EXPECT_EQ(sent<codec::disconnect>(a).at(0).reason, codec::reason_code::topic_alias_invalid);
}

}  // namespace
}  // namespace wsmqtt::session::test
