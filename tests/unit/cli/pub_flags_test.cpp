// wsmqtt-pub's flags: payload sources, repeat/rate, reconnect, and MQTT 5 properties in
// mosquitto's -D form and the friendly forms.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "cli/common/connection_flags.hpp"
#include "cli/pub/pub_flags.hpp"

namespace wsmqtt::cli {
namespace {

struct result {
    std::optional<pub_config> config;
    std::vector<std::string> errors;
    bool wants_mqtt5 = false;
    std::optional<connection_config> connection;
};

result parse_pub(std::vector<std::string> args) {
    CLI::App app{"test", "wsmqtt-pub"};
    connection_flags connection{app, "wsmqtt-pub test"};
    pub_flags pub{app};
    auto parsed = parse_connection(app, connection, std::move(args));
    result r;
    r.errors = parsed.errors;
    r.wants_mqtt5 = pub.wants_mqtt5();
    if (parsed.action == parse_action::run && parsed.config) {
        r.config = pub.finish(*parsed.config, connection.raw().protocol_version.has_value(), r.errors);
        r.connection = parsed.config;
    }
    return r;
}

std::string joined(const std::vector<std::string>& errors) {
    std::string all;
    for (const auto& e : errors) all += e + "\n";
    return all;
}

bool has_error(const result& r, const std::string& needle) {
    for (const auto& e : r.errors) {
        if (e.find(needle) != std::string::npos) return true;
    }
    return false;
}

TEST(pub_flags, defaults_match_mosquitto_pub) {
    auto r = parse_pub({"-t", "a/b", "-m", "hi"});
    ASSERT_TRUE(r.config) << joined(r.errors);
    EXPECT_EQ(r.config->source, payload_source::message);
    EXPECT_EQ(r.config->qos, 0);
    EXPECT_EQ(r.config->max_inflight, 20);
    EXPECT_EQ(r.config->repeat, 1u);
    EXPECT_FALSE(r.config->rate);
    EXPECT_TRUE(r.config->reconnect.enabled);
    EXPECT_EQ(r.config->reconnect.initial_delay, std::chrono::milliseconds{1000});
    EXPECT_EQ(r.config->topic_alias, topic_alias_mode::automatic);
    EXPECT_FALSE(r.config->props.any);
    EXPECT_FALSE(r.wants_mqtt5);
}

TEST(pub_flags, stdin_line_and_null_delimited) {
    auto l = parse_pub({"-t", "a", "-l"});
    ASSERT_TRUE(l.config) << joined(l.errors);
    EXPECT_EQ(l.config->source, payload_source::stdin_records);
    EXPECT_EQ(l.config->record_separator, '\n');
    auto z = parse_pub({"-t", "a", "-0"});
    ASSERT_TRUE(z.config) << joined(z.errors);
    EXPECT_EQ(z.config->source, payload_source::stdin_records);
    EXPECT_EQ(z.config->record_separator, '\0');
    auto both = parse_pub({"-t", "a", "-l", "--null-delimited"});
    ASSERT_TRUE(both.config) << joined(both.errors);
    EXPECT_EQ(both.config->record_separator, '\0');
}

TEST(pub_flags, exactly_one_payload_source) {
    EXPECT_TRUE(has_error(parse_pub({"-t", "a"}), "no payload"));
    EXPECT_TRUE(has_error(parse_pub({"-t", "a", "-m", "x", "-n"}), "only one"));
    EXPECT_TRUE(has_error(parse_pub({"-t", "a", "-l", "-s"}), "only one"));
}

TEST(pub_flags, line_topic_needs_records_and_replaces_t) {
    auto r = parse_pub({"-l", "--line-topic", " "});
    ASSERT_TRUE(r.config) << joined(r.errors);
    EXPECT_EQ(r.config->line_topic, " ");
    EXPECT_TRUE(r.config->topic.empty());
    EXPECT_TRUE(has_error(parse_pub({"-m", "x", "--line-topic", ":"}), "-l or -0"));
    EXPECT_TRUE(has_error(parse_pub({"-l", "--line-topic", ""}), "non-empty"));
    EXPECT_TRUE(has_error(parse_pub({"-m", "x"}), "no topic"));
}

TEST(pub_flags, repeat_rate_and_delays) {
    auto r = parse_pub({"-t", "a", "-m", "x", "--repeat", "5", "--repeat-delay", "0.25", "--rate", "12.5"});
    ASSERT_TRUE(r.config) << joined(r.errors);
    EXPECT_EQ(r.config->repeat, 5u);
    EXPECT_EQ(r.config->repeat_delay, std::chrono::microseconds{250'000});
    EXPECT_DOUBLE_EQ(*r.config->rate, 12.5);
    EXPECT_TRUE(has_error(parse_pub({"-t", "a", "-m", "x", "--repeat", "0"}), "--repeat"));
    EXPECT_TRUE(has_error(parse_pub({"-t", "a", "-l", "--repeat", "2"}), "not with -l"));
    EXPECT_TRUE(has_error(parse_pub({"-t", "a", "-m", "x", "--repeat-delay", "1"}), "needs --repeat"));
    EXPECT_TRUE(has_error(parse_pub({"-t", "a", "-m", "x", "--rate", "0"}), "--rate"));
    EXPECT_TRUE(has_error(parse_pub({"-t", "a", "-m", "x", "--rate", "fast"}), "--rate"));
}

TEST(pub_flags, ack_timeout_and_reconnect) {
    auto r = parse_pub({"-t", "a", "-m", "x", "--ack-timeout", "1.5", "--reconnect-delay", "0.2", "--reconnect-max",
                        "4", "--reconnect-attempts", "3"});
    ASSERT_TRUE(r.config) << joined(r.errors);
    EXPECT_EQ(r.config->ack_timeout, std::chrono::milliseconds{1500});
    EXPECT_EQ(r.config->reconnect.initial_delay, std::chrono::milliseconds{200});
    EXPECT_EQ(r.config->reconnect.max_delay, std::chrono::milliseconds{4000});
    EXPECT_EQ(r.config->reconnect.max_attempts, 3u);
    auto off = parse_pub({"-t", "a", "-m", "x", "--no-reconnect"});
    ASSERT_TRUE(off.config) << joined(off.errors);
    EXPECT_FALSE(off.config->reconnect.enabled);
    EXPECT_TRUE(has_error(parse_pub({"-t", "a", "-m", "x", "--no-reconnect", "--reconnect-delay", "1"}),
                          "--no-reconnect"));
    EXPECT_TRUE(has_error(parse_pub({"-t", "a", "-m", "x", "--ack-timeout", "0"}), "--ack-timeout"));
}

TEST(pub_flags, d_property_sorted_into_packets) {
    auto r = parse_pub({"-V", "5", "-t", "a", "-m", "x", "-D", "publish", "user-property", "k", "v", "-D", "PUBLISH",
                        "Content-Type", "text/plain", "-D", "connect", "receive-maximum", "7", "-D", "disconnect",
                        "session-expiry-interval", "0"});
    ASSERT_TRUE(r.config) << joined(r.errors);
    const auto& p = r.config->props;
    EXPECT_TRUE(p.any);
    ASSERT_EQ(p.publish.user_properties.size(), 1u);
    EXPECT_EQ(p.publish.user_properties[0].first, "k");
    EXPECT_EQ(p.publish.user_properties[0].second, "v");
    EXPECT_EQ(p.publish.content_type, "text/plain");
    EXPECT_EQ(p.connect.receive_maximum, 7);
    EXPECT_EQ(p.disconnect.session_expiry_interval, 0u);
    EXPECT_TRUE(r.wants_mqtt5);
}

TEST(pub_flags, d_property_errors_like_mosquitto) {
    const std::vector<std::string> base{"-V", "5", "-t", "a", "-m", "x", "-D"};
    auto with = [&](std::vector<std::string> tail) {
        auto args = base;
        args.insert(args.end(), tail.begin(), tail.end());
        return parse_pub(args);
    };
    EXPECT_TRUE(has_error(with({"puback", "reason-string", "x"}), "not supported"));
    EXPECT_TRUE(has_error(with({"auth", "authentication-method", "x"}), "not supported"));
    EXPECT_TRUE(has_error(with({"bogus", "content-type", "x"}), "unknown command"));
    EXPECT_TRUE(has_error(with({"publish", "nope", "x"}), "unknown property"));
    EXPECT_TRUE(has_error(with({"publish", "receive-maximum", "5"}), "not allowed in publish"));
    EXPECT_TRUE(has_error(with({"publish", "subscription-identifier", "5"}), "not allowed in publish"));
    EXPECT_TRUE(has_error(with({"connect", "receive-maximum", "0"}), "1 to 65535"));
    EXPECT_TRUE(has_error(with({"publish", "message-expiry-interval", "abc"}), "number of seconds"));
    EXPECT_TRUE(has_error(with({"publish", "user-property", "only-name"}), "NAME and a VALUE"));
    EXPECT_TRUE(has_error(with({"publish", "content-type", "a", "b"}), "one VALUE"));
    EXPECT_TRUE(has_error(with({"publish", "response-topic", "a/+"}), "topic name"));
    EXPECT_TRUE(has_error(with({"will", "content-type", "x"}), "--will-topic"));
}

TEST(pub_flags, d_subscribe_is_accepted_and_noted) {
    auto r = parse_pub({"-V", "5", "-t", "a", "-m", "x", "-D", "subscribe", "user-property", "a", "b"});
    ASSERT_TRUE(r.config) << joined(r.errors);
    ASSERT_EQ(r.config->props.notes.size(), 1u);
    EXPECT_NE(r.config->props.notes[0].find("ignored"), std::string::npos);
}

TEST(pub_flags, will_properties_with_a_will) {
    auto r = parse_pub({"-V", "5", "-t", "a", "-m", "x", "--will-topic", "w", "-D", "will", "will-delay-interval", "9"});
    ASSERT_TRUE(r.config) << joined(r.errors);
    EXPECT_EQ(r.config->props.will.will_delay_interval, 9u);
}

TEST(pub_flags, properties_need_mqtt5) {
    auto explicit311 = parse_pub({"-V", "311", "-t", "a", "-m", "x", "-D", "publish", "content-type", "x"});
    EXPECT_FALSE(explicit311.config);
    EXPECT_TRUE(has_error(explicit311, "-V asks for MQTT 3.1.1"));
    // Without -V the caller re-parses with -V 5 (main.cpp); wants_mqtt5 says so.
    auto implicit = parse_pub({"-t", "a", "-m", "x", "--content-type", "x"});
    EXPECT_TRUE(implicit.wants_mqtt5);
    EXPECT_FALSE(implicit.config);
}

TEST(pub_flags, friendly_property_flags) {
    auto r = parse_pub({"-V", "5", "-t", "a", "-m", "x", "--user-property", "k=v=w", "--user-property", "e=",
                        "--content-type", "application/json", "--response-topic", "r/t", "--correlation-data",
                        "abc", "--message-expiry", "60", "--payload-format-indicator"});
    ASSERT_TRUE(r.config) << joined(r.errors);
    const auto& p = r.config->props.publish;
    ASSERT_EQ(p.user_properties.size(), 2u);
    EXPECT_EQ(p.user_properties[0], (std::pair<std::string, std::string>{"k", "v=w"}));
    EXPECT_EQ(p.user_properties[1], (std::pair<std::string, std::string>{"e", ""}));
    EXPECT_EQ(p.content_type, "application/json");
    EXPECT_EQ(p.response_topic, "r/t");
    EXPECT_EQ(p.correlation_data, (std::vector<std::uint8_t>{'a', 'b', 'c'}));
    EXPECT_EQ(p.message_expiry_interval, 60u);
    EXPECT_EQ(p.payload_format_indicator, 1);
    EXPECT_TRUE(has_error(parse_pub({"-V", "5", "-t", "a", "-m", "x", "--user-property", "=v"}), "NAME=VALUE"));
}

TEST(pub_flags, topic_alias_modes) {
    auto off = parse_pub({"-t", "a", "-m", "x", "--topic-alias", "off"});
    ASSERT_TRUE(off.config) << joined(off.errors);
    EXPECT_EQ(off.config->topic_alias, topic_alias_mode::off);
    EXPECT_TRUE(has_error(parse_pub({"-t", "a", "-m", "x", "--topic-alias", "3"}), "auto or off"));
}

}  // namespace
}  // namespace wsmqtt::cli
