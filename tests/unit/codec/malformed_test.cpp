// One test per malformed input: each must fail with its own precise codec_error.
#include "test_support.hpp"

namespace wsmqtt::codec {
namespace {

using test::bytes;
using test::decode_error;
constexpr auto v311 = protocol_version::v311;
constexpr auto v5 = protocol_version::v5;
const auto client = sender::client;
const auto server = sender::server;

TEST(malformed_fixed_header, remaining_length_over_4_bytes_1_5_5) {
    EXPECT_EQ(decode_error(bytes({0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01}), v311, client),
              codec_error::malformed_varint);
}

TEST(malformed_fixed_header, remaining_length_longer_than_bytes) {
    EXPECT_EQ(decode_error(bytes({0x40, 0x03, 0x00, 0x01}), v311, server), codec_error::length_mismatch);
}

TEST(malformed_fixed_header, bytes_after_the_packet) {
    EXPECT_EQ(decode_error(bytes({0xC0, 0x00, 0x00}), v311, client), codec_error::length_mismatch);
}

TEST(malformed_fixed_header, truncated_header) {
    EXPECT_EQ(decode_error(bytes({0x30}), v311, client), codec_error::truncated_packet);
}

TEST(malformed_fixed_header, reserved_packet_type_0_2_1_2) {
    EXPECT_EQ(decode_error(bytes({0x00, 0x00}), v311, client), codec_error::unknown_packet_type);
}

TEST(malformed_fixed_header, auth_is_not_a_3_1_1_packet) {
    EXPECT_EQ(decode_error(bytes({0xF0, 0x00}), v311, server), codec_error::unknown_packet_type);
}

TEST(malformed_fixed_header, reserved_flags_on_puback_2_2_2_2) {
    EXPECT_EQ(decode_error(bytes({0x41, 0x02, 0x00, 0x01}), v311, server), codec_error::reserved_flags);
}

TEST(malformed_fixed_header, subscribe_without_flags_0010_3_8_1_1) {
    EXPECT_EQ(decode_error(bytes({0x80, 0x06, 0x00, 0x01, 0x00, 0x01, 'a', 0x00}), v311, client),
              codec_error::reserved_flags);
}

TEST(malformed_fixed_header, pubrel_without_flags_0010_3_6_1_1) {
    EXPECT_EQ(decode_error(bytes({0x60, 0x02, 0x00, 0x01}), v311, server), codec_error::reserved_flags);
}

TEST(malformed_length, ack_with_extra_byte_in_3_1_1) {
    EXPECT_EQ(decode_error(bytes({0x40, 0x03, 0x00, 0x01, 0x00}), v311, server), codec_error::length_mismatch);
}

TEST(malformed_length, ping_with_a_body) {
    EXPECT_EQ(decode_error(bytes({0xD0, 0x01, 0x00}), v311, server), codec_error::length_mismatch);
}

TEST(malformed_length, property_length_past_the_packet) {
    // PUBACK v5: packet id 1, reason 0, properties length 9 but only 2 bytes follow.
    EXPECT_EQ(decode_error(bytes({0x40, 0x06, 0x00, 0x01, 0x00, 0x09, 0x01, 0x01}), v5, server),
              codec_error::string_past_end);
}

TEST(malformed_length, property_value_cut_by_property_length) {
    // Properties length 2 but a four-byte message expiry interval follows.
    EXPECT_EQ(decode_error(bytes({0x30, 0x09, 0x00, 0x01, 't', 0x02, 0x02, 0x00, 0x00, 0x00, 0x01}), v5, client),
              codec_error::length_mismatch);
}

TEST(malformed_string, topic_runs_past_the_packet_1_5_4) {
    EXPECT_EQ(decode_error(bytes({0x30, 0x05, 0x00, 0x0A, 'a', 'b', 'c'}), v311, server),
              codec_error::string_past_end);
}

TEST(malformed_string, client_id_length_prefix_cut) {
    EXPECT_EQ(decode_error(bytes({0x10, 0x0B, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3C, 0x00}), v311,
                           client),
              codec_error::truncated_packet);
}

TEST(malformed_utf8, overlong_nul_in_topic_1_5_4_1) {
    EXPECT_EQ(decode_error(bytes({0x30, 0x04, 0x00, 0x02, 0xC0, 0x80}), v311, server), codec_error::invalid_utf8);
}

TEST(malformed_utf8, surrogate_in_topic_1_5_4_1) {
    EXPECT_EQ(decode_error(bytes({0x30, 0x05, 0x00, 0x03, 0xED, 0xA0, 0x80}), v311, server),
              codec_error::invalid_utf8);
}

TEST(malformed_utf8, u0000_in_topic_1_5_4_2) {
    EXPECT_EQ(decode_error(bytes({0x30, 0x05, 0x00, 0x03, 'a', 0x00, 'b'}), v311, server), codec_error::invalid_utf8);
}

TEST(malformed_utf8, truncated_sequence_in_topic) {
    EXPECT_EQ(decode_error(bytes({0x30, 0x04, 0x00, 0x02, 0xE2, 0x82}), v311, server), codec_error::invalid_utf8);
}

TEST(malformed_utf8, invalid_user_property_value) {
    // PUBACK v5 with user property ("k", FF).
    EXPECT_EQ(decode_error(bytes({0x40, 0x0B, 0x00, 0x01, 0x00, 0x07, 0x26, 0x00, 0x01, 'k', 0x00, 0x01, 0xFF}), v5,
                           server),
              codec_error::invalid_utf8);
}

TEST(malformed_property, not_allowed_in_publish_2_2_2_2) {
    // PUBLISH v5 with session expiry interval (CONNECT/CONNACK/DISCONNECT only).
    EXPECT_EQ(decode_error(bytes({0x30, 0x09, 0x00, 0x01, 't', 0x05, 0x11, 0x00, 0x00, 0x00, 0x01}), v5, server),
              codec_error::property_not_allowed);
}

TEST(malformed_property, will_delay_not_allowed_in_connect_properties) {
    // CONNECT v5, properties: will delay interval (allowed only in will properties).
    EXPECT_EQ(decode_error(bytes({0x10, 0x12, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x3C, 0x05, 0x18,
                                  0x00, 0x00, 0x00, 0x01, 0x00, 0x00}),
                           v5, client),
              codec_error::property_not_allowed);
}

TEST(malformed_property, duplicate_receive_maximum_2_2_2_2) {
    // CONNECT v5 with receive maximum twice.
    EXPECT_EQ(decode_error(bytes({0x10, 0x13, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x3C, 0x06, 0x21,
                                  0x00, 0x0A, 0x21, 0x00, 0x0B, 0x00, 0x00}),
                           v5, client),
              codec_error::duplicate_property);
}

TEST(malformed_property, duplicate_subscription_identifier_in_subscribe_3_8_2_1_2) {
    EXPECT_EQ(decode_error(bytes({0x82, 0x0B, 0x00, 0x01, 0x04, 0x0B, 0x01, 0x0B, 0x02, 0x00, 0x01, 't', 0x00}), v5,
                           client),
              codec_error::duplicate_property);
}

TEST(malformed_property, unknown_identifier) {
    EXPECT_EQ(decode_error(bytes({0x40, 0x06, 0x00, 0x01, 0x00, 0x02, 0x7F, 0x00}), v5, server),
              codec_error::unknown_property);
}

TEST(malformed_property, receive_maximum_zero_3_1_2_11_3) {
    EXPECT_EQ(decode_error(bytes({0x10, 0x10, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x3C, 0x03, 0x21,
                                  0x00, 0x00, 0x00, 0x00}),
                           v5, client),
              codec_error::invalid_property_value);
}

TEST(malformed_property, maximum_qos_2_3_2_2_3_4) {
    EXPECT_EQ(decode_error(bytes({0x20, 0x05, 0x00, 0x00, 0x02, 0x24, 0x02}), v5, server),
              codec_error::invalid_property_value);
}

TEST(malformed_property, payload_format_indicator_2_3_3_2_3_2) {
    EXPECT_EQ(decode_error(bytes({0x30, 0x06, 0x00, 0x01, 't', 0x02, 0x01, 0x02}), v5, server),
              codec_error::invalid_property_value);
}

TEST(malformed_property, subscription_identifier_from_client_3_3_4_6) {
    EXPECT_EQ(decode_error(bytes({0x30, 0x06, 0x00, 0x01, 't', 0x02, 0x0B, 0x01}), v5, client),
              codec_error::protocol_error);
}

TEST(malformed_connect, reserved_flag_bit_0_3_1_2_3) {
    EXPECT_EQ(decode_error(bytes({0x10, 0x0D, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x03, 0x00, 0x3C, 0x00, 0x01,
                                  'a'}),
                           v311, client),
              codec_error::reserved_flags);
}

TEST(malformed_connect, will_qos_3_3_1_2_14) {
    EXPECT_EQ(decode_error(bytes({0x10, 0x0D, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x1E, 0x00, 0x3C, 0x00, 0x01,
                                  'a'}),
                           v311, client),
              codec_error::invalid_qos);
}

TEST(malformed_connect, will_retain_without_will_flag_3_1_2_15) {
    EXPECT_EQ(decode_error(bytes({0x10, 0x0D, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x22, 0x00, 0x3C, 0x00, 0x01,
                                  'a'}),
                           v311, client),
              codec_error::invalid_will);
}

TEST(malformed_connect, password_without_username_3_1_2_22) {
    EXPECT_EQ(decode_error(bytes({0x10, 0x10, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x42, 0x00, 0x3C, 0x00, 0x01,
                                  'a', 0x00, 0x01, 'p'}),
                           v311, client),
              codec_error::password_without_username);
}

TEST(malformed_connect, level_4_with_mqisdp_name_3_1_2_1) {
    EXPECT_EQ(decode_error(bytes({0x10, 0x0F, 0x00, 0x06, 'M', 'Q', 'I', 's', 'd', 'p', 0x04, 0x02, 0x00, 0x3C,
                                  0x00, 0x01, 'a'}),
                           v311, client),
              codec_error::invalid_protocol_name);
}

TEST(malformed_connect, unsupported_level_6_3_1_2_2) {
    EXPECT_EQ(decode_error(bytes({0x10, 0x0D, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x06, 0x02, 0x00, 0x3C, 0x00, 0x01,
                                  'a'}),
                           v311, client),
              codec_error::protocol_version_unsupported);
}

TEST(malformed_connack, reserved_acknowledge_flags_3_2_2_1) {
    EXPECT_EQ(decode_error(bytes({0x20, 0x02, 0x02, 0x00}), v311, server), codec_error::reserved_flags);
}

TEST(malformed_connack, reason_code_not_allowed_in_connack) {
    EXPECT_EQ(decode_error(bytes({0x20, 0x03, 0x00, 0x92, 0x00}), v5, server), codec_error::invalid_reason_code);
}

TEST(malformed_publish, qos_3_3_3_1_4) {
    EXPECT_EQ(decode_error(bytes({0x36, 0x05, 0x00, 0x01, 't', 0x00, 0x01}), v311, server), codec_error::invalid_qos);
}

TEST(malformed_publish, dup_on_qos0_3_3_1_2) {
    EXPECT_EQ(decode_error(bytes({0x38, 0x03, 0x00, 0x01, 't'}), v311, server), codec_error::invalid_dup);
}

TEST(malformed_publish, packet_id_0_with_qos1_2_2_1_3) {
    EXPECT_EQ(decode_error(bytes({0x32, 0x05, 0x00, 0x01, 't', 0x00, 0x00}), v311, server),
              codec_error::zero_packet_id);
}

TEST(malformed_publish, wildcard_in_topic_name_3_3_2_2) {
    EXPECT_EQ(decode_error(bytes({0x30, 0x03, 0x00, 0x01, '#'}), v311, server), codec_error::invalid_topic);
}

TEST(malformed_publish, empty_topic_without_alias_3_3_2_1) {
    EXPECT_EQ(decode_error(bytes({0x30, 0x03, 0x00, 0x00, 0x00}), v5, server), codec_error::invalid_topic);
    EXPECT_EQ(decode_error(bytes({0x30, 0x02, 0x00, 0x00}), v311, server), codec_error::invalid_topic);
}

TEST(malformed_ack, packet_id_0_in_puback_2_2_1_3) {
    EXPECT_EQ(decode_error(bytes({0x40, 0x02, 0x00, 0x00}), v311, server), codec_error::zero_packet_id);
}

TEST(malformed_ack, reason_code_not_allowed_in_puback_3_4_2_1) {
    EXPECT_EQ(decode_error(bytes({0x40, 0x03, 0x00, 0x01, 0x92}), v5, server), codec_error::invalid_reason_code);
}

TEST(malformed_subscribe, packet_id_0_2_2_1_3) {
    EXPECT_EQ(decode_error(bytes({0x82, 0x06, 0x00, 0x00, 0x00, 0x01, 't', 0x00}), v311, client),
              codec_error::zero_packet_id);
}

TEST(malformed_subscribe, no_filters_3_8_3_3) {
    EXPECT_EQ(decode_error(bytes({0x82, 0x02, 0x00, 0x01}), v311, client), codec_error::empty_subscription);
}

TEST(malformed_subscribe, reserved_option_bits_in_3_1_1_3_8_3_4) {
    EXPECT_EQ(decode_error(bytes({0x82, 0x06, 0x00, 0x01, 0x00, 0x01, 't', 0x04}), v311, client),
              codec_error::reserved_flags);
}

TEST(malformed_subscribe, reserved_option_bits_in_5_3_8_3_5) {
    EXPECT_EQ(decode_error(bytes({0x82, 0x07, 0x00, 0x01, 0x00, 0x00, 0x01, 't', 0x40}), v5, client),
              codec_error::reserved_flags);
}

TEST(malformed_subscribe, requested_qos_3) {
    EXPECT_EQ(decode_error(bytes({0x82, 0x06, 0x00, 0x01, 0x00, 0x01, 't', 0x03}), v311, client),
              codec_error::invalid_qos);
}

TEST(malformed_subscribe, retain_handling_3) {
    EXPECT_EQ(decode_error(bytes({0x82, 0x07, 0x00, 0x01, 0x00, 0x00, 0x01, 't', 0x30}), v5, client),
              codec_error::protocol_error);
}

TEST(malformed_subscribe, hash_not_last_4_7_1_2) {
    EXPECT_EQ(decode_error(bytes({0x82, 0x08, 0x00, 0x01, 0x00, 0x03, '#', '/', 'a', 0x00}), v311, client),
              codec_error::invalid_topic_filter);
}

TEST(malformed_subscribe, no_local_on_shared_subscription_3_8_3_4) {
    EXPECT_EQ(decode_error(bytes({0x82, 0x0F, 0x00, 0x01, 0x00, 0x00, 0x09, '$', 's', 'h', 'a', 'r', 'e', '/', 'g',
                                  '/', 0x04}),
                           v5, client),
              codec_error::invalid_topic_filter);  // "$share/g/" has an empty filter
    EXPECT_EQ(decode_error(bytes({0x82, 0x10, 0x00, 0x01, 0x00, 0x00, 0x0A, '$', 's', 'h', 'a', 'r', 'e', '/', 'g',
                                  '/', 't', 0x04}),
                           v5, client),
              codec_error::protocol_error);
}

TEST(malformed_suback, return_code_3_in_3_1_1_3_9_3) {
    EXPECT_EQ(decode_error(bytes({0x90, 0x03, 0x00, 0x01, 0x03}), v311, server), codec_error::invalid_reason_code);
}

TEST(malformed_unsubscribe, no_filters_3_10_3_2) {
    EXPECT_EQ(decode_error(bytes({0xA2, 0x02, 0x00, 0x01}), v311, client), codec_error::empty_subscription);
}

TEST(malformed_direction, connack_from_a_client) {
    EXPECT_EQ(decode_error(bytes({0x20, 0x02, 0x00, 0x00}), v311, client), codec_error::unexpected_packet);
}

TEST(malformed_direction, connect_from_a_server) {
    EXPECT_EQ(decode_error(bytes({0x10, 0x00}), v311, server), codec_error::unexpected_packet);
}

TEST(malformed_direction, disconnect_from_a_3_1_1_server) {
    EXPECT_EQ(decode_error(bytes({0xE0, 0x00}), v311, server), codec_error::unexpected_packet);
}

TEST(malformed_direction, subscribe_from_a_server) {
    EXPECT_EQ(decode_error(bytes({0x82, 0x06, 0x00, 0x01, 0x00, 0x01, 't', 0x00}), v311, server),
              codec_error::unexpected_packet);
}

TEST(codec_errors, category_and_messages) {
    const boost::system::error_code ec = codec_error::packet_too_large;
    EXPECT_STREQ(ec.category().name(), "mqtt codec");
    EXPECT_EQ(ec.message(), "packet exceeds the maximum packet size");
    EXPECT_EQ(make_error_code(codec_error::invalid_utf8).message(),
              "invalid UTF-8 string (ill-formed, surrogate, overlong or U+0000)");
}

}  // namespace
}  // namespace wsmqtt::codec
