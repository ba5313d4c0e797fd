#include "cli/common/flag_values.hpp"

#include <gtest/gtest.h>

namespace wsmqtt::cli {
namespace {

using std::chrono::milliseconds;

TEST(flag_values, protocol_version) {
    EXPECT_EQ(parse_protocol_version("5.0").value(), protocol_version::v5);
    EXPECT_EQ(parse_protocol_version("3.1.1").value(), protocol_version::v3_1_1);
    EXPECT_EQ(parse_protocol_version("3.1").value(), protocol_version::v3_1);
    for (const char* bad : {"", "4", "v5", "MQTTV5", "311 ", "3"})
        EXPECT_FALSE(parse_protocol_version(bad)) << bad;
}

TEST(flag_values, keepalive_is_zero_or_5_to_65535) {
    for (const char* good : {"0", "5", "60", "65535", "0060"}) EXPECT_TRUE(parse_keepalive(good)) << good;
    for (const char* bad : {"", "1", "4", "65536", "-1", "10s", " 60", "99999999999999999999999"})
        EXPECT_FALSE(parse_keepalive(bad)) << bad;
}

TEST(flag_values, session_expiry) {
    EXPECT_EQ(parse_session_expiry("0").value(), 0u);
    EXPECT_EQ(parse_session_expiry("4294967295").value(), 0xFFFFFFFFu);
    EXPECT_EQ(parse_session_expiry("-1").value(), 0xFFFFFFFFu);
    EXPECT_EQ(parse_session_expiry("never").value(), 0xFFFFFFFFu);
    for (const char* bad : {"", "-2", "4294967296", "1h", "0x10", "inf"})
        EXPECT_FALSE(parse_session_expiry(bad)) << bad;
}

TEST(flag_values, connect_timeout_in_seconds_with_fractions) {
    EXPECT_EQ(parse_connect_timeout("10").value(), milliseconds{10000});
    EXPECT_EQ(parse_connect_timeout("0.25").value(), milliseconds{250});
    EXPECT_EQ(parse_connect_timeout(".5").value(), milliseconds{500});
    EXPECT_EQ(parse_connect_timeout("86400").value(), milliseconds{86'400'000});
    for (const char* bad : {"", "0", "-1", "+1", "1e3", "inf", "nan", "86401", "1s", "1,5"})
        EXPECT_FALSE(parse_connect_timeout(bad)) << bad;
}

TEST(flag_values, qos_port_protocol_tls_version) {
    EXPECT_EQ(parse_qos("2", "-q").value(), 2);
    EXPECT_EQ(parse_qos("3", "-q").error().message, "-q '3' must be 0, 1 or 2");
    EXPECT_EQ(parse_port_flag("65535").value(), 65535);
    EXPECT_FALSE(parse_port_flag("65536"));
    EXPECT_EQ(parse_protocol("mqtts").value(), url::scheme::mqtts);
    EXPECT_FALSE(parse_protocol("tcp"));
    EXPECT_EQ(parse_tls_version("TLSv1.2").value(), tls_version::v1_2);
    EXPECT_EQ(parse_tls_version("tlsv1.3").value(), tls_version::v1_3);
    EXPECT_EQ(parse_tls_version("ssl3").error().message, "--tls-version 'ssl3' must be tlsv1.2 or tlsv1.3");
}

TEST(flag_values, ws_header) {
    const auto h = parse_ws_header("Authorization:   Bearer a:b  ");
    ASSERT_TRUE(h);
    EXPECT_EQ(h->name, "Authorization");
    EXPECT_EQ(h->value, "Bearer a:b");
    EXPECT_EQ(parse_ws_header("Host: example.com")->value, "example.com");
    EXPECT_EQ(parse_ws_header("No colon").error().message, "--ws-header 'No colon' must be 'Name: value'");
    EXPECT_EQ(parse_ws_header("Bad Name: x").error().message,
              "--ws-header 'Bad Name: x' has an invalid header name 'Bad Name' (letters, digits and "
              "!#$%&'*+-.^_`|~ only, no spaces)");
    EXPECT_EQ(parse_ws_header(": x").error().message,
              "--ws-header ': x' has an invalid header name '' (letters, digits and !#$%&'*+-.^_`|~ only, no "
              "spaces)");
    EXPECT_EQ(parse_ws_header("X: a\r\nEvil: 1").error().message,
              "--ws-header 'X: a??Evil: 1' has a control character (CR, LF, NUL...) in its value");
    EXPECT_EQ(parse_ws_header("upgrade: h2c").error().message,
              "--ws-header 'upgrade: h2c': the WebSocket handshake sets upgrade itself");
    EXPECT_FALSE(parse_ws_header("Sec-WebSocket-Key: x"));
}

}  // namespace
}  // namespace wsmqtt::cli
