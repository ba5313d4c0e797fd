// Refused broker URLs: each beginner mistake gets one line that names the input and the fix.
// The integration tests grep for "no scheme", the suggested URL and "unsupported scheme".
#include <gtest/gtest.h>

#include <string>

#include "core/url/broker_url.hpp"

namespace {

using wsmqtt::url::parse_broker_url;

struct bad_case {
    std::string input;
    std::string message;
};

std::ostream& operator<<(std::ostream& os, const bad_case& c) { return os << c.input; }

class broker_url_bad : public ::testing::TestWithParam<bad_case> {};

TEST_P(broker_url_bad, names_the_mistake_in_one_line) {
    const auto& c = GetParam();
    const auto r = parse_broker_url(c.input);
    ASSERT_FALSE(r.has_value()) << "accepted as " << r->to_string();
    EXPECT_EQ(r.error().message, c.message);
    EXPECT_EQ(r.error().message.find('\n'), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    mistakes, broker_url_bad,
    ::testing::Values(
        bad_case{"", "broker URL is empty; write e.g. ws://localhost:8083/mqtt"},
        // No scheme: suggest ws://, or the scheme a well-known port implies.
        bad_case{"localhost:8083/mqtt",
                 "broker URL 'localhost:8083/mqtt' has no scheme; write ws://localhost:8083/mqtt"},
        bad_case{"localhost", "broker URL 'localhost' has no scheme; write ws://localhost"},
        bad_case{"broker:1883", "broker URL 'broker:1883' has no scheme; write mqtt://broker:1883"},
        bad_case{"mqtt:1883", "broker URL 'mqtt:1883' has no scheme; write mqtt://mqtt:1883"},
        bad_case{"broker:8883", "broker URL 'broker:8883' has no scheme; write mqtts://broker:8883"},
        bad_case{"h:8084/mqtt", "broker URL 'h:8084/mqtt' has no scheme; write wss://h:8084/mqtt"},
        bad_case{"[::1]:8083/mqtt", "broker URL '[::1]:8083/mqtt' has no scheme; write ws://[::1]:8083/mqtt"},
        bad_case{"//h:8083", "broker URL '//h:8083' has no scheme; write ws://h:8083"},
        bad_case{"://h", "broker URL '://h' has no scheme; write ws://h"},
        bad_case{"ws:localhost", "broker URL 'ws:localhost' needs '//' after 'ws:'; write ws://localhost"},
        bad_case{"MQTT:/h/t", "broker URL 'MQTT:/h/t' needs '//' after 'mqtt:'; write mqtt://h/t"},
        // Schemes of other tools, mapped to ours.
        bad_case{"tcp://h:1883",
                 "broker URL 'tcp://h:1883' has unsupported scheme 'tcp'; use mqtt://, mqtts://, "
                 "ws:// or wss:// (here: mqtt://h:1883)"},
        bad_case{"ssl://h",
                 "broker URL 'ssl://h' has unsupported scheme 'ssl'; use mqtt://, mqtts://, ws:// or "
                 "wss:// (here: mqtts://h)"},
        bad_case{"tls://h",
                 "broker URL 'tls://h' has unsupported scheme 'tls'; use mqtt://, mqtts://, ws:// or "
                 "wss:// (here: mqtts://h)"},
        bad_case{"http://h/",
                 "broker URL 'http://h/' has unsupported scheme 'http'; use mqtt://, mqtts://, ws:// "
                 "or wss:// (here: ws://h/)"},
        bad_case{"HTTPS://h:8084/mqtt",
                 "broker URL 'HTTPS://h:8084/mqtt' has unsupported scheme 'HTTPS'; use "
                 "mqtt://, mqtts://, ws:// or wss:// (here: wss://h:8084/mqtt)"},
        bad_case{"tcp:h",
                 "broker URL 'tcp:h' has unsupported scheme 'tcp'; use mqtt://, mqtts://, ws:// or "
                 "wss:// (here: mqtt://h)"},
        bad_case{"foo://h",
                 "broker URL 'foo://h' has unsupported scheme 'foo'; use mqtt://, mqtts://, ws:// or "
                 "wss://"},
        // Host.
        bad_case{"ws://:8083/mqtt", "broker URL 'ws://:8083/mqtt' has no host"},
        bad_case{"mqtt://", "broker URL 'mqtt://' has no host"},
        bad_case{"ws://user@/mqtt", "broker URL 'ws://user@/mqtt' has no host"},
        bad_case{"ws://my host/",
                 "broker URL 'ws://my host/' has an invalid character space in the host name "
                 "'my host'"},
        bad_case{"ws://h_!/", "broker URL 'ws://h_!/' has an invalid character ! in the host name 'h_!'"},
        // Port.
        bad_case{"ws://h:0/mqtt",
                 "broker URL 'ws://h:0/mqtt' has port '0'; a port is a number from 1 to 65535"},
        bad_case{"ws://h:65536",
                 "broker URL 'ws://h:65536' has port '65536'; a port is a number from 1 to 65535"},
        bad_case{"ws://h:80a/",
                 "broker URL 'ws://h:80a/' has port '80a'; a port is a number from 1 to 65535"},
        bad_case{"ws://h:-1/", "broker URL 'ws://h:-1/' has port '-1'; a port is a number from 1 to 65535"},
        bad_case{
            "ws://h:123456789012/",
            "broker URL 'ws://h:123456789012/' has port '123456789012'; a port is a number from 1 to 65535"},
        bad_case{"ws://h:/mqtt", "broker URL 'ws://h:/mqtt' has an empty port after ':'"},
        // Brackets and IPv6.
        bad_case{"ws://[::1:8083/mqtt",
                 "broker URL 'ws://[::1:8083/mqtt' has unbalanced brackets: '[' without ']' around the IPv6 "
                 "address"},
        bad_case{"ws://::1]:8083/",
                 "broker URL 'ws://::1]:8083/' has an invalid host '::1]:8083'; an IPv6 address "
                 "goes in brackets, e.g. ws://[::1]:8083/mqtt"},
        bad_case{"ws://h]:8083/", "broker URL 'ws://h]:8083/' has unbalanced brackets: ']' without '['"},
        bad_case{"ws://::1:8083/mqtt",
                 "broker URL 'ws://::1:8083/mqtt' has an invalid host '::1:8083'; an IPv6 "
                 "address goes in brackets, e.g. ws://[::1]:8083/mqtt"},
        bad_case{"ws://[]:80/", "broker URL 'ws://[]:80/' has no host between '[' and ']'"},
        bad_case{"ws://[zz::1]/",
                 "broker URL 'ws://[zz::1]/' has an invalid IPv6 address 'zz::1' in brackets "
                 "(zone ids like %25eth0 are not supported)"},
        bad_case{"ws://[::1]x/", "broker URL 'ws://[::1]x/' has unexpected text 'x' after ']'"},
        // User info.
        bad_case{"ws://a%zz:b@h/",
                 "broker URL 'ws://a%zz:b@h/' has a '%' not followed by two hex digits in the "
                 "user name (write '%' as %25)"},
        bad_case{"ws://a:100%@h/",
                 "broker URL 'ws://a:100%@h/' has a '%' not followed by two hex digits in the "
                 "password (write '%' as %25)"},
        bad_case{"ws://a%00b@h/", "broker URL 'ws://a%00b@h/' has a NUL byte (%00) in the user name"},
        // WebSocket target.
        bad_case{"ws://h/mqtt#frag",
                 "broker URL 'ws://h/mqtt#frag' has a fragment ('#'); a WebSocket URL cannot "
                 "carry one (write '#' as %23)"},
        bad_case{"ws://h/my path",
                 "broker URL 'ws://h/my path' has a space, control or non-ASCII character in "
                 "the path; percent-encode it (e.g. %20)"},
        bad_case{"mqtt://h?x",
                 "broker URL 'mqtt://h?x' has '?' right after the host; in mqtt:// URLs a topic "
                 "follows a '/'"},
        bad_case{" ws://h", "broker URL ' ws://h' has a space at its start or end"},
        // Control characters are shown as '?', so the message stays one line.
        bad_case{"ws://h\n:80",
                 "broker URL 'ws://h?:80' has an invalid character \\x0A in the host name 'h?'"}));

TEST(broker_url_bad, long_input_is_cut_in_the_message) {
    const std::string input = "ws://" + std::string(500, 'a') + " /";
    const auto r = parse_broker_url(input);
    ASSERT_FALSE(r.has_value());
    EXPECT_LT(r.error().message.size(), 600U);
    EXPECT_NE(r.error().message.find("...'"), std::string::npos);
}

TEST(broker_url_bad, value_on_error_throws_with_the_message) {
    const auto r = parse_broker_url("tcp://h");
    EXPECT_THROW((void)r.value(), std::invalid_argument);
}

}  // namespace
