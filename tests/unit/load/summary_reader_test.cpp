#include "cli/load/summary_reader.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <functional>

namespace wsmqtt::load {
namespace {

load_summary sub_summary() {
    load_summary s;
    s.tool = "wsmqtt-sub";
    s.transport = "ws";
    s.clients = 2;
    s.connected = 2;
    s.qos = 1;
    s.duration_s = 1.5;
    s.messages = 300;
    s.bytes = 3000;
    s.timeline.add_to(0, 200, 2000);
    s.timeline.add_to(1, 100, 1000);
    for (std::uint64_t v = 1; v <= 300; ++v) s.latency.record(v * 7919);
    s.connect_latency.record(1'500'000);
    s.connect_latency.record(2'500'000);
    s.stamped = true;
    s.unstamped = 3;
    s.sequences = {.received = 300, .unique = 298, .duplicates = 2, .reordered = 1, .lost = 4};
    s.publishers.push_back(
        {0xabcdef01, 1, {.received = 150, .unique = 149, .duplicates = 1, .reordered = 1, .lost = 2}});
    s.publishers.push_back({0xabcdef01, 2, {.received = 150, .unique = 149, .duplicates = 1, .lost = 2}});
    s.memory = {.rss_before_kib = 1000, .rss_first_kib = 1010, .rss_connected_kib = 1100, .connections = 2, .first_connections = 1};
    return s;
}

std::string text_of(const load_summary& s) { return boost::json::serialize(to_json(s)); }

// The summary's JSON with one edit applied, as text.
std::string edited(const std::function<void(boost::json::object&)>& edit) {
    auto o = to_json(sub_summary());
    edit(o);
    return boost::json::serialize(o);
}

std::string error_of(std::string_view text) {
    const auto r = read_summaries(text);
    EXPECT_TRUE(r.summaries.empty());
    return r.error.value_or("<no error>");
}

TEST(summary_reader, reads_back_what_to_json_wrote) {
    const auto s = sub_summary();
    const auto r = read_summaries(text_of(s));
    ASSERT_FALSE(r.error) << *r.error;
    ASSERT_EQ(r.summaries.size(), 1u);
    const auto& back = r.summaries[0];
    EXPECT_EQ(back.tool, "wsmqtt-sub");
    EXPECT_EQ(back.transport, "ws");
    EXPECT_EQ(back.qos, 1);
    EXPECT_EQ(back.messages, 300u);
    EXPECT_EQ(back.sequences.lost, 4u);
    ASSERT_EQ(back.publishers.size(), 2u);
    EXPECT_EQ(back.publishers[1].run, 0xabcdef01u);
    EXPECT_EQ(back.publishers[1].publisher, 2u);
    EXPECT_EQ(back.latency.min(), s.latency.min());
    EXPECT_EQ(back.latency.max(), s.latency.max());
    EXPECT_DOUBLE_EQ(back.latency.mean(), s.latency.mean());
    EXPECT_EQ(back.timeline.seconds().size(), 2u);
    EXPECT_EQ(back.merged_from, 0u);
    // And the JSON of what was read is the JSON it was read from.
    EXPECT_EQ(text_of(back), text_of(s));
}

TEST(summary_reader, a_summary_without_the_first_connection_figure_still_reads) {
    // Written before rss_first_kib existed: per connection is then (all - before) / N.
    const auto r = read_summaries(edited([](auto& o) {
        auto& mem = o.at("memory").as_object();
        mem.erase("rss_first_kib");
        mem.erase("first_connections");
    }));
    ASSERT_FALSE(r.error) << *r.error;
    ASSERT_EQ(r.summaries.size(), 1u);
    EXPECT_EQ(r.summaries[0].memory.first_connections, 0u);
    EXPECT_DOUBLE_EQ(r.summaries[0].memory.bytes_per_connection(), 100.0 * 1024 / 2);
}

TEST(summary_reader, reads_a_publisher_summary) {
    load_summary s;
    s.tool = "wsmqtt-pub";
    s.transport = "mqtt";
    s.messages = 10;
    s.acknowledged = 9;
    s.rejected = 1;
    s.target_rate = 100.0;
    s.timeline.close(1);
    const auto r = read_summaries(text_of(s));
    ASSERT_FALSE(r.error) << *r.error;
    EXPECT_EQ(r.summaries[0].acknowledged, 9u);
    EXPECT_EQ(r.summaries[0].rejected, 1u);
    EXPECT_EQ(r.summaries[0].target_rate, 100.0);
}

TEST(summary_reader, several_summaries_one_per_line_or_back_to_back) {
    const auto one = text_of(sub_summary());
    EXPECT_EQ(read_summaries(one + "\n" + one + "\n").summaries.size(), 2u);
    EXPECT_EQ(read_summaries(one + one + one).summaries.size(), 3u);
    EXPECT_EQ(error_of(one + "\n" + "{\"format\":1}"),
              "summary 2: not a wsmqtt summary: \"tool\" is missing");
}

TEST(summary_reader, not_json_names_line_and_column) {
    EXPECT_EQ(error_of(""), "no summary in it (empty)");
    EXPECT_EQ(error_of(" \n\t"), "no summary in it (empty)");
    const auto e = error_of("{\n  \"format\": 1,\n  x");
    EXPECT_EQ(e.rfind("not JSON: ", 0), 0u) << e;
    EXPECT_NE(e.find("line 3, column 3"), std::string::npos) << e;
    EXPECT_NE(error_of("{\"format\": 1").find("not JSON"), std::string::npos);
    EXPECT_NE(error_of("wsmqtt-sub: 2 client(s) subscribed").find("line 1, column 1"), std::string::npos);
}

TEST(summary_reader, not_a_summary) {
    EXPECT_EQ(error_of("[1, 2]"), "not a wsmqtt summary: not a JSON object");
    EXPECT_EQ(error_of("{}"), "not a wsmqtt summary: no \"format\" field");
    EXPECT_EQ(error_of(edited([](auto& o) { o["format"] = 2; })),
              "not a wsmqtt summary of format 1: \"format\" is 2");
    EXPECT_EQ(error_of(edited([](auto& o) { o["format"] = "1"; })),
              "not a wsmqtt summary of format 1: \"format\" is \"1\"");
    EXPECT_EQ(error_of(edited([](auto& o) { o["tool"] = "mosquitto_sub"; })),
              "not a wsmqtt summary: \"tool\" must be \"wsmqtt-pub\" or \"wsmqtt-sub\"");
    EXPECT_EQ(error_of(edited([](auto& o) { o.erase("messages"); })),
              "not a wsmqtt summary: \"messages\" is missing");
    EXPECT_EQ(error_of(edited([](auto& o) { o["messages"] = -1; })),
              "not a wsmqtt summary: \"messages\" must be a whole number from 0");
    EXPECT_EQ(error_of(edited([](auto& o) { o["messages"] = 1.5; })),
              "not a wsmqtt summary: \"messages\" must be a whole number from 0");
    EXPECT_EQ(error_of(edited([](auto& o) { o["clients"] = 4294967296ULL; })),
              "not a wsmqtt summary: \"clients\" must be at most 4294967295");
    EXPECT_EQ(error_of(edited([](auto& o) { o["qos"] = 3; })),
              "not a wsmqtt summary: \"qos\" must be at most 2");
    EXPECT_EQ(error_of(edited([](auto& o) { o["duration_s"] = "long"; })),
              "not a wsmqtt summary: \"duration_s\" must be a number");
    EXPECT_EQ(error_of(edited([](auto& o) { o["transport"] = "ws\nx"; })),
              "not a wsmqtt summary: \"transport\" must be ws, wss, mqtt, mqtts or mixed");
    EXPECT_EQ(error_of(edited([](auto& o) { o["timeline"].as_array()[1].as_object()["bytes"] = nullptr; })),
              "not a wsmqtt summary: \"timeline[1].bytes\" must be a whole number from 0");
    EXPECT_EQ(error_of(edited([](auto& o) { o["sequence"].as_object()["stamped"] = 1; })),
              "not a wsmqtt summary: \"sequence.stamped\" must be true or false");
    EXPECT_EQ(error_of(edited([](auto& o) {
                  o["sequence"].as_object()["publishers"].as_array()[0].as_object()["run"] = "xyz";
              })),
              "not a wsmqtt summary: \"sequence.publishers[0].run\" must be 1 to 8 hexadecimal digits");
    EXPECT_EQ(error_of(edited([](auto& o) { o["merged_from"] = 0; })),
              "not a wsmqtt summary: \"merged_from\" must be at least 1");
}

TEST(summary_reader, histograms_must_be_consistent_and_of_this_layout) {
    const auto hist = [](boost::json::object& o) -> boost::json::object& {
        return o["latency"].as_object()["histogram"].as_object();
    };
    EXPECT_EQ(error_of(edited([&](auto& o) { hist(o)["sub_bucket_bits"] = 5; })),
              "\"latency\": histogram sub_bucket_bits is 5; this wsmqtt-sub merges 7 only");
    EXPECT_EQ(error_of(edited([](auto& o) { o["latency"].as_object()["count"] = 299; })),
              "not a wsmqtt summary: \"latency.count\" is 299 but the buckets hold 300");
    EXPECT_EQ(error_of(edited([&](auto& o) {
                  hist(o)["buckets"].as_array()[0] = boost::json::array{7424, 1};
              })),
              "not a wsmqtt summary: \"latency.histogram.buckets[0][0]\" must be at most 7423");
    EXPECT_EQ(error_of(edited([&](auto& o) { hist(o)["buckets"].as_array()[0] = boost::json::array{1}; })),
              "not a wsmqtt summary: \"latency.histogram.buckets[0]\" must be [index, count]");
    // min/max outside the first/last non-empty bucket.
    EXPECT_EQ(error_of(edited([](auto& o) { o["latency"].as_object()["min"] = 1; })),
              "not a wsmqtt summary: \"latency\" min, max or mean do not fit its buckets");
    EXPECT_EQ(error_of(edited([](auto& o) { o["connect_latency"].as_object()["max"] = 1ULL << 40; })),
              "not a wsmqtt summary: \"connect_latency\" min, max or mean do not fit its buckets");
    EXPECT_EQ(error_of(edited([](auto& o) { o["connect_latency"].as_object()["mean"] = "x"; })),
              "not a wsmqtt summary: \"connect_latency.mean\" must be a number");
}

}  // namespace
}  // namespace wsmqtt::load
