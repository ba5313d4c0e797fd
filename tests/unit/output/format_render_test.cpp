// -F rendering: each specifier, width and precision, escapes, time fields, binary payloads.
#include <fmt/format.h>

#include "test_support.hpp"

namespace wsmqtt::output {
namespace {
using test::make_publish;
using test::render_f;

codec::publish v5_publish() {
    auto p = make_publish("t/a", "hi\"x");
    p.qos = codec::qos::at_least_once;
    p.packet_id = 42;
    p.retain = true;
    p.props.user_properties = {{"k1", "v1"}, {"k2", "v2"}};
    p.props.content_type = "ct";
    p.props.correlation_data = test::bytes("cd");
    p.props.response_topic = "rt";
    p.props.message_expiry_interval = 99;
    p.props.payload_format_indicator = 1;
    p.props.subscription_identifiers = {7, 8};
    p.props.topic_alias = 3;
    return p;
}

TEST(FormatRender, MessageFields) {
    const auto p = v5_publish();
    EXPECT_EQ(render_f("%t|%p|%l|%m|%q|%r|%%", p), "t/a|hi\"x|4|42|1|1|%");
}

TEST(FormatRender, V5PropertyFieldsAsMosquittoPrintsThem) {
    // Same as mosquitto_sub 2.0.11 -F '[%P][%C][%D][%E][%F][%R]' on this message.
    EXPECT_EQ(render_f("[%P][%C][%D][%E][%F][%R][%S][%A]", v5_publish()),
              "[k1:v1 k2:v2][ct][cd][99][1][rt][7][3]");
}

TEST(FormatRender, AbsentPropertiesAreBlankPaddedToWidth) {
    const auto p = make_publish("t", "x");
    EXPECT_EQ(render_f("[%P][%C][%D][%E][%F][%R][%S][%A]", p), "[][][][][][][][]");
    EXPECT_EQ(render_f("[%3S][%-3A][%03E]", p), "[   ][   ][   ]");
}

TEST(FormatRender, V5FieldsAreBlankUnderV311) {
    EXPECT_EQ(render_f("[%C][%P][%E]", v5_publish(), codec::protocol_version::v311), "[][][]");
}

TEST(FormatRender, HexLowerAndUpper) {
    const auto p = make_publish("t", std::string_view("\x00\x7f\xab\xff", 4));
    EXPECT_EQ(render_f("%x", p), "007fabff");
    EXPECT_EQ(render_f("%X", p), "007FABFF");
    // Width counts hex digits and never truncates (mosquitto 2.0 halves the payload here).
    EXPECT_EQ(render_f("[%10x][%-10X][%4x]", p), "[  007fabff][007FABFF  ][007fabff]");
}

TEST(FormatRender, WidthAndPrecisionOnPayload) {
    // Matches mosquitto 2.0.11 for these; precision on %p is ours (mosquitto ignores it).
    const auto p = make_publish("t", "hi\"x");
    EXPECT_EQ(render_f("[%10p][%-10p][%010p][%-05p]", p), "[      hi\"x][hi\"x      ][000000hi\"x][hi\"x ]");
    EXPECT_EQ(render_f("[%.2p][%6.2p][%.0p]", p), "[hi][    hi][]");
    // Width never truncates (mosquitto cuts the payload to the width).
    EXPECT_EQ(render_f("[%2p]", p), "[hi\"x]");
}

TEST(FormatRender, WidthAndPrecisionOnStrings) {
    const auto p = make_publish("topic", "x");
    EXPECT_EQ(render_f("[%5.1t][%-7t][%.3t][%07t]", p), "[    t][topic  ][top][  topic]");
}

TEST(FormatRender, PrecisionNeverSplitsAUtf8Sequence) {
    const auto p = make_publish("日本", "x");  // 3 bytes each
    EXPECT_EQ(render_f("[%.4t]", p), "[日]");
    EXPECT_EQ(render_f("[%.6t]", p), "[日本]");
}

TEST(FormatRender, WidthOnNumbers) {
    auto p = make_publish("t", "abcd");
    p.qos = codec::qos::exactly_once;
    p.packet_id = 7;
    EXPECT_EQ(render_f("[%05l][%-5l][%5m][%3q][%-3r]", p), "[00004][4    ][    7][  2][0  ]");
}

TEST(FormatRender, Escapes) {
    const auto p = make_publish("t", "p");
    EXPECT_EQ(render_f("\\e\\0\\\\|\\a\\v\\r\\n\\t", p), std::string("\x1b\0\\|\a\v\r\n\t", 9));
}

TEST(FormatRender, All256ByteValuesSurvivePercentP) {
    std::string all;
    for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
    const auto p = make_publish("t", all);
    EXPECT_EQ(render_f("%p", p), all);
    EXPECT_EQ(render_f("<%p>", p), "<" + all + ">");
    std::string hex;
    for (int i = 0; i < 256; ++i) hex += fmt::format("{:02x}", i);
    EXPECT_EQ(render_f("%x", p), hex);
}

TEST(FormatRender, EmptyPayload) {
    const auto p = make_publish("t", "");
    EXPECT_EQ(render_f("[%p][%l][%x]", p), "[][0][]");
}

TEST(FormatRender, UnixAndIsoTimeInUtc) {
    const auto p = make_publish("t", "x");
    EXPECT_EQ(render_f("%U", p), "1795631400.123456789");
    EXPECT_EQ(render_f("%.14U", p), "1795631400.123");
    EXPECT_EQ(render_f("%I", p), "2026-11-25T18:30:00+0000");
}

TEST(FormatRender, TimeFieldsFollowTheLocalZone) {
    const test::scoped_tz tz("JST-9");
    const auto p = make_publish("t", "x");
    EXPECT_EQ(render_f("%I", p, codec::protocol_version::v5, time_zone::local), "2026-11-26T03:30:00+0900");
    EXPECT_EQ(render_f("@Y-@m-@d @H:@M:@S @z @s @N @@", p, codec::protocol_version::v5, time_zone::local),
              "2026-11-26 03:30:00 +0900 1795631400 123456789 @");
    // %U does not depend on the zone.
    EXPECT_EQ(render_f("%U", p, codec::protocol_version::v5, time_zone::local), "1795631400.123456789");
}

TEST(FormatRender, TimeFieldsInUtc) {
    const auto p = make_publish("t", "x");
    EXPECT_EQ(render_f("@F @T @a @b @j", p), "2026-11-25 18:30:00 Wed Nov 329");
}

TEST(FormatRender, CorrelationDataIsRawBytes) {
    auto p = make_publish("t", "x");
    p.props.correlation_data = std::vector<std::uint8_t>{0x00, 0xff, 0x41};
    EXPECT_EQ(render_f("%D", p), std::string("\0\xff"
                                             "A",
                                             3));
}

TEST(FormatRender, JsonInsideALargerFormat) {
    const auto p = make_publish("t", "x");
    const std::string out = render_f("pre %j post", p);
    EXPECT_EQ(out.substr(0, 5), "pre {");
    EXPECT_EQ(out.substr(out.size() - 6), "} post");
}

}  // namespace
}  // namespace wsmqtt::output
