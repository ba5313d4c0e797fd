// Topic names, topic filters, shared subscriptions and matching (spec 4.7, 4.8.2).
#include <gtest/gtest.h>

#include "core/codec/errors.hpp"
#include "core/codec/topic.hpp"

namespace wsmqtt::codec {
namespace {

struct validity_case {
    std::string_view text;
    bool valid;
};

TEST(topic_name, validation_table_4_7_3) {
    const validity_case cases[] = {
        {"a", true},         {"a/b/c", true},    {"/", true},       {"a//b", true},  {"$SYS/x", true},
        {"sport/tennis", true}, {"caf\xC3\xA9", true}, {" ", true},
        {"", false},         {"a/+", false},     {"#", false},      {"a/#", false},  {"a+b", false},
        {std::string_view("a\0b", 3), false},   {"\xC0\x80", false}, {"\xED\xA0\x80", false},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(validate_topic_name(c.text).has_value(), c.valid) << '"' << c.text << '"';
    }
    EXPECT_EQ(validate_topic_name("a/+").error(), codec_error::invalid_topic);
    EXPECT_EQ(validate_topic_name("\xFF").error(), codec_error::invalid_utf8);
    EXPECT_TRUE(validate_topic_name(std::string(65'535, 'a')));
    EXPECT_FALSE(validate_topic_name(std::string(65'536, 'a')));
}

TEST(topic_filter, validation_table_4_7_1) {
    const validity_case cases[] = {
        {"#", true},          {"+", true},          {"a/#", true},           {"a/+/b", true},
        {"+/+", true},        {"/+", true},         {"a/b", true},           {"$SYS/#", true},
        {"+/tennis/#", true}, {"$share/g/a/#", true}, {"$share/g/+", true},  {"$share/g//", true},
        {"$shared/x", true},
        {"", false},          {"a#", false},        {"a/#/b", false},        {"#/a", false},
        {"a+", false},        {"a/+b", false},      {"+a/b", false},         {"a/b#", false},
        {"$share/", false},   {"$share//a", false}, {"$share/g", false},     {"$share/g/", false},
        {"$share/+/a", false}, {"$share/#/a", false}, {"$share/g+/a", false}, {"$share", false},
        {"$share/g/a#", false},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(validate_topic_filter(c.text).has_value(), c.valid) << '"' << c.text << '"';
    }
    EXPECT_EQ(validate_topic_filter("a/#/b").error(), codec_error::invalid_topic_filter);
}

TEST(shared_subscription, parse_4_8_2) {
    auto s = parse_shared_subscription("$share/grp/a/b");
    ASSERT_TRUE(s);
    EXPECT_EQ(s->group, "grp");
    EXPECT_EQ(s->filter, "a/b");
    EXPECT_FALSE(parse_shared_subscription("a/b"));
    EXPECT_FALSE(parse_shared_subscription("$share"));
    EXPECT_FALSE(parse_shared_subscription("$SYS/x"));
}

struct match_case {
    std::string_view filter;
    std::string_view topic;
    bool matches;
};

TEST(topic_matches, table_4_7_1_and_4_7_2) {
    const match_case cases[] = {
        {"a/b", "a/b", true},
        {"a/b", "a/c", false},
        {"a/b", "a/b/c", false},
        {"a/b/c", "a/b", false},
        {"#", "a", true},
        {"#", "a/b/c", true},
        {"#", "/", true},
        {"a/#", "a", true},  // '#' also matches the parent level
        {"a/#", "a/b", true},
        {"a/#", "a/b/c", true},
        {"a/#", "b", false},
        {"a/#", "ab", false},
        {"+", "a", true},
        {"+", "a/b", false},
        {"+", "", false},
        {"+/+", "/a", true},
        {"/+", "/a", true},
        {"+", "/a", false},
        {"a/+/c", "a/b/c", true},
        {"a/+/c", "a//c", true},
        {"a/+/c", "a/b/d", false},
        {"a/+", "a/", true},
        {"a/+", "a", false},
        {"sport/tennis/+", "sport/tennis/player1", true},
        {"sport/tennis/+", "sport/tennis/player1/ranking", false},
        {"sport/+", "sport", false},
        {"sport/+", "sport/", true},
        {"+/+", "a/b", true},
        {"+/#", "a", true},
        {"#", "$SYS/uptime", false},  // [MQTT-4.7.2-1]
        {"+/uptime", "$SYS/uptime", false},
        {"$SYS/#", "$SYS/uptime", true},
        {"$SYS/+", "$SYS/uptime", true},
        {"$share/g/a/+", "a/b", true},
        {"$share/g/#", "x/y", true},
        {"a/b/", "a/b", false},
        {"a/b", "a/b/", false},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(topic_matches(c.filter, c.topic), c.matches) << c.filter << " vs " << c.topic;
    }
}

}  // namespace
}  // namespace wsmqtt::codec
