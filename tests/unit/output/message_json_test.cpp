// %j, %J and --format json: every output is parsed back with Boost.JSON.
#include <openssl/evp.h>

#include <boost/json.hpp>

#include "test_support.hpp"

namespace wsmqtt::output {
namespace {
namespace json = boost::json;
using test::make_publish;

json::object parse_line(const std::string& s) {
    EXPECT_FALSE(s.empty());
    EXPECT_EQ(s.find('\n'), s.size() - 1) << "not exactly one line: " << s;
    boost::system::error_code ec;
    json::value v = json::parse(s, ec);
    EXPECT_FALSE(ec) << ec.message() << " in: " << s;
    EXPECT_TRUE(v.is_object()) << s;
    return v.is_object() ? v.as_object() : json::object{};
}

std::string render(formatter_options o, const codec::publish& p,
                   codec::protocol_version v = codec::protocol_version::v5) {
    const formatter f = test::make_formatter(std::move(o));
    std::string out;
    f.render(received_message{p, v, test::fixed_time()}, out);
    return out;
}

formatter_options json_mode(payload_encoding e = payload_encoding::auto_detect) {
    formatter_options o;
    o.mode = output_mode::json;
    o.encoding = e;
    return o;
}

formatter_options format_mode(std::string f) {
    formatter_options o;
    o.mode = output_mode::format;
    o.format = std::move(f);
    return o;
}

std::string base64_decode(std::string_view s) {
    std::string out(s.size(), '\0');
    const int n =
        EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                        reinterpret_cast<const unsigned char*>(s.data()), static_cast<int>(s.size()));
    EXPECT_GE(n, 0);
    out.resize(static_cast<std::size_t>(n));
    // EVP_DecodeBlock keeps the zero bytes that padding stands for; drop them.
    const std::size_t pad = s.ends_with("==") ? 2 : s.ends_with("=") ? 1 : 0;
    out.resize(out.size() - pad);
    return out;
}

std::string all_bytes() {
    std::string all;
    for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
    return all;
}

codec::publish v5_publish() {
    auto p = make_publish("t/a", "hi\"x");
    p.qos = codec::qos::at_least_once;
    p.packet_id = 1;
    p.props.user_properties = {{"k1", "v1"}, {"k2", "v2"}, {"k1", "again"}};
    p.props.content_type = "ct";
    p.props.correlation_data = std::vector<std::uint8_t>{0x00, 0xff};
    p.props.response_topic = "rt";
    p.props.message_expiry_interval = 99;
    p.props.payload_format_indicator = 1;
    p.props.subscription_identifiers = {7, 8};
    p.props.topic_alias = 3;
    return p;
}

// ---- mosquitto's %j / %J ----

TEST(MosquittoJson, FieldsAsMosquitto) {
    auto p = make_publish("t/a", "hi\"x");
    p.qos = codec::qos::at_least_once;
    p.packet_id = 1;
    EXPECT_EQ(render(format_mode("%j"), p),
              "{\"tst\":\"2026-11-25T18:30:00.123456Z\",\"topic\":\"t/a\",\"qos\":1,\"retain\":0,"
              "\"payloadlen\":4,\"mid\":1,\"payload\":\"hi\\\"x\"}\n");
}

TEST(MosquittoJson, NoMidAtQos0AndNullForEmpty) {
    const auto o = parse_line(render(format_mode("%j"), make_publish("t", "")));
    EXPECT_FALSE(o.contains("mid"));
    EXPECT_TRUE(o.at("payload").is_null());
    EXPECT_EQ(o.at("payloadlen").as_int64(), 0);
}

TEST(MosquittoJson, BinaryPayloadIsAnArrayOfBytes) {
    const auto o = parse_line(render(format_mode("%j"), make_publish("t", std::string_view("\x00\xff", 2))));
    const auto& a = o.at("payload").as_array();
    ASSERT_EQ(a.size(), 2u);
    EXPECT_EQ(a[0].as_int64(), 0);
    EXPECT_EQ(a[1].as_int64(), 255);
}

TEST(MosquittoJson, Utf8PayloadAndTopicAreStrings) {
    const auto o = parse_line(render(format_mode("%j"), make_publish("日本/😀", "こんにちは 😀\n\t\x01")));
    EXPECT_EQ(o.at("topic").as_string(), "日本/😀");
    EXPECT_EQ(o.at("payload").as_string(), "こんにちは 😀\n\t\x01");
}

TEST(MosquittoJson, PropertiesWithMosquittoNames) {
    const auto o = parse_line(render(format_mode("%j"), v5_publish()));
    const auto& props = o.at("properties").as_object();
    EXPECT_EQ(props.at("content-type").as_string(), "ct");
    EXPECT_EQ(props.at("response-topic").as_string(), "rt");
    EXPECT_EQ(props.at("message-expiry-interval").as_int64(), 99);
    EXPECT_EQ(props.at("payload-format-indicator").as_int64(), 1);
    EXPECT_EQ(props.at("subscription-identifier").as_int64(), 7);
    EXPECT_EQ(props.at("topic-alias").as_int64(), 3);
    EXPECT_EQ(props.at("correlation-data").as_string(), "AP8=");  // not UTF-8: base64
    EXPECT_EQ(props.at("user-properties").as_object().at("k2").as_string(), "v2");
}

TEST(MosquittoJson, NoPropertiesUnderV311) {
    const auto o = parse_line(render(format_mode("%j"), v5_publish(), codec::protocol_version::v311));
    EXPECT_FALSE(o.contains("properties"));
}

TEST(MosquittoJson, JsonPayloadIsEmbeddedOnOneLine) {
    const auto o =
        parse_line(render(format_mode("%J"), make_publish("t", "{\n  \"a\": [1, 2.50, \"x y\"]\n}\n")));
    EXPECT_EQ(json::serialize(o.at("payload")), "{\"a\":[1,2.5E0,\"x y\"]}");
    const std::string raw = render(format_mode("%J"), make_publish("t", "{\"n\": 1.0}"));
    EXPECT_NE(raw.find("\"payload\":{\"n\":1.0}"), std::string::npos) << raw;  // number text kept
}

TEST(MosquittoJson, PrettyIsValidAndIndented) {
    auto o = format_mode("%j");
    o.pretty = true;
    const std::string out = render(o, v5_publish());
    EXPECT_NE(out.find("\n  \"topic\": \"t/a\""), std::string::npos) << out;
    boost::system::error_code ec;
    (void)json::parse(out, ec);
    EXPECT_FALSE(ec) << out;
}

// ---- --format json (NDJSON) ----

TEST(MessageJson, Utf8PayloadIsAString) {
    const auto o = parse_line(render(json_mode(), make_publish("a/b", "hello")));
    EXPECT_EQ(o.at("topic").as_string(), "a/b");
    EXPECT_EQ(o.at("payload").as_string(), "hello");
    EXPECT_EQ(o.at("payload_encoding").as_string(), "utf8");
    EXPECT_EQ(o.at("payload_length").as_int64(), 5);
    EXPECT_EQ(o.at("qos").as_int64(), 0);
    EXPECT_EQ(o.at("retain").as_bool(), false);
    EXPECT_EQ(o.at("dup").as_bool(), false);
    EXPECT_FALSE(o.contains("message_id"));
    EXPECT_FALSE(o.contains("properties"));
    EXPECT_EQ(o.at("received_at").as_string(), "2026-11-25T18:30:00.123456Z");
}

TEST(MessageJson, ExactShape) {
    auto p = make_publish("a", "b");
    p.qos = codec::qos::exactly_once;
    p.packet_id = 9;
    p.retain = true;
    p.dup = true;
    EXPECT_EQ(render(json_mode(), p),
              "{\"topic\":\"a\",\"payload\":\"b\",\"payload_encoding\":\"utf8\",\"qos\":2,\"retain\":true,"
              "\"dup\":true,\"message_id\":9,\"payload_length\":1,"
              "\"received_at\":\"2026-11-25T18:30:00.123456Z\"}\n");
}

TEST(MessageJson, JapaneseAndEmojiPayloadsAndTopics) {
    const auto o = parse_line(render(json_mode(), make_publish("センサー/温度/🌡", "温度は 23℃ 🔥")));
    EXPECT_EQ(o.at("topic").as_string(), "センサー/温度/🌡");
    EXPECT_EQ(o.at("payload").as_string(), "温度は 23℃ 🔥");
    EXPECT_EQ(o.at("payload_encoding").as_string(), "utf8");
}

TEST(MessageJson, ControlCharactersAreEscaped) {
    std::string ctl;
    for (int i = 0; i < 0x20; ++i) ctl.push_back(static_cast<char>(i));
    ctl += "\"\\\x7f";
    const std::string line = render(json_mode(), make_publish("t\n\x1b", ctl));
    const auto o = parse_line(line);
    EXPECT_EQ(o.at("payload").as_string(), ctl);
    EXPECT_EQ(o.at("topic").as_string(), "t\n\x1b");
}

TEST(MessageJson, BinaryPayloadIsBase64) {
    const auto all = all_bytes();
    const auto o = parse_line(render(json_mode(), make_publish("t", all)));
    EXPECT_EQ(o.at("payload_encoding").as_string(), "base64");
    EXPECT_EQ(base64_decode(o.at("payload").as_string()), all);
    EXPECT_EQ(o.at("payload_length").as_int64(), 256);
}

TEST(MessageJson, EmptyPayloadIsAnEmptyString) {
    const auto o = parse_line(render(json_mode(), make_publish("t", "")));
    EXPECT_EQ(o.at("payload").as_string(), "");
    EXPECT_EQ(o.at("payload_encoding").as_string(), "utf8");
    const auto b = parse_line(render(json_mode(payload_encoding::base64), make_publish("t", "")));
    EXPECT_EQ(b.at("payload").as_string(), "");
}

TEST(MessageJson, ForcedEncodings) {
    const auto p = make_publish("t", "hi\xff");
    const auto hex = parse_line(render(json_mode(payload_encoding::hex), p));
    EXPECT_EQ(hex.at("payload").as_string(), "6869ff");
    EXPECT_EQ(hex.at("payload_encoding").as_string(), "hex");
    const auto b64 = parse_line(render(json_mode(payload_encoding::base64), make_publish("t", "hello")));
    EXPECT_EQ(b64.at("payload").as_string(), "aGVsbG8=");
    EXPECT_EQ(b64.at("payload_encoding").as_string(), "base64");
    // Forced utf8 on invalid UTF-8 is lossy: each bad byte becomes U+FFFD.
    const auto u = parse_line(render(json_mode(payload_encoding::utf8), p));
    EXPECT_EQ(u.at("payload").as_string(), "hi\xEF\xBF\xBD");
    EXPECT_EQ(u.at("payload_encoding").as_string(), "utf8");
}

TEST(MessageJson, EveryV5PropertyWithSnakeCaseNames) {
    const auto o = parse_line(render(json_mode(), v5_publish()));
    EXPECT_EQ(o.at("message_id").as_int64(), 1);
    const auto& props = o.at("properties").as_object();
    EXPECT_EQ(props.at("content_type").as_string(), "ct");
    EXPECT_EQ(props.at("response_topic").as_string(), "rt");
    EXPECT_EQ(props.at("message_expiry_interval").as_int64(), 99);
    EXPECT_EQ(props.at("payload_format_indicator").as_int64(), 1);
    EXPECT_EQ(props.at("topic_alias").as_int64(), 3);
    EXPECT_EQ(props.at("correlation_data").as_string(), "AP8=");
    EXPECT_EQ(json::serialize(props.at("subscription_identifiers")), "[7,8]");
}

TEST(MessageJson, UserPropertiesKeepOrderAndRepeats) {
    const auto o = parse_line(render(json_mode(), v5_publish()));
    EXPECT_EQ(json::serialize(o.at("properties").at("user_properties")),
              "[[\"k1\",\"v1\"],[\"k2\",\"v2\"],[\"k1\",\"again\"]]");
}

TEST(MessageJson, NoPropertiesUnderV311) {
    EXPECT_FALSE(
        parse_line(render(json_mode(), v5_publish(), codec::protocol_version::v311)).contains("properties"));
}

TEST(MessageJson, PrettyParsesBack) {
    auto o = json_mode();
    o.pretty = true;
    const std::string out = render(o, v5_publish());
    EXPECT_NE(out.find("\n  \"properties\": {\n    \""), std::string::npos) << out;
    boost::system::error_code ec;
    const json::value v = json::parse(out, ec);
    ASSERT_FALSE(ec) << out;
    EXPECT_EQ(v.at("topic").as_string(), "t/a");
}

TEST(MessageJson, ManyMessagesEachParse) {
    // A sweep of awkward payloads; every rendering must be one valid JSON line.
    const formatter f = test::make_formatter(json_mode());
    std::string out;
    for (int i = 0; i < 256; ++i) {
        for (int j = 0; j < 256; j += 17) {
            const std::string payload{static_cast<char>(i), static_cast<char>(j), '\xe6', '\x97'};
            const auto p = make_publish(std::string(1, static_cast<char>(i & 0x7f)), payload);
            out.clear();
            f.render(received_message{p, codec::protocol_version::v5, test::fixed_time()}, out);
            boost::system::error_code ec;
            (void)json::parse(out, ec);
            ASSERT_FALSE(ec) << i << "," << j << ": " << out;
        }
    }
}

}  // namespace
}  // namespace wsmqtt::output
