#include "cli/load/load_summary.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include "cli/load/process_memory.hpp"

namespace wsmqtt::load {
namespace {

using namespace std::chrono_literals;

TEST(per_second_timeline, one_entry_per_second_of_the_run) {
    per_second_timeline t;
    const auto t0 = per_second_timeline::clock::time_point{} + 1h;
    t.start(t0);
    t.add(t0, 10);
    t.add(t0 + 999ms, 10);
    t.add(t0 + 2500ms, 5);
    t.close(4);
    ASSERT_EQ(t.seconds().size(), 4u);
    EXPECT_EQ(t.seconds()[0].messages, 2u);
    EXPECT_EQ(t.seconds()[0].bytes, 20u);
    EXPECT_EQ(t.seconds()[1].messages, 0u);
    EXPECT_EQ(t.seconds()[2].messages, 1u);
    EXPECT_EQ(t.seconds()[3].messages, 0u);
    t.close(2);  // trimming folds the tail into the last second
    EXPECT_EQ(t.seconds()[1].messages, 1u);
}

TEST(load_summary, json_has_the_documented_fields) {
    load_summary s;
    s.tool = "wsmqtt-sub";
    s.transport = "ws";
    s.clients = 2;
    s.connected = 2;
    s.duration_s = 2.0;
    s.messages = 400;
    s.bytes = 4000;
    s.timeline.close(2);
    for (std::uint64_t v = 1; v <= 100; ++v) s.latency.record(v * 1000);
    s.sequences.received = 400;
    s.stamped = true;
    s.publishers.push_back({0xabcdef01, 1, s.sequences});
    // 100 KiB for the two connections after the first: 50 KiB each.
    s.memory = {.rss_before_kib = 1000, .rss_first_kib = 1010, .rss_connected_kib = 1110, .connections = 3, .first_connections = 1};
    const auto text = boost::json::serialize(to_json(s));
    const auto v = boost::json::parse(text).as_object();
    EXPECT_EQ(v.at("tool").as_string(), "wsmqtt-sub");
    EXPECT_EQ(v.at("messages").to_number<std::uint64_t>(), 400u);
    EXPECT_DOUBLE_EQ(v.at("messages_per_s").to_number<double>(), 200.0);
    EXPECT_EQ(v.at("timeline").as_array().size(), 2u);
    const auto& lat = v.at("latency").as_object();
    EXPECT_EQ(lat.at("p50").to_number<std::uint64_t>(), s.latency.value_at(0.5));
    EXPECT_EQ(lat.at("max").to_number<std::uint64_t>(), 100'000u);
    EXPECT_FALSE(lat.at("histogram").at("buckets").as_array().empty());
    const auto& seq = v.at("sequence").as_object();
    EXPECT_EQ(seq.at("publishers").as_array()[0].at("run").as_string(), "abcdef01");
    const auto& mem = v.at("memory").as_object();
    EXPECT_EQ(mem.at("rss_first_kib").to_number<std::uint64_t>(), 1010u);
    EXPECT_EQ(mem.at("first_connections").to_number<std::uint64_t>(), 1u);
    EXPECT_DOUBLE_EQ(mem.at("bytes_per_connection").to_number<double>(), 51200.0);
}

TEST(memory_figures, per_connection_leaves_out_the_first_connection_when_it_was_measured) {
    const memory_figures measured{.rss_before_kib = 1000, .rss_first_kib = 3000, .rss_connected_kib = 3100, .connections = 101, .first_connections = 1};
    EXPECT_DOUBLE_EQ(measured.bytes_per_connection(), 1024.0);  // the 2 MiB of one-time costs are not spread
    const memory_figures unmeasured{.rss_before_kib = 1000, .rss_connected_kib = 3100, .connections = 100};
    EXPECT_DOUBLE_EQ(unmeasured.bytes_per_connection(), 2100.0 * 1024 / 100);
    const memory_figures one{.rss_before_kib = 1000, .rss_first_kib = 1010, .rss_connected_kib = 1010, .connections = 1, .first_connections = 1};
    EXPECT_DOUBLE_EQ(one.bytes_per_connection(), 10.0 * 1024);
}

TEST(load_summary, html_embeds_the_json_and_escapes_script_ends) {
    load_summary s;
    s.tool = "wsmqtt-pub";
    s.transport = "</script><b>";
    s.timeline.close(1);
    const auto page = to_html(s);
    EXPECT_NE(page.find("<script type=\"application/json\" id=\"summary\">"), std::string::npos);
    EXPECT_EQ(page.find("</script><b>"), std::string::npos);
    EXPECT_NE(page.find("<\\/script><b>"), std::string::npos);
    // Nothing is fetched: no external scripts, styles or images (the SVG namespace URI is a name).
    EXPECT_EQ(page.find("src="), std::string::npos);
    EXPECT_EQ(page.find("href="), std::string::npos);
    EXPECT_EQ(page.find("fetch("), std::string::npos);
    EXPECT_EQ(page.find("https://"), std::string::npos);
}

TEST(process_memory, parses_vmrss) {
    EXPECT_EQ(parse_vmrss_kib("Name:\tx\nVmPeak:\t 999 kB\nVmRSS:\t    5120 kB\n"), 5120u);
    EXPECT_EQ(parse_vmrss_kib("Name:\tx\n"), 0u);
    EXPECT_GT(resident_kib(), 0u);
}

}  // namespace
}  // namespace wsmqtt::load
