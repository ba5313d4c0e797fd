// MQTT 3.1.1 (and 3.1 CONNECT) golden vectors: decode field by field, then encode back to the
// same bytes. Test names carry the spec section of the packet.
#include "golden_vectors.hpp"
#include "test_support.hpp"

namespace wsmqtt::codec {
namespace {

using namespace golden;
using test::decode_as;
using test::expect_encodes_to;
constexpr auto v311 = protocol_version::v311;

std::vector<std::uint8_t> text(std::string_view s) { return test::bytes_of(s); }

TEST(connect_v311, golden_3_1_minimal_clean_session) {
    const auto c = decode_as<connect>(connect_v311_minimal, v311, sender::client);
    EXPECT_EQ(c.version, protocol_version::v311);
    EXPECT_EQ(c.client_id, "abc");
    EXPECT_TRUE(c.clean_start);
    EXPECT_EQ(c.keep_alive, 60);
    EXPECT_FALSE(c.username);
    EXPECT_FALSE(c.password);
    EXPECT_FALSE(c.will);
    EXPECT_TRUE(c.props.empty());
    connect expected;
    expected.version = v311;
    expected.client_id = "abc";
    expected.keep_alive = 60;
    EXPECT_EQ(c, expected);
    expect_encodes_to(expected, v311, connect_v311_minimal);
}

TEST(connect_v311, golden_3_1_will_user_password) {
    const auto c = decode_as<connect>(connect_v311_full, v311, sender::client);
    EXPECT_EQ(c.client_id, "c1");
    EXPECT_FALSE(c.clean_start);
    EXPECT_EQ(c.keep_alive, 10);
    ASSERT_TRUE(c.will);
    EXPECT_EQ(c.will->topic, "w/t");
    EXPECT_EQ(c.will->payload, text("bye"));
    EXPECT_EQ(c.will->qos, qos::at_least_once);
    EXPECT_TRUE(c.will->retain);
    EXPECT_EQ(c.username, "u");
    EXPECT_EQ(c.password, text("p"));
    connect expected{.version = v311, .client_id = "c1", .clean_start = false, .keep_alive = 10,
                     .username = "u", .password = text("p"),
                     .will = will_message{.topic = "w/t", .payload = text("bye"), .qos = qos::at_least_once,
                                          .retain = true, .props = {}},
                     .props = {}};
    EXPECT_EQ(c, expected);
    // The stream version does not matter: CONNECT carries its own.
    expect_encodes_to(expected, protocol_version::v5, connect_v311_full);
}

TEST(connect_v31, golden_3_1_mqisdp_protocol_name) {
    const auto c = decode_as<connect>(connect_v31, protocol_version::v5, sender::client);
    EXPECT_EQ(c.version, protocol_version::v31);
    EXPECT_EQ(c.client_id, "x");
    EXPECT_EQ(c.keep_alive, 30);
    expect_encodes_to(c, protocol_version::v31, connect_v31);
}

TEST(connack_v311, golden_3_2_session_present_accepted) {
    const auto c = decode_as<connack>(connack_v311_accepted, v311, sender::server);
    EXPECT_TRUE(c.session_present);
    EXPECT_EQ(c.return_code, 0);
    EXPECT_EQ(connack_return_name(c.return_code), "connection accepted");
    expect_encodes_to(c, v311, connack_v311_accepted);
}

TEST(connack_v311, golden_3_2_2_3_return_code_5_not_authorized) {
    const auto c = decode_as<connack>(connack_v311_not_authorized, v311, sender::server);
    EXPECT_FALSE(c.session_present);
    EXPECT_EQ(c.return_code, 5);
    EXPECT_EQ(connack_return_name(c.return_code), "not authorized");
    expect_encodes_to(connack{.session_present = false, .return_code = 5, .props = {}}, v311,
                      connack_v311_not_authorized);
}

TEST(publish_v311, golden_3_3_qos0_no_packet_id) {
    const auto p = decode_as<publish>(publish_v311_qos0, v311, sender::server);
    EXPECT_EQ(p.topic, "a/b");
    EXPECT_EQ(p.payload, text("hi"));
    EXPECT_EQ(p.qos, qos::at_most_once);
    EXPECT_FALSE(p.retain);
    EXPECT_FALSE(p.dup);
    EXPECT_EQ(p.packet_id, 0);
    expect_encodes_to(publish{.topic = "a/b", .payload = text("hi")}, v311, publish_v311_qos0);
}

TEST(publish_v311, golden_3_3_1_qos1_dup_retain) {
    const auto p = decode_as<publish>(publish_v311_qos1_dup_retain, v311, sender::client);
    EXPECT_EQ(p.topic, "a/b");
    EXPECT_EQ(p.qos, qos::at_least_once);
    EXPECT_TRUE(p.dup);
    EXPECT_TRUE(p.retain);
    EXPECT_EQ(p.packet_id, 7);
    EXPECT_EQ(p.payload, text("hi"));
    expect_encodes_to(p, v311, publish_v311_qos1_dup_retain);
}

TEST(publish_v311, golden_3_3_qos2_empty_payload) {
    const auto p = decode_as<publish>(publish_v311_qos2_empty, v311, sender::server);
    EXPECT_EQ(p.topic, "t");
    EXPECT_EQ(p.qos, qos::exactly_once);
    EXPECT_EQ(p.packet_id, 0x1234);
    EXPECT_TRUE(p.payload.empty());
    expect_encodes_to(p, v311, publish_v311_qos2_empty);
}

TEST(puback_v311, golden_3_4) {
    const auto a = decode_as<puback>(puback_v311, v311, sender::server);
    EXPECT_EQ(a.packet_id, 7);
    EXPECT_EQ(a.reason, reason_code::success);
    expect_encodes_to(puback{.packet_id = 7}, v311, puback_v311);
}

TEST(pubrec_v311, golden_3_5) {
    const auto a = decode_as<pubrec>(pubrec_v311, v311, sender::client);
    EXPECT_EQ(a.packet_id, 8);
    expect_encodes_to(pubrec{.packet_id = 8}, v311, pubrec_v311);
}

TEST(pubrel_v311, golden_3_6_flags_0010) {
    const auto a = decode_as<pubrel>(pubrel_v311, v311, sender::server);
    EXPECT_EQ(a.packet_id, 8);
    expect_encodes_to(pubrel{.packet_id = 8}, v311, pubrel_v311);
}

TEST(pubcomp_v311, golden_3_7) {
    const auto a = decode_as<pubcomp>(pubcomp_v311, v311, sender::client);
    EXPECT_EQ(a.packet_id, 8);
    expect_encodes_to(pubcomp{.packet_id = 8}, v311, pubcomp_v311);
}

TEST(subscribe_v311, golden_3_8_two_filters) {
    const auto s = decode_as<subscribe>(subscribe_v311, v311, sender::client);
    EXPECT_EQ(s.packet_id, 10);
    ASSERT_EQ(s.subscriptions.size(), 2u);
    EXPECT_EQ(s.subscriptions[0].filter, "a/+");
    EXPECT_EQ(s.subscriptions[0].max_qos, qos::at_least_once);
    EXPECT_EQ(s.subscriptions[1].filter, "#");
    EXPECT_EQ(s.subscriptions[1].max_qos, qos::exactly_once);
    subscribe expected{.packet_id = 10,
                       .subscriptions = {{.filter = "a/+", .max_qos = qos::at_least_once},
                                         {.filter = "#", .max_qos = qos::exactly_once}},
                       .props = {}};
    EXPECT_EQ(s, expected);
    expect_encodes_to(expected, v311, subscribe_v311);
}

TEST(suback_v311, golden_3_9_granted_and_failure) {
    const auto s = decode_as<suback>(suback_v311, v311, sender::server);
    EXPECT_EQ(s.packet_id, 10);
    EXPECT_EQ(s.return_codes, (std::vector<std::uint8_t>{0x01, 0x80}));
    expect_encodes_to(s, v311, suback_v311);
}

TEST(unsubscribe_v311, golden_3_10) {
    const auto u = decode_as<unsubscribe>(unsubscribe_v311, v311, sender::client);
    EXPECT_EQ(u.packet_id, 11);
    EXPECT_EQ(u.filters, (std::vector<std::string>{"a/b"}));
    expect_encodes_to(u, v311, unsubscribe_v311);
}

TEST(unsuback_v311, golden_3_11) {
    const auto u = decode_as<unsuback>(unsuback_v311, v311, sender::server);
    EXPECT_EQ(u.packet_id, 11);
    EXPECT_TRUE(u.reasons.empty());
    expect_encodes_to(unsuback{.packet_id = 11}, v311, unsuback_v311);
}

TEST(pingreq_v311, golden_3_12) {
    decode_as<pingreq>(pingreq_any, v311, sender::client);
    expect_encodes_to(pingreq{}, v311, pingreq_any);
}

TEST(pingresp_v311, golden_3_13) {
    decode_as<pingresp>(pingresp_any, v311, sender::server);
    expect_encodes_to(pingresp{}, v311, pingresp_any);
}

TEST(disconnect_v311, golden_3_14) {
    decode_as<disconnect>(disconnect_v311, v311, sender::client);
    expect_encodes_to(disconnect{}, v311, disconnect_v311);
}

TEST(disconnect_v311, golden_3_14_reason_and_properties_are_not_written) {
    disconnect d{.reason = reason_code::server_busy, .props = {}};
    d.props.reason_string = "ignored";
    expect_encodes_to(d, v311, disconnect_v311);
}

}  // namespace
}  // namespace wsmqtt::codec
