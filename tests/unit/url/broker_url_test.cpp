// Accepted broker URLs: one row per form a user writes, with every resolved field.
#include "core/url/broker_url.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace {

using wsmqtt::url::broker_url;
using wsmqtt::url::parse_broker_url;
using wsmqtt::url::scheme;

struct good_case {
    std::string input;
    scheme kind;
    std::string host;
    std::uint16_t port;
    std::string target;
    std::optional<std::string> topic;
    std::optional<std::string> username;
    std::optional<std::string> password;
    std::string resolved;  // to_string()
};

std::ostream& operator<<(std::ostream& os, const good_case& c) { return os << c.input; }

class broker_url_good : public ::testing::TestWithParam<good_case> {};

TEST_P(broker_url_good, parses_every_field) {
    const auto& c = GetParam();
    const auto r = parse_broker_url(c.input);
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_EQ(r->kind, c.kind);
    EXPECT_EQ(r->host, c.host);
    EXPECT_EQ(r->port, c.port);
    EXPECT_EQ(r->target, c.target);
    EXPECT_EQ(r->topic, c.topic);
    EXPECT_EQ(r->username, c.username);
    EXPECT_EQ(r->password, c.password);
    EXPECT_EQ(r->to_string(), c.resolved);
}

TEST_P(broker_url_good, resolved_form_parses_back_to_the_same_url_without_password) {
    const auto& c = GetParam();
    const auto first = parse_broker_url(c.input);
    ASSERT_TRUE(first.has_value());
    const auto second = parse_broker_url(first->to_string());
    ASSERT_TRUE(second.has_value()) << second.error().message;
    broker_url expected = *first;
    expected.password.reset();
    EXPECT_EQ(*second, expected);
}

const std::optional<std::string> none;

INSTANTIATE_TEST_SUITE_P(
    forms, broker_url_good,
    ::testing::Values(
        // Default ports per scheme (IANA 1883/8883, RFC 6455 80/443).
        good_case{"mqtt://broker", scheme::mqtt, "broker", 1883, "", none, none, none, "mqtt://broker:1883"},
        good_case{"mqtts://broker", scheme::mqtts, "broker", 8883, "", none, none, none,
                  "mqtts://broker:8883"},
        good_case{"ws://broker", scheme::ws, "broker", 80, "/mqtt", none, none, none, "ws://broker:80/mqtt"},
        good_case{"wss://broker", scheme::wss, "broker", 443, "/mqtt", none, none, none,
                  "wss://broker:443/mqtt"},
        // The project default broker.
        good_case{"ws://localhost:8083/mqtt", scheme::ws, "localhost", 8083, "/mqtt", none, none, none,
                  "ws://localhost:8083/mqtt"},
        // An explicit "/" keeps "/"; other paths and queries are the request target as written.
        good_case{"ws://h:9001/", scheme::ws, "h", 9001, "/", none, none, none, "ws://h:9001/"},
        good_case{"wss://h/ws?token=a%20b", scheme::wss, "h", 443, "/ws?token=a%20b", none, none, none,
                  "wss://h:443/ws?token=a%20b"},
        good_case{"ws://h:15675/ws", scheme::ws, "h", 15675, "/ws", none, none, none, "ws://h:15675/ws"},
        // A query without a path goes after the default path.
        good_case{"ws://h?x=1", scheme::ws, "h", 80, "/mqtt?x=1", none, none, none, "ws://h:80/mqtt?x=1"},
        // Scheme names are case-insensitive; the host keeps its case.
        good_case{"WSS://Broker.Example:8084", scheme::wss, "Broker.Example", 8084, "/mqtt", none, none, none,
                  "wss://Broker.Example:8084/mqtt"},
        // IPv6 and IPv4 literals.
        good_case{"ws://[::1]:8083/mqtt", scheme::ws, "::1", 8083, "/mqtt", none, none, none,
                  "ws://[::1]:8083/mqtt"},
        good_case{"mqtt://[2001:db8::7]", scheme::mqtt, "2001:db8::7", 1883, "", none, none, none,
                  "mqtt://[2001:db8::7]:1883"},
        good_case{"mqtt://127.0.0.1:1884", scheme::mqtt, "127.0.0.1", 1884, "", none, none, none,
                  "mqtt://127.0.0.1:1884"},
        // mqtt(s) paths are topics, as mosquitto's -L: raw, wildcards and '?' kept.
        good_case{"mqtt://h/a/b", scheme::mqtt, "h", 1883, "", "a/b", none, none, "mqtt://h:1883/a/b"},
        good_case{"mqtt://h:1883/sensors/#", scheme::mqtt, "h", 1883, "", "sensors/#", none, none,
                  "mqtt://h:1883/sensors/#"},
        good_case{"mqtts://h/+/temp?x", scheme::mqtts, "h", 8883, "", "+/temp?x", none, none,
                  "mqtts://h:8883/+/temp?x"},
        good_case{"mqtt://h//lead", scheme::mqtt, "h", 1883, "", "/lead", none, none, "mqtt://h:1883//lead"},
        good_case{"mqtt://h/", scheme::mqtt, "h", 1883, "", none, none, none, "mqtt://h:1883"},
        // User info: percent-decoded, password never printed, last '@' ends it.
        good_case{"mqtt://alice:secret@h/t", scheme::mqtt, "h", 1883, "", "t", "alice", "secret",
                  "mqtt://alice@h:1883/t"},
        good_case{"wss://al%40ice:p%3Aw%25@h:8084/mqtt", scheme::wss, "h", 8084, "/mqtt", none, "al@ice",
                  "p:w%", "wss://al%40ice@h:8084/mqtt"},
        good_case{"ws://bob@h", scheme::ws, "h", 80, "/mqtt", none, "bob", none, "ws://bob@h:80/mqtt"},
        good_case{"ws://bob:@h", scheme::ws, "h", 80, "/mqtt", none, "bob", "", "ws://bob@h:80/mqtt"},
        good_case{"ws://:token@h", scheme::ws, "h", 80, "/mqtt", none, none, "token", "ws://h:80/mqtt"},
        good_case{"ws://u:p@ss@h", scheme::ws, "h", 80, "/mqtt", none, "u", "p@ss", "ws://u@h:80/mqtt"},
        good_case{"mqtt://u:p@[::1]:1", scheme::mqtt, "::1", 1, "", none, "u", "p", "mqtt://u@[::1]:1"},
        good_case{"mqtt://h:65535", scheme::mqtt, "h", 65535, "", none, none, none, "mqtt://h:65535"},
        good_case{"mqtt://h:00080", scheme::mqtt, "h", 80, "", none, none, none, "mqtt://h:80"}));

TEST(make_broker_url, builds_from_mosquitto_style_parts) {
    const auto ws = wsmqtt::url::make_broker_url(scheme::ws, "localhost", 8083);
    ASSERT_TRUE(ws.has_value());
    EXPECT_EQ(ws->to_string(), "ws://localhost:8083/mqtt");

    const auto v6 = wsmqtt::url::make_broker_url(scheme::wss, "::1", 8084, "/x?y");
    ASSERT_TRUE(v6.has_value());
    EXPECT_EQ(v6->host, "::1");
    EXPECT_EQ(v6->to_string(), "wss://[::1]:8084/x?y");

    const auto bracketed = wsmqtt::url::make_broker_url(scheme::mqtt, "[::1]", 1883);
    ASSERT_TRUE(bracketed.has_value());
    EXPECT_EQ(bracketed->host, "::1");
    EXPECT_TRUE(bracketed->target.empty());
}

TEST(make_broker_url, refuses_bad_parts_naming_the_flag) {
    const auto empty = wsmqtt::url::make_broker_url(scheme::ws, "", 8083);
    ASSERT_FALSE(empty.has_value());
    EXPECT_EQ(empty.error().message, "-h/--host is empty");

    const auto space = wsmqtt::url::make_broker_url(scheme::ws, "my host", 8083);
    ASSERT_FALSE(space.has_value());
    EXPECT_NE(space.error().message.find("-h/--host 'my host'"), std::string::npos) << space.error().message;

    const auto path = wsmqtt::url::make_broker_url(scheme::ws, "h", 8083, "mqtt");
    ASSERT_FALSE(path.has_value());
    EXPECT_EQ(path.error().message, "--ws-path 'mqtt' must start with '/'; write /mqtt");

    const auto tcp_path = wsmqtt::url::make_broker_url(scheme::mqtt, "h", 1883, "/mqtt");
    ASSERT_FALSE(tcp_path.has_value());
    EXPECT_NE(tcp_path.error().message.find("ws:// and wss:// only"), std::string::npos);
}

}  // namespace
