#include "cli/common/topic_check.hpp"

#include <gtest/gtest.h>

namespace wsmqtt::cli {
namespace {

TEST(topic_check, names) {
    for (const char* good : {"a", "a/b", "/", "a//b", "caf\xC3\xA9", "\xF0\x9F\x98\x80"})
        EXPECT_FALSE(topic_name_problem(good)) << good;
    EXPECT_EQ(topic_name_problem(""), "is empty");
    EXPECT_EQ(topic_name_problem("a/+"),
              "contains a wildcard ('+' or '#'), which only subscriptions may use");
    EXPECT_EQ(topic_name_problem("#"), "contains a wildcard ('+' or '#'), which only subscriptions may use");
    EXPECT_EQ(topic_name_problem(std::string_view("a\0b", 3)), "contains a NUL character");
    EXPECT_EQ(topic_name_problem("\xC3"), "is not valid UTF-8");
    EXPECT_EQ(topic_name_problem(std::string(65536, 'a')), "is longer than 65535 bytes");
}

TEST(topic_check, filters) {
    for (const char* good : {"#", "+", "a/#", "+/+/c", "a/+/#", "/#", "+/"})
        EXPECT_FALSE(topic_filter_problem(good)) << good;
    for (const char* bad : {"a#", "a/#/b", "#/", "a+", "a/b+/c", "++"})
        EXPECT_TRUE(topic_filter_problem(bad)) << bad;
}

TEST(topic_check, mqtt_utf8) {
    EXPECT_TRUE(is_mqtt_utf8(""));
    EXPECT_TRUE(is_mqtt_utf8("\xE2\x88\x9E"));
    EXPECT_FALSE(is_mqtt_utf8("\xC0\xAF"));          // overlong '/'
    EXPECT_FALSE(is_mqtt_utf8("\xED\xA0\x80"));      // surrogate U+D800
    EXPECT_FALSE(is_mqtt_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
    EXPECT_FALSE(is_mqtt_utf8("\xE2\x88"));          // cut short
    EXPECT_FALSE(is_mqtt_utf8(std::string_view("\0", 1)));
}

}  // namespace
}  // namespace wsmqtt::cli
