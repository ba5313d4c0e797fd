// Byte helpers: UTF-8 validation edge cases, the escaper, base64 and the pretty printer.
#include "core/output/json_text.hpp"

#include <gtest/gtest.h>

namespace wsmqtt::output {
namespace {

TEST(Utf8, AcceptsWellFormed) {
    EXPECT_TRUE(is_valid_utf8(""));
    EXPECT_TRUE(is_valid_utf8(std::string_view("a\0b", 3)));  // NUL is fine in a payload
    EXPECT_TRUE(is_valid_utf8("\xC2\x80"));
    EXPECT_TRUE(is_valid_utf8("\xEF\xBF\xBF"));
    EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
    EXPECT_TRUE(is_valid_utf8("日本😀"));
}

TEST(Utf8, RejectsMalformed) {
    EXPECT_FALSE(is_valid_utf8("\x80"));
    EXPECT_FALSE(is_valid_utf8("\xC0\x80"));          // overlong NUL
    EXPECT_FALSE(is_valid_utf8("\xE0\x80\x80"));      // overlong
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
    EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
    EXPECT_FALSE(is_valid_utf8("\xE6\x97"));          // truncated
    EXPECT_FALSE(is_valid_utf8("\xFF"));
}

TEST(JsonString, EscapesAndReplaces) {
    std::string out;
    append_json_string(out, std::string_view("a\"\\\n\x01\x1f\x7f\xff", 8));
    EXPECT_EQ(out, "\"a\\\"\\\\\\n\\u0001\\u001f\x7f\xEF\xBF\xBD\"");
}

TEST(Base64, KnownVectors) {
    auto enc = [](std::string_view s) {
        std::string out;
        append_base64(out, {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()});
        return out;
    };
    EXPECT_EQ(enc(""), "");
    EXPECT_EQ(enc("f"), "Zg==");
    EXPECT_EQ(enc("fo"), "Zm8=");
    EXPECT_EQ(enc("foo"), "Zm9v");
    EXPECT_EQ(enc("foobar"), "Zm9vYmFy");
}

TEST(PrettyJson, Indents) {
    std::string out;
    append_pretty_json(out, "{\"a\":[1,{}],\"b\":\"x,{y}:\\\"\",\"c\":[]}");
    EXPECT_EQ(out, "{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": \"x,{y}:\\\"\",\n  \"c\": []\n}");
}

TEST(CompactJson, DropsWhitespaceOutsideStrings) {
    std::string out;
    append_compact_json(out, " { \"a b\" :\n [ 1 ,\t\"\\\" x\" ] } ");
    EXPECT_EQ(out, "{\"a b\":[1,\"\\\" x\"]}");
}

}  // namespace
}  // namespace wsmqtt::output
