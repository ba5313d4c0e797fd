// Property tables: names (mosquitto -D spelling), allow-list (spec table 2.4), once-only rule.
#include <gtest/gtest.h>

#include "core/codec/errors.hpp"
#include "core/codec/properties.hpp"
#include "core/codec/reason_code.hpp"

namespace wsmqtt::codec {
namespace {

TEST(property_names, round_trip_every_mosquitto_name) {
    const std::string_view names[] = {
        "payload-format-indicator", "message-expiry-interval", "content-type", "response-topic",
        "correlation-data", "subscription-identifier", "session-expiry-interval", "assigned-client-identifier",
        "server-keep-alive", "authentication-method", "authentication-data", "request-problem-information",
        "will-delay-interval", "request-response-information", "response-information", "server-reference",
        "reason-string", "receive-maximum", "topic-alias-maximum", "topic-alias", "maximum-qos",
        "retain-available", "user-property", "maximum-packet-size", "wildcard-subscription-available",
        "subscription-identifier-available", "shared-subscription-available"};
    for (auto name : names) {
        auto id = property_from_name(name);
        ASSERT_TRUE(id) << name;
        EXPECT_EQ(property_name(*id), name);
    }
    EXPECT_FALSE(property_from_name("message_expiry_interval"));
    EXPECT_EQ(property_from_name("topic-alias"), property_id::topic_alias);
    EXPECT_EQ(static_cast<int>(*property_from_name("shared-subscription-available")), 0x2A);
}

TEST(property_allow_list, table_2_4_samples) {
    using enum property_id;
    EXPECT_TRUE(property_allowed(message_expiry_interval, packet_type::publish));
    EXPECT_FALSE(property_allowed(message_expiry_interval, packet_type::connect));
    EXPECT_TRUE(property_allowed_in_will(message_expiry_interval));
    EXPECT_TRUE(property_allowed_in_will(will_delay_interval));
    EXPECT_FALSE(property_allowed(will_delay_interval, packet_type::connect));
    EXPECT_TRUE(property_allowed(subscription_identifier, packet_type::subscribe));
    EXPECT_FALSE(property_allowed(subscription_identifier, packet_type::suback));
    EXPECT_TRUE(property_allowed(reason_string, packet_type::pubcomp));
    EXPECT_FALSE(property_allowed(reason_string, packet_type::publish));
    EXPECT_TRUE(property_allowed(session_expiry_interval, packet_type::disconnect));
    EXPECT_TRUE(property_allowed(user_property, packet_type::unsubscribe));
    EXPECT_FALSE(property_allowed(user_property, packet_type::pingreq));
    EXPECT_TRUE(property_allowed(authentication_method, packet_type::auth));
    EXPECT_FALSE(property_allowed(topic_alias, packet_type::connack));
    EXPECT_TRUE(property_allowed(topic_alias_maximum, packet_type::connack));
}

TEST(property_repeat, user_property_always_subscription_identifier_in_publish) {
    EXPECT_TRUE(property_may_repeat(property_id::user_property, packet_type::connect));
    EXPECT_TRUE(property_may_repeat(property_id::subscription_identifier, packet_type::publish));
    EXPECT_FALSE(property_may_repeat(property_id::subscription_identifier, packet_type::subscribe));
    EXPECT_FALSE(property_may_repeat(property_id::content_type, packet_type::publish));
}

TEST(set_property, from_command_line_text) {
    properties p;
    EXPECT_TRUE(set_property(p, property_id::message_expiry_interval, "60"));
    EXPECT_EQ(p.message_expiry_interval, 60u);
    EXPECT_TRUE(set_property(p, property_id::user_property, "k", "v"));
    EXPECT_TRUE(set_property(p, property_id::user_property, "k", "w"));
    EXPECT_EQ(p.user_properties.size(), 2u);
    EXPECT_TRUE(set_property(p, property_id::correlation_data, "abc"));
    EXPECT_EQ(p.correlation_data, (std::vector<std::uint8_t>{'a', 'b', 'c'}));
    EXPECT_EQ(set_property(p, property_id::receive_maximum, "0").error(), codec_error::invalid_property_value);
    EXPECT_EQ(set_property(p, property_id::maximum_packet_size, "x1").error(), codec_error::invalid_property_value);
    EXPECT_EQ(set_property(p, property_id::payload_format_indicator, "2").error(),
              codec_error::invalid_property_value);
    EXPECT_EQ(set_property(p, property_id::response_topic, "a/#").error(), codec_error::invalid_property_value);
    EXPECT_EQ(set_property(p, property_id::topic_alias, "65536").error(), codec_error::invalid_property_value);
    EXPECT_TRUE(validate_properties(p, packet_type::publish));
    EXPECT_FALSE(p.empty());
    EXPECT_TRUE(properties{}.empty());
}

TEST(reason_codes, names_follow_the_spec) {
    EXPECT_EQ(reason_name(reason_code::not_authorized), "not authorized");
    EXPECT_EQ(reason_name(reason_code::bad_user_name_or_password), "bad user name or password");
    EXPECT_EQ(reason_name(reason_code::packet_identifier_in_use), "packet identifier in use");
    EXPECT_EQ(reason_name(reason_code::success, packet_type::disconnect), "normal disconnection");
    EXPECT_EQ(reason_name(reason_code::success, packet_type::suback), "granted qos 0");
    EXPECT_EQ(reason_name(static_cast<reason_code>(0x03)), "unknown reason code");
    EXPECT_EQ(connack_return_name(1), "unacceptable protocol version");
    EXPECT_EQ(connack_return_name(2), "identifier rejected");
    EXPECT_EQ(connack_return_name(3), "server unavailable");
    EXPECT_EQ(connack_return_name(4), "bad user name or password");
    EXPECT_EQ(connack_return_name(9), "reserved return code");
    EXPECT_TRUE(reason_allowed(reason_code::quota_exceeded, packet_type::puback));
    EXPECT_FALSE(reason_allowed(reason_code::quota_exceeded, packet_type::pubrel));
    EXPECT_TRUE(is_failure(reason_code::unspecified_error));
    EXPECT_FALSE(is_failure(reason_code::granted_qos_2));
    EXPECT_EQ(packet_type_name(packet_type::unsuback), "UNSUBACK");
}

}  // namespace
}  // namespace wsmqtt::codec
