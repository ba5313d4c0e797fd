#include <gtest/gtest.h>

#include "core/session/topic_alias_table.hpp"

namespace wsmqtt::session {
namespace {

codec::publish on(std::string topic) {
    codec::publish p;
    p.topic = std::move(topic);
    return p;
}

TEST(outgoing_topic_aliases, first_use_sets_alias_then_empty_topic_spec_3_3_2_3_4) {
    outgoing_topic_aliases t;
    t.reset(2);
    auto a = on("a/b");
    t.apply(a);
    EXPECT_EQ(a.topic, "a/b");
    EXPECT_EQ(a.props.topic_alias, std::optional<std::uint16_t>{1});
    auto again = on("a/b");
    t.apply(again);
    EXPECT_EQ(again.topic, "");
    EXPECT_EQ(again.props.topic_alias, std::optional<std::uint16_t>{1});
    auto c = on("c");
    t.apply(c);
    EXPECT_EQ(c.props.topic_alias, std::optional<std::uint16_t>{2});
    auto d = on("d");  // table full: unaliased
    t.apply(d);
    EXPECT_EQ(d.topic, "d");
    EXPECT_FALSE(d.props.topic_alias);
}

TEST(outgoing_topic_aliases, zero_maximum_and_reset) {
    outgoing_topic_aliases t;
    t.reset(0);
    auto a = on("a");
    t.apply(a);
    EXPECT_FALSE(a.props.topic_alias);
    t.reset(5);
    t.apply(a);
    t.reset(5);
    auto b = on("a");
    t.apply(b);
    EXPECT_EQ(b.topic, "a");  // a reset forgets: the alias is set up again
}

TEST(incoming_topic_aliases, resolves_and_reports_violations) {
    incoming_topic_aliases t;
    t.reset(3);
    auto set = on("x/y");
    set.props.topic_alias = 2;
    EXPECT_FALSE(t.resolve(set));
    auto use = on("");
    use.props.topic_alias = 2;
    EXPECT_FALSE(t.resolve(use));
    EXPECT_EQ(use.topic, "x/y");
    auto unset = on("");
    unset.props.topic_alias = 1;
    EXPECT_EQ(t.resolve(unset).value_or(""),
              "broker sent topic alias 1 with an empty topic before ever setting that alias");
    auto big = on("z");
    big.props.topic_alias = 4;
    EXPECT_EQ(t.resolve(big).value_or(""), "broker sent topic alias 4 above our topic alias maximum 3");
}

}  // namespace
}  // namespace wsmqtt::session
