// wsmqtt-sub's flags: per-topic QoS, MQTT 5 options, -D in mosquitto's form, and the checks.
#include <gtest/gtest.h>

#include "cli/sub/property_args.hpp"
#include "cli/sub/sub_flags.hpp"
#include "harness.hpp"

namespace wsmqtt::cli {
namespace {

struct sub_parse {
    std::optional<sub_config> config;
    std::vector<std::string> errors;
};

sub_parse parse_sub(std::vector<std::string> args) {
    CLI::App app{"t", "wsmqtt-sub"};
    connection_flags connection{app, "wsmqtt-sub test"};
    sub_flags sub{app};
    auto parsed = parse_connection(app, connection, std::move(args));
    sub_parse out;
    out.errors = parsed.errors;
    if (parsed.action == parse_action::run && parsed.config) out.config = sub.finish(*parsed.config, out.errors);
    return out;
}

bool has_error(const sub_parse& r, std::string_view text) {
    for (const auto& e : r.errors) {
        if (e.find(text) != std::string::npos) return true;
    }
    return false;
}

TEST(SubFlags, OneQosForEveryTopic) {
    const auto r = parse_sub({"-t", "a", "-t", "b/+", "-q", "1"});
    ASSERT_TRUE(r.config) << (r.errors.empty() ? "" : r.errors[0]);
    ASSERT_EQ(r.config->subscriptions.size(), 2u);
    EXPECT_EQ(r.config->subscriptions[0].max_qos, codec::qos::at_least_once);
    EXPECT_EQ(r.config->subscriptions[1].max_qos, codec::qos::at_least_once);
}

TEST(SubFlags, QosPerTopicInOrder) {
    const auto r = parse_sub({"-t", "a", "-q", "2", "-t", "b", "-q", "0", "-t", "c", "-q", "1"});
    ASSERT_TRUE(r.config);
    EXPECT_EQ(r.config->subscriptions[0].max_qos, codec::qos::exactly_once);
    EXPECT_EQ(r.config->subscriptions[1].max_qos, codec::qos::at_most_once);
    EXPECT_EQ(r.config->subscriptions[2].max_qos, codec::qos::at_least_once);
}

TEST(SubFlags, QosCountMismatchIsAnError) {
    EXPECT_TRUE(has_error(parse_sub({"-t", "a", "-t", "b", "-t", "c", "-q", "1", "-q", "2"}), "one per -t"));
}

TEST(SubFlags, NoTopicIsAnError) { EXPECT_TRUE(has_error(parse_sub({}), "no topic")); }

TEST(SubFlags, BadFiltersAreReportedTogether) {
    const auto r = parse_sub({"-t", "a/#/b", "-T", "x+", "-U", ""});
    EXPECT_FALSE(r.config);
    EXPECT_TRUE(has_error(r, "-t/--topic 'a/#/b'"));
    EXPECT_TRUE(has_error(r, "-T/--filter-out 'x+'"));
    EXPECT_TRUE(has_error(r, "-U/--unsubscribe ''"));
}

TEST(SubFlags, SharedSubscriptionIsAccepted) {
    const auto r = parse_sub({"-t", "$share/g/a/#"});
    ASSERT_TRUE(r.config);
    EXPECT_EQ(r.config->subscriptions[0].filter, "$share/g/a/#");
    EXPECT_TRUE(has_error(parse_sub({"-t", "$share//a"}), "shared subscription"));
}

TEST(SubFlags, V5OptionsNeedV5) {
    const auto r = parse_sub({"-t", "a", "--no-local", "--retain-handling", "1", "-D", "subscribe", "user-property",
                              "k", "v"});
    EXPECT_TRUE(has_error(r, "--no-local is an MQTT 5 option"));
    EXPECT_TRUE(has_error(r, "--retain-handling is an MQTT 5 option"));
    EXPECT_TRUE(has_error(r, "-D/--property is an MQTT 5 option"));
}

TEST(SubFlags, V5SubscriptionOptions) {
    const auto r = parse_sub({"-V", "5", "-t", "a", "--no-local", "--retain-as-published", "--retain-handling", "2",
                              "--subscription-identifier", "42"});
    ASSERT_TRUE(r.config) << (r.errors.empty() ? "" : r.errors[0]);
    const auto& s = r.config->subscriptions[0];
    EXPECT_TRUE(s.no_local);
    EXPECT_TRUE(s.retain_as_published);
    EXPECT_EQ(s.retain_handling, 2);
    EXPECT_EQ(r.config->subscribe_props.subscription_identifiers, std::vector<std::uint32_t>{42});
}

TEST(SubFlags, NoRetainedSetsRetainHandlingTwoUnderV5Only) {
    EXPECT_EQ(parse_sub({"-V", "5", "-t", "a", "-R"}).config->subscriptions[0].retain_handling, 2);
    EXPECT_EQ(parse_sub({"-t", "a", "-R"}).config->subscriptions[0].retain_handling, 0);
    EXPECT_EQ(parse_sub({"-V", "5", "-t", "a", "-R", "--retain-handling", "1"}).config->subscriptions[0].retain_handling,
              1);
}

TEST(SubFlags, NoLocalOnSharedSubscriptionIsAnError) {
    EXPECT_TRUE(has_error(parse_sub({"-V", "5", "-t", "$share/g/a", "--no-local"}), "shared subscription"));
}

TEST(SubFlags, PropertiesInMosquittosForm) {
    const auto r = parse_sub({"-V", "5", "-t", "a", "-D", "connect", "user-property", "ck", "cv", "-D", "subscribe",
                              "user-property", "sk", "sv", "-D", "connect", "receive-maximum", "7", "-D",
                              "unsubscribe", "user-property", "uk", "uv", "-q", "1"});
    ASSERT_TRUE(r.config) << (r.errors.empty() ? "" : r.errors[0]);
    using pairs = std::vector<std::pair<std::string, std::string>>;
    EXPECT_EQ(r.config->connect_props.user_properties, (pairs{{"ck", "cv"}}));
    EXPECT_EQ(r.config->connect_props.receive_maximum, 7);
    EXPECT_EQ(r.config->subscribe_props.user_properties, (pairs{{"sk", "sv"}}));
    EXPECT_EQ(r.config->unsubscribe_props.user_properties, (pairs{{"uk", "uv"}}));
    EXPECT_EQ(r.config->subscriptions[0].max_qos, codec::qos::at_least_once);
}

TEST(SubFlags, BadProperties) {
    codec::properties c, s, u;
    const property_targets t{&c, &s, &u};
    EXPECT_TRUE(apply_property_arg({"publish", "content-type", "x"}, t).value().find("not a command") !=
                std::string::npos);
    EXPECT_TRUE(apply_property_arg({"connect", "no-such", "x"}, t).value().find("unknown property") != std::string::npos);
    EXPECT_TRUE(apply_property_arg({"subscribe", "content-type", "x"}, t).value().find("not allowed") !=
                std::string::npos);
    EXPECT_TRUE(apply_property_arg({"connect", "receive-maximum", "x"}, t).value().find("invalid value") !=
                std::string::npos);
    EXPECT_TRUE(apply_property_arg({"connect", "user-property", "k"}, t).has_value());
    EXPECT_FALSE(apply_property_arg({"connect", "session-expiry-interval", "60"}, t).has_value());
    EXPECT_EQ(c.session_expiry_interval, 60u);
}

TEST(SubFlags, EndingFlags) {
    const auto r = parse_sub({"-t", "a", "-C", "3", "-W", "2.5", "-E", "-T", "a/b", "-T", "a/c", "-U", "z",
                              "--remove-retained", "--retained-only"});
    ASSERT_TRUE(r.config) << (r.errors.empty() ? "" : r.errors[0]);
    EXPECT_EQ(r.config->count, 3u);
    EXPECT_EQ(r.config->timeout, std::chrono::milliseconds{2500});
    EXPECT_TRUE(r.config->exit_after_subscribe);
    EXPECT_EQ(r.config->filter_out, (std::vector<std::string>{"a/b", "a/c"}));
    EXPECT_EQ(r.config->unsubscribe, std::vector<std::string>{"z"});
    EXPECT_TRUE(r.config->remove_retained);
    EXPECT_TRUE(r.config->retained_only);
    EXPECT_TRUE(has_error(parse_sub({"-t", "a", "-C", "0"}), "-C/--count"));
    EXPECT_TRUE(has_error(parse_sub({"-t", "a", "-W", "-1"}), "-W/--timeout"));
    EXPECT_TRUE(has_error(parse_sub({"-t", "a", "-R", "--retained-only"}), "exclude"));
}

TEST(SubFlags, OutputModes) {
    EXPECT_EQ(parse_sub({"-t", "a"}).config->output.mode, output::output_mode::raw);
    EXPECT_EQ(parse_sub({"-t", "a", "-v"}).config->output.mode, output::output_mode::verbose);
    const auto f = parse_sub({"-t", "a", "-v", "-F", "%t %x", "-N"});
    EXPECT_EQ(f.config->output.mode, output::output_mode::format);
    EXPECT_FALSE(f.config->output.end_of_line);
    const auto j = parse_sub({"-t", "a", "--format", "json", "--payload-encoding", "hex", "--pretty"});
    EXPECT_EQ(j.config->output.mode, output::output_mode::json);
    EXPECT_EQ(j.config->output.encoding, output::payload_encoding::hex);
    EXPECT_TRUE(j.config->output.pretty);
    EXPECT_TRUE(has_error(parse_sub({"-t", "a", "--payload-encoding", "hex"}), "needs --format json"));
    EXPECT_TRUE(has_error(parse_sub({"-t", "a", "--format", "xml"}), "--format 'xml'"));
}

TEST(SubFlags, Reconnect) {
    const auto r = parse_sub({"-t", "a", "--reconnect-delay", "0.5", "--reconnect-max", "4"});
    ASSERT_TRUE(r.config);
    EXPECT_TRUE(r.config->reconnect);
    EXPECT_EQ(r.config->reconnect_delay, std::chrono::milliseconds{500});
    EXPECT_EQ(r.config->reconnect_max, std::chrono::milliseconds{4000});
    EXPECT_FALSE(parse_sub({"-t", "a", "--no-reconnect"}).config->reconnect);
}

}  // namespace
}  // namespace wsmqtt::cli
