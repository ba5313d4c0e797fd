#include "core/url/port_hint.hpp"

#include <gtest/gtest.h>

namespace {

using namespace wsmqtt::url;

broker_url parse(std::string_view text) {
    auto r = parse_broker_url(text);
    EXPECT_TRUE(r.has_value()) << text;
    return r.has_value() ? *r : broker_url{};
}

TEST(port_scheme_hint, names_the_scheme_a_well_known_port_usually_speaks) {
    EXPECT_EQ(port_scheme_hint(parse("ws://h:8084/mqtt")),
              "port 8084 is usually wss:// (EMQX); try wss://h:8084/mqtt");
    EXPECT_EQ(port_scheme_hint(parse("ws://h:8883/mqtt")),
              "port 8883 is usually mqtts:// (MQTT over TLS); try mqtts://h:8883");
    EXPECT_EQ(port_scheme_hint(parse("mqtt://h:8083/t")),
              "port 8083 is usually ws:// (EMQX); try ws://h:8083/mqtt");
    EXPECT_EQ(port_scheme_hint(parse("wss://h:1883")),
              "port 1883 is usually mqtt:// (plain MQTT); try mqtt://h:1883");
    EXPECT_EQ(port_scheme_hint(parse("wss://h:8080/mqtt")),
              "port 8080 is usually ws:// (test.mosquitto.org); try ws://h:8080/mqtt");
    EXPECT_EQ(port_scheme_hint(parse("ws://h:8081/mqtt")),
              "port 8081 is usually wss:// (test.mosquitto.org); try wss://h:8081/mqtt");
    EXPECT_EQ(port_scheme_hint(parse("mqtts://h:9001")),
              "port 9001 is usually ws:// (Mosquitto websockets listener); try ws://h:9001/mqtt");
    EXPECT_EQ(port_scheme_hint(parse("mqtt://u@h:443")),
              "port 443 is usually wss:// (HTTPS); try wss://u@h:443/mqtt");
    EXPECT_EQ(port_scheme_hint(parse("wss://h:80/x")), "port 80 is usually ws:// (HTTP); try ws://h:80/x");
}

TEST(port_scheme_hint, is_silent_when_scheme_agrees_or_port_is_unknown) {
    EXPECT_EQ(port_scheme_hint(parse("ws://h:8083/mqtt")), std::nullopt);
    EXPECT_EQ(port_scheme_hint(parse("wss://h")), std::nullopt);
    EXPECT_EQ(port_scheme_hint(parse("mqtt://h")), std::nullopt);
    EXPECT_EQ(port_scheme_hint(parse("mqtts://h")), std::nullopt);
    EXPECT_EQ(port_scheme_hint(parse("ws://h:12345/mqtt")), std::nullopt);
    EXPECT_EQ(port_scheme_hint(parse("mqtt://h:1884")), std::nullopt);
}

TEST(port_scheme_hint, never_shows_the_password) {
    const auto hint = port_scheme_hint(parse("ws://u:secret@h:8883/mqtt"));
    ASSERT_TRUE(hint.has_value());
    EXPECT_EQ(hint->find("secret"), std::string::npos);
}

TEST(port_convention_for, knows_the_table) {
    ASSERT_TRUE(port_convention_for(8083).has_value());
    EXPECT_EQ(port_convention_for(8083)->kind, scheme::ws);
    EXPECT_FALSE(port_convention_for(1).has_value());
}

}  // namespace
