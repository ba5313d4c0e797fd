// The output modes: raw (default), -v, -N, colour, -F end of line, and the buffer contract.
#include "test_support.hpp"

namespace wsmqtt::output {
namespace {
using test::make_publish;

std::string render(formatter_options o, const codec::publish& p,
                   codec::protocol_version v = codec::protocol_version::v311) {
    const formatter f = test::make_formatter(std::move(o));
    std::string out;
    EXPECT_EQ(f.render(received_message{p, v, test::fixed_time()}, out), render_status::ok);
    return out;
}

formatter_options mode(output_mode m, bool eol = true) {
    formatter_options o;
    o.mode = m;
    o.end_of_line = eol;
    return o;
}

TEST(FormatterRaw, PayloadThenNewline) {
    EXPECT_EQ(render(mode(output_mode::raw), make_publish("t", "hello")), "hello\n");
    EXPECT_EQ(render(mode(output_mode::raw, false), make_publish("t", "hello")), "hello");
}

TEST(FormatterRaw, EmptyPayloadPrintsNothingAsMosquitto) {
    EXPECT_EQ(render(mode(output_mode::raw), make_publish("t", "")), "");
    EXPECT_EQ(render(mode(output_mode::raw, false), make_publish("t", "")), "");
}

TEST(FormatterRaw, All256ByteValuesSurviveUnchanged) {
    std::string all;
    for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
    EXPECT_EQ(render(mode(output_mode::raw), make_publish("t", all)), all + "\n");
    EXPECT_EQ(render(mode(output_mode::raw, false), make_publish("t", all)), all);
}

TEST(FormatterVerbose, TopicSpacePayload) {
    EXPECT_EQ(render(mode(output_mode::verbose), make_publish("a/b", "v")), "a/b v\n");
    EXPECT_EQ(render(mode(output_mode::verbose, false), make_publish("a/b", "v")), "a/b v");
}

TEST(FormatterVerbose, EmptyPayloadIsNullAndNothingWithMinusN) {
    EXPECT_EQ(render(mode(output_mode::verbose), make_publish("a/b", "")), "a/b (null)\n");
    EXPECT_EQ(render(mode(output_mode::verbose, false), make_publish("a/b", "")), "");
}

TEST(FormatterVerbose, ColourOnlyWhenAsked) {
    auto o = mode(output_mode::verbose);
    o.colour = true;
    EXPECT_EQ(render(o, make_publish("a/b", "v")), "\x1b[36ma/b\x1b[0m v\n");
}

TEST(FormatterFormat, AppendsNewlineUnlessMinusN) {
    auto o = mode(output_mode::format);
    o.format = "%t=%p";
    EXPECT_EQ(render(o, make_publish("a", "1")), "a=1\n");
    o.end_of_line = false;
    EXPECT_EQ(render(o, make_publish("a", "1")), "a=1");
}

TEST(FormatterFormat, CreateReportsTheCompileError) {
    formatter_options o = mode(output_mode::format);
    o.format = "%t %k";
    auto f = formatter::create(o);
    ASSERT_FALSE(f.has_value());
    EXPECT_EQ(f.error().message, "unknown format specifier '%k' at column 4");
}

TEST(FormatterFormat, FormatIsIgnoredOutsideFormatMode) {
    formatter_options o = mode(output_mode::raw);
    o.format = "%k";
    EXPECT_TRUE(formatter::create(o).has_value());
}

TEST(FormatterFormat, PayloadNotJsonIsReportedAndTheRestRenders) {
    auto o = mode(output_mode::format);
    o.format = "[%J]";
    const formatter f = test::make_formatter(o);
    const auto p = make_publish("t", "not json");
    std::string out;
    EXPECT_EQ(f.render(received_message{p, codec::protocol_version::v311, test::fixed_time()}, out),
              render_status::payload_not_json);
    EXPECT_EQ(out, "[]\n");
}

TEST(FormatterBuffer, RenderAppendsAndReusesCapacity) {
    const formatter f = test::make_formatter(mode(output_mode::raw));
    const auto p = make_publish("t", "abc");
    std::string out = "x";
    f.render(received_message{p, codec::protocol_version::v311, test::fixed_time()}, out);
    EXPECT_EQ(out, "xabc\n");
    out.clear();
    out.reserve(1024);
    const char* data = out.data();
    for (int i = 0; i < 100; ++i) {
        out.clear();
        f.render(received_message{p, codec::protocol_version::v311, test::fixed_time()}, out);
    }
    EXPECT_EQ(out.data(), data);  // no reallocation in the steady state
}

}  // namespace
}  // namespace wsmqtt::output
