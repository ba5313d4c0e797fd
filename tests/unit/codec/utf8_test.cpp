// MQTT UTF-8 (spec 1.5.4): well-formed and no U+0000.
#include <gtest/gtest.h>

#include <string>

#include "core/codec/utf8.hpp"

namespace wsmqtt::codec {
namespace {

TEST(mqtt_utf8, accepts_well_formed) {
    EXPECT_TRUE(is_valid_mqtt_utf8(""));
    EXPECT_TRUE(is_valid_mqtt_utf8("plain ascii"));
    EXPECT_TRUE(is_valid_mqtt_utf8("\xC2\x80"));              // U+0080
    EXPECT_TRUE(is_valid_mqtt_utf8("\xE0\xA0\x80"));          // U+0800
    EXPECT_TRUE(is_valid_mqtt_utf8("\xED\x9F\xBF"));          // U+D7FF, last before surrogates
    EXPECT_TRUE(is_valid_mqtt_utf8("\xEE\x80\x80"));          // U+E000
    EXPECT_TRUE(is_valid_mqtt_utf8("\xEF\xBF\xBF"));          // U+FFFF (noncharacter, a SHOULD NOT only)
    EXPECT_TRUE(is_valid_mqtt_utf8("\xF0\x90\x80\x80"));      // U+10000
    EXPECT_TRUE(is_valid_mqtt_utf8("\xF4\x8F\xBF\xBF"));      // U+10FFFF
    EXPECT_TRUE(is_valid_mqtt_utf8("\xE6\x97\xA5\xE6\x9C\xAC"));  // 日本
}

TEST(mqtt_utf8, rejects_u0000_1_5_4_2) { EXPECT_FALSE(is_valid_mqtt_utf8(std::string("a\0", 2))); }

TEST(mqtt_utf8, rejects_overlong_forms) {
    EXPECT_FALSE(is_valid_mqtt_utf8("\xC0\x80"));
    EXPECT_FALSE(is_valid_mqtt_utf8("\xC1\xBF"));
    EXPECT_FALSE(is_valid_mqtt_utf8("\xE0\x9F\xBF"));
    EXPECT_FALSE(is_valid_mqtt_utf8("\xF0\x8F\xBF\xBF"));
}

TEST(mqtt_utf8, rejects_surrogates_1_5_4_1) {
    EXPECT_FALSE(is_valid_mqtt_utf8("\xED\xA0\x80"));  // U+D800
    EXPECT_FALSE(is_valid_mqtt_utf8("\xED\xBF\xBF"));  // U+DFFF
}

TEST(mqtt_utf8, rejects_above_u10ffff) {
    EXPECT_FALSE(is_valid_mqtt_utf8("\xF4\x90\x80\x80"));
    EXPECT_FALSE(is_valid_mqtt_utf8("\xF5\x80\x80\x80"));
    EXPECT_FALSE(is_valid_mqtt_utf8("\xFF"));
}

TEST(mqtt_utf8, rejects_truncated_and_stray_bytes) {
    EXPECT_FALSE(is_valid_mqtt_utf8("\xE2\x82"));
    EXPECT_FALSE(is_valid_mqtt_utf8("\xF0\x90\x80"));
    EXPECT_FALSE(is_valid_mqtt_utf8("\x80"));
    EXPECT_FALSE(is_valid_mqtt_utf8("a\xC3"));
    EXPECT_FALSE(is_valid_mqtt_utf8("\xC3\x28"));
}

}  // namespace
}  // namespace wsmqtt::codec
