#include "cli/load/text_template.hpp"

#include <gtest/gtest.h>

namespace wsmqtt::load {
namespace {

TEST(text_template, replaces_placeholders) {
    text_template t("c{client}/s{seq}/t{ts}");
    EXPECT_EQ(t.render(3, 41, 1700000000000000000ULL), "c3/s41/t1700000000000000000");
    EXPECT_TRUE(t.uses_client());
    EXPECT_TRUE(t.uses_seq());
    EXPECT_TRUE(t.uses_time());
    EXPECT_FALSE(t.constant());
}

TEST(text_template, other_braces_are_kept) {
    text_template t("{\"n\":{seq},\"x\":{other}}");
    EXPECT_EQ(t.render(1, 9, 0), "{\"n\":9,\"x\":{other}}");
    EXPECT_FALSE(t.uses_client());
}

TEST(text_template, constant_text) {
    text_template t("sensors/a");
    EXPECT_TRUE(t.constant());
    EXPECT_EQ(t.render(1, 2, 3), "sensors/a");
    EXPECT_EQ(text_template("").render(1, 2, 3), "");
}

}  // namespace
}  // namespace wsmqtt::load
