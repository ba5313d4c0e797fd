// MQTT 5.0 golden vectors, properties included: decode field by field, then encode back.
#include "golden_vectors.hpp"
#include "test_support.hpp"

namespace wsmqtt::codec {
namespace {

using namespace golden;
using test::decode_as;
using test::expect_encodes_to;
constexpr auto v5 = protocol_version::v5;

std::vector<std::uint8_t> text(std::string_view s) { return test::bytes_of(s); }

TEST(connect_v5, golden_3_1_with_will_and_properties) {
    const auto c = decode_as<connect>(connect_v5_will_props, protocol_version::v311, sender::client);
    EXPECT_EQ(c.version, v5);
    EXPECT_EQ(c.client_id, "id");
    EXPECT_TRUE(c.clean_start);
    EXPECT_EQ(c.keep_alive, 60);
    EXPECT_EQ(c.props.session_expiry_interval, 3600u);
    EXPECT_EQ(c.props.receive_maximum, 20);
    ASSERT_EQ(c.props.user_properties.size(), 1u);
    EXPECT_EQ(c.props.user_properties[0], (std::pair<std::string, std::string>{"k", "v"}));
    ASSERT_TRUE(c.will);
    EXPECT_EQ(c.will->topic, "w");
    EXPECT_EQ(c.will->payload, text("x"));
    EXPECT_EQ(c.will->qos, qos::at_most_once);
    EXPECT_FALSE(c.will->retain);
    EXPECT_EQ(c.will->props.content_type, "text");
    EXPECT_EQ(c.will->props.will_delay_interval, 5u);
    EXPECT_EQ(c.username, "u");
    EXPECT_EQ(c.password, text("pw"));

    connect expected{.version = v5, .client_id = "id", .clean_start = true, .keep_alive = 60, .username = "u",
                     .password = text("pw"), .will = will_message{.topic = "w", .payload = text("x")},
                     .props = {}};
    expected.props.session_expiry_interval = 3600;
    expected.props.receive_maximum = 20;
    expected.props.user_properties = {{"k", "v"}};
    expected.will->props.will_delay_interval = 5;
    expected.will->props.content_type = "text";
    EXPECT_EQ(c, expected);
    expect_encodes_to(expected, v5, connect_v5_will_props);
}

TEST(connack_v5, golden_3_2_2_3_properties) {
    const auto c = decode_as<connack>(connack_v5_props, v5, sender::server);
    EXPECT_FALSE(c.session_present);
    EXPECT_EQ(c.return_code, 0);
    EXPECT_EQ(c.props.assigned_client_identifier, "auto");
    EXPECT_EQ(c.props.topic_alias_maximum, 10);
    EXPECT_EQ(c.props.maximum_qos, 1);
    EXPECT_EQ(c.props.maximum_packet_size, 1024u);
    connack expected;
    expected.props.maximum_packet_size = 1024;  // set out of wire order: encoding sorts by id
    expected.props.maximum_qos = 1;
    expected.props.topic_alias_maximum = 10;
    expected.props.assigned_client_identifier = "auto";
    EXPECT_EQ(c, expected);
    expect_encodes_to(expected, v5, connack_v5_props);
}

TEST(connack_v5, golden_3_2_2_2_reason_0x87_not_authorized) {
    const auto c = decode_as<connack>(connack_v5_not_authorized, v5, sender::server);
    EXPECT_EQ(c.return_code, 0x87);
    EXPECT_EQ(reason_name(static_cast<reason_code>(c.return_code)), "not authorized");
    expect_encodes_to(connack{.session_present = false, .return_code = 0x87, .props = {}}, v5,
                      connack_v5_not_authorized);
}

TEST(publish_v5, golden_3_3_2_3_all_message_properties) {
    const auto p = decode_as<publish>(publish_v5_qos1_props, v5, sender::server);
    EXPECT_EQ(p.topic, "t");
    EXPECT_EQ(p.qos, qos::at_least_once);
    EXPECT_EQ(p.packet_id, 1);
    EXPECT_EQ(p.payload, text("hello"));
    EXPECT_EQ(p.props.payload_format_indicator, 1);
    EXPECT_EQ(p.props.message_expiry_interval, 60u);
    EXPECT_EQ(p.props.response_topic, "r");
    EXPECT_EQ(p.props.correlation_data, (std::vector<std::uint8_t>{0xCA, 0xFE}));
    EXPECT_EQ(p.props.subscription_identifiers, (std::vector<std::uint32_t>{5, 200}));
    EXPECT_EQ(p.props.topic_alias, 3);
    EXPECT_EQ(p.props.user_properties, (std::vector<std::pair<std::string, std::string>>{{"a", "b"}}));
    expect_encodes_to(p, v5, publish_v5_qos1_props);
}

TEST(publish_v5, golden_3_3_2_3_4_empty_topic_with_alias) {
    const auto p = decode_as<publish>(publish_v5_alias_only, v5, sender::client);
    EXPECT_EQ(p.topic, "");
    EXPECT_EQ(p.props.topic_alias, 3);
    EXPECT_EQ(p.payload, text("x"));
    expect_encodes_to(p, v5, publish_v5_alias_only);
}

TEST(puback_v5, golden_3_4_2_1_short_form_success) {
    const auto a = decode_as<puback>(puback_v5_short, v5, sender::server);
    EXPECT_EQ(a.packet_id, 1);
    EXPECT_EQ(a.reason, reason_code::success);
    EXPECT_TRUE(a.props.empty());
    expect_encodes_to(puback{.packet_id = 1}, v5, puback_v5_short);
}

TEST(puback_v5, golden_3_4_2_reason_and_reason_string) {
    const auto a = decode_as<puback>(puback_v5_reason_string, v5, sender::server);
    EXPECT_EQ(a.packet_id, 1);
    EXPECT_EQ(a.reason, reason_code::no_matching_subscribers);
    EXPECT_EQ(a.props.reason_string, "bad");
    expect_encodes_to(a, v5, puback_v5_reason_string);
}

TEST(pubrec_v5, golden_3_5_2_1_reason_without_properties) {
    const auto a = decode_as<pubrec>(pubrec_v5_reason_only, v5, sender::client);
    EXPECT_EQ(a.packet_id, 2);
    EXPECT_EQ(a.reason, reason_code::unspecified_error);
    expect_encodes_to(pubrec{.packet_id = 2, .reason = reason_code::unspecified_error, .props = {}}, v5,
                      pubrec_v5_reason_only);
}

TEST(pubrel_v5, golden_3_6_2_1_packet_identifier_not_found) {
    const auto a = decode_as<pubrel>(pubrel_v5_not_found, v5, sender::server);
    EXPECT_EQ(a.packet_id, 2);
    EXPECT_EQ(a.reason, reason_code::packet_identifier_not_found);
    expect_encodes_to(a, v5, pubrel_v5_not_found);
}

TEST(pubcomp_v5, golden_3_7_2_user_property) {
    const auto a = decode_as<pubcomp>(pubcomp_v5_user_property, v5, sender::client);
    EXPECT_EQ(a.packet_id, 2);
    EXPECT_EQ(a.reason, reason_code::success);
    EXPECT_EQ(a.props.user_properties.size(), 1u);
    expect_encodes_to(a, v5, pubcomp_v5_user_property);
}

TEST(subscribe_v5, golden_3_8_3_1_subscription_options_and_shared) {
    const auto s = decode_as<subscribe>(subscribe_v5_options, v5, sender::client);
    EXPECT_EQ(s.packet_id, 10);
    EXPECT_EQ(s.props.subscription_identifiers, (std::vector<std::uint32_t>{1}));
    ASSERT_EQ(s.subscriptions.size(), 2u);
    EXPECT_EQ(s.subscriptions[0].filter, "a/#");
    EXPECT_EQ(s.subscriptions[0].max_qos, qos::at_least_once);
    EXPECT_TRUE(s.subscriptions[0].no_local);
    EXPECT_TRUE(s.subscriptions[0].retain_as_published);
    EXPECT_EQ(s.subscriptions[0].retain_handling, 2);
    EXPECT_EQ(s.subscriptions[1].filter, "$share/g/t");
    EXPECT_EQ(s.subscriptions[1].max_qos, qos::at_most_once);
    EXPECT_FALSE(s.subscriptions[1].no_local);
    EXPECT_EQ(s.subscriptions[1].retain_handling, 1);
    expect_encodes_to(s, v5, subscribe_v5_options);
}

TEST(suback_v5, golden_3_9_reason_codes_and_reason_string) {
    const auto s = decode_as<suback>(suback_v5, v5, sender::server);
    EXPECT_EQ(s.packet_id, 10);
    EXPECT_EQ(s.props.reason_string, "ok");
    EXPECT_EQ(s.return_codes, (std::vector<std::uint8_t>{0x01, 0x9E}));
    expect_encodes_to(s, v5, suback_v5);
}

TEST(unsubscribe_v5, golden_3_10_user_property) {
    const auto u = decode_as<unsubscribe>(unsubscribe_v5, v5, sender::client);
    EXPECT_EQ(u.packet_id, 11);
    EXPECT_EQ(u.filters, (std::vector<std::string>{"a/b"}));
    EXPECT_EQ(u.props.user_properties.size(), 1u);
    expect_encodes_to(u, v5, unsubscribe_v5);
}

TEST(unsuback_v5, golden_3_11_3_reason_codes) {
    const auto u = decode_as<unsuback>(unsuback_v5, v5, sender::server);
    EXPECT_EQ(u.packet_id, 11);
    EXPECT_EQ(u.reasons, (std::vector<reason_code>{reason_code::success, reason_code::no_subscription_existed}));
    expect_encodes_to(u, v5, unsuback_v5);
}

TEST(pingreq_v5, golden_3_12) {
    decode_as<pingreq>(pingreq_any, v5, sender::client);
    expect_encodes_to(pingreq{}, v5, pingreq_any);
}

TEST(pingresp_v5, golden_3_13) {
    decode_as<pingresp>(pingresp_any, v5, sender::server);
    expect_encodes_to(pingresp{}, v5, pingresp_any);
}

TEST(disconnect_v5, golden_3_14_2_1_short_form_normal) {
    const auto d = decode_as<disconnect>(disconnect_v5_short, v5, sender::server);
    EXPECT_EQ(d.reason, reason_code::normal_disconnection);
    expect_encodes_to(disconnect{}, v5, disconnect_v5_short);
}

TEST(disconnect_v5, golden_3_14_2_with_will_message_session_expiry) {
    const auto d = decode_as<disconnect>(disconnect_v5_with_will, v5, sender::client);
    EXPECT_EQ(d.reason, reason_code::disconnect_with_will_message);
    EXPECT_EQ(d.props.session_expiry_interval, 0u);
    expect_encodes_to(d, v5, disconnect_v5_with_will);
}

TEST(disconnect_v5, golden_3_14_2_2_server_reference) {
    const auto d = decode_as<disconnect>(disconnect_v5_server_moved, v5, sender::server);
    EXPECT_EQ(d.reason, reason_code::use_another_server);
    EXPECT_EQ(d.props.server_reference, "h2");
    EXPECT_EQ(d.props.reason_string, "m");
    expect_encodes_to(d, v5, disconnect_v5_server_moved);
}

TEST(auth_v5, golden_3_15_continue_authentication) {
    const auto a = decode_as<auth>(auth_v5_continue, v5, sender::server);
    EXPECT_EQ(a.reason, reason_code::continue_authentication);
    EXPECT_EQ(a.props.authentication_method, "SCRAM");
    EXPECT_EQ(a.props.authentication_data, (std::vector<std::uint8_t>{1, 2}));
    expect_encodes_to(a, v5, auth_v5_continue);
}

TEST(auth_v5, golden_3_15_2_1_short_form_success) {
    const auto a = decode_as<auth>(auth_v5_short, v5, sender::client);
    EXPECT_EQ(a.reason, reason_code::success);
    expect_encodes_to(auth{}, v5, auth_v5_short);
}

TEST(golden, every_vector_decodes_under_its_version_and_sender_and_reencodes) {
    for (const auto& v : all_vectors) {
        SCOPED_TRACE(std::string(v.name));
        auto p = decode(v.bytes, v.version, v.from);
        ASSERT_TRUE(p.has_value()) << p.error().message();
        auto again = encode(*p, v.version);
        ASSERT_TRUE(again.has_value()) << again.error().message();
        EXPECT_EQ(*again, test::to_vector(v.bytes));
    }
}

}  // namespace
}  // namespace wsmqtt::codec
