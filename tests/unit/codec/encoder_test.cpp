// Encoder-side validation: what cannot be written is refused before anything is appended.
#include "test_support.hpp"

namespace wsmqtt::codec {
namespace {

using test::encode_error;
constexpr auto v311 = protocol_version::v311;
constexpr auto v5 = protocol_version::v5;

TEST(encode_validation, qos_3_is_refused) {
    publish p{.topic = "t", .qos = static_cast<qos>(3), .packet_id = 1};
    EXPECT_EQ(encode_error(p, v311), codec_error::invalid_qos);
}

TEST(encode_validation, qos1_needs_a_packet_id) {
    EXPECT_EQ(encode_error(publish{.topic = "t", .qos = qos::at_least_once}, v311), codec_error::zero_packet_id);
    EXPECT_EQ(encode_error(puback{}, v5), codec_error::zero_packet_id);
    EXPECT_EQ(encode_error(subscribe{.subscriptions = {{.filter = "a"}}}, v5), codec_error::zero_packet_id);
}

TEST(encode_validation, dup_on_qos0) {
    EXPECT_EQ(encode_error(publish{.topic = "t", .dup = true}, v311), codec_error::invalid_dup);
}

TEST(encode_validation, topic_with_wildcard_or_empty) {
    EXPECT_EQ(encode_error(publish{.topic = "a/+"}, v311), codec_error::invalid_topic);
    EXPECT_EQ(encode_error(publish{.topic = ""}, v5), codec_error::invalid_topic);
}

TEST(encode_validation, string_longer_than_65535) {
    connect c{.client_id = std::string(70'000, 'a')};
    EXPECT_EQ(encode_error(c, v311), codec_error::string_too_long);
}

TEST(encode_validation, invalid_utf8_client_id) {
    connect c{.client_id = std::string("a\xC0\x80", 3)};
    EXPECT_EQ(encode_error(c, v311), codec_error::invalid_utf8);
}

TEST(encode_validation, property_not_allowed_in_packet) {
    puback a{.packet_id = 1};
    a.props.topic_alias = 1;
    EXPECT_EQ(encode_error(a, v5), codec_error::property_not_allowed);
    // Properties are simply not written under 3.1.1.
    EXPECT_FALSE(encode_error(a, v311));
}

TEST(encode_validation, will_property_in_connect_properties) {
    connect c{.version = v5, .client_id = "a"};
    c.props.will_delay_interval = 3;
    EXPECT_EQ(encode_error(c, v5), codec_error::property_not_allowed);
}

TEST(encode_validation, property_value_out_of_range) {
    connect c{.version = v5, .client_id = "a"};
    c.props.receive_maximum = 0;
    EXPECT_EQ(encode_error(c, v5), codec_error::invalid_property_value);
}

TEST(encode_validation, password_without_username_in_3_1_1_only) {
    connect c{.version = v311, .client_id = "a", .password = std::vector<std::uint8_t>{'p'}};
    EXPECT_EQ(encode_error(c, v311), codec_error::password_without_username);
    c.version = v5;
    EXPECT_FALSE(encode_error(c, v5));
}

TEST(encode_validation, empty_subscribe_and_bad_filter) {
    EXPECT_EQ(encode_error(subscribe{.packet_id = 1}, v311), codec_error::empty_subscription);
    EXPECT_EQ(encode_error(subscribe{.packet_id = 1, .subscriptions = {{.filter = "a/#/b"}}}, v311),
              codec_error::invalid_topic_filter);
    EXPECT_EQ(encode_error(unsubscribe{.packet_id = 1}, v311), codec_error::empty_subscription);
}

TEST(encode_validation, auth_needs_mqtt_5) {
    EXPECT_EQ(encode_error(auth{}, v311), codec_error::unknown_packet_type);
}

TEST(encode_validation, reason_code_not_allowed) {
    EXPECT_EQ(encode_error(pubrel{.packet_id = 1, .reason = reason_code::not_authorized, .props = {}}, v5),
              codec_error::invalid_reason_code);
}

TEST(encode_validation, remaining_length_over_268435455) {
    publish p{.topic = "t"};
    p.payload.resize(268'435'455);
    EXPECT_EQ(encode_error(p, v311), codec_error::remaining_length_too_long);
}

TEST(encode, appends_and_leaves_output_unchanged_on_error) {
    std::vector<std::uint8_t> out{0xAA};
    ASSERT_TRUE(encode(pingreq{}, v311, out));
    EXPECT_EQ(out, (std::vector<std::uint8_t>{0xAA, 0xC0, 0x00}));
    EXPECT_FALSE(encode(publish{.topic = "#"}, v311, out));
    EXPECT_EQ(out.size(), 3u);
}

TEST(encode, remaining_length_uses_minimal_varint_1_5_5_1) {
    publish p{.topic = "t"};
    p.payload.resize(200);  // remaining 203 -> two length bytes 0xCB 0x01
    auto r = encode(p, v311);
    ASSERT_TRUE(r);
    EXPECT_EQ((*r)[1], 0xCB);
    EXPECT_EQ((*r)[2], 0x01);
    EXPECT_EQ(r->size(), 1 + 2 + 203u);
}

}  // namespace
}  // namespace wsmqtt::codec
