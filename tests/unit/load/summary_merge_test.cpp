#include "cli/load/summary_merge.hpp"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <random>
#include <vector>

#include "cli/load/summary_reader.hpp"

namespace wsmqtt::load {
namespace {

// Through the JSON a run prints and back, as --merge-stats reads it.
load_summary round_trip(const load_summary& s) {
    auto r = read_summaries(boost::json::serialize(to_json(s)));
    EXPECT_FALSE(r.error) << r.error.value_or("");
    EXPECT_EQ(r.summaries.size(), 1u);
    return r.summaries.empty() ? load_summary{} : r.summaries.front();
}

load_summary merged(const std::vector<load_summary>& parts) {
    summary_merge m;
    for (const auto& p : parts) {
        auto problem = m.add(round_trip(p));
        EXPECT_FALSE(problem) << *problem;
    }
    return m.result();
}

load_summary empty_sub() {
    load_summary s;
    s.tool = "wsmqtt-sub";
    s.transport = "ws";
    s.timeline.close(1);
    return s;
}

// The latency object of a summary's JSON without its mean (compared apart, as a double).
boost::json::object latency_of(const load_summary& s, const char* which, double& mean) {
    auto o = to_json(s).at(which).as_object();
    mean = o.at("mean").to_number<double>();
    o.erase("mean");
    return o;
}

// The exactness promise: split one set of samples over 2 or 3 runs, write each run's
// JSON, read them back and merge: every figure is the one a single histogram of all samples gives.
TEST(summary_merge, merged_percentiles_equal_one_histogram_of_every_sample) {
    std::mt19937_64 rng{20250607};
    std::lognormal_distribution<double> latency{13.0, 1.2};  // ~0.4 ms median, long tail
    for (int parts = 2; parts <= 3; ++parts) {
        for (int trial = 0; trial < 5; ++trial) {
            load_summary whole = empty_sub();
            std::vector<load_summary> split(static_cast<std::size_t>(parts), empty_sub());
            const int n = 1000 + trial * 3731;
            for (int i = 0; i < n; ++i) {
                const auto v = static_cast<std::uint64_t>(latency(rng));
                // Uneven shares, so a part's weight in the mean matters.
                const auto part = static_cast<std::size_t>((rng() % 7) < 4 ? 0 : 1 + rng() % (parts - 1));
                whole.latency.record(v);
                split[part].latency.record(v);
                if (i % 97 == 0) {
                    whole.connect_latency.record(v * 3);
                    split[part].connect_latency.record(v * 3);
                }
            }
            const auto m = merged(split);
            for (const char* which : {"latency", "connect_latency"}) {
                double merged_mean = 0;
                double whole_mean = 0;
                EXPECT_EQ(latency_of(m, which, merged_mean), latency_of(whole, which, whole_mean))
                    << which << " parts " << parts << " trial " << trial;
                EXPECT_DOUBLE_EQ(merged_mean, whole_mean);
            }
            EXPECT_EQ(m.latency.value_at(0.999), whole.latency.value_at(0.999));
            EXPECT_EQ(m.merged_from, static_cast<std::uint64_t>(parts));
        }
    }
}

TEST(summary_merge, counts_are_summed_duration_is_the_longest_rates_follow) {
    load_summary a = empty_sub();
    a.clients = 2;
    a.connected = 2;
    a.duration_s = 2.0;
    a.messages = 100;
    a.bytes = 1000;
    a.timeline = {};
    a.timeline.add_to(0, 60, 600);
    a.timeline.add_to(1, 40, 400);
    a.memory = {.rss_before_kib = 1000, .rss_first_kib = 1020, .rss_connected_kib = 1200, .connections = 2, .first_connections = 1};
    load_summary b = empty_sub();
    b.transport = "mqtt";
    b.qos = 2;
    b.clients = 3;
    b.connected = 2;
    b.connect_failures = 1;
    b.duration_s = 4.0;
    b.messages = 300;
    b.bytes = 3000;
    b.timeline = {};
    for (std::size_t i = 0; i < 4; ++i) b.timeline.add_to(i, 75, 750);
    b.memory = {.rss_before_kib = 2000, .rss_first_kib = 2010, .rss_connected_kib = 2100, .connections = 3, .first_connections = 1};
    const auto m = merged({a, b});
    EXPECT_EQ(m.tool, "wsmqtt-sub");
    EXPECT_EQ(m.transport, "mixed");
    EXPECT_EQ(m.qos, 2);
    EXPECT_EQ(m.clients, 5u);
    EXPECT_EQ(m.connected, 4u);
    EXPECT_EQ(m.connect_failures, 1u);
    EXPECT_EQ(m.duration_s, 4.0);
    EXPECT_EQ(m.messages, 400u);
    EXPECT_EQ(m.bytes, 4000u);
    EXPECT_DOUBLE_EQ(m.messages_per_second(), 100.0);
    ASSERT_EQ(m.timeline.seconds().size(), 4u);
    EXPECT_EQ(m.timeline.seconds()[0].messages, 135u);
    EXPECT_EQ(m.timeline.seconds()[1].bytes, 1150u);
    EXPECT_EQ(m.timeline.seconds()[3].messages, 75u);
    EXPECT_EQ(m.memory.rss_before_kib, 3000u);
    EXPECT_EQ(m.memory.rss_connected_kib, 3300u);
    EXPECT_EQ(m.memory.connections, 5u);
    EXPECT_EQ(m.memory.rss_first_kib, 3030u);
    EXPECT_EQ(m.memory.first_connections, 2u);
    // (180 + 90) KiB over the 1 + 2 connections after each run's first
    EXPECT_DOUBLE_EQ(m.memory.bytes_per_connection(), 270.0 * 1024 / 3);
    EXPECT_EQ(m.merged_from, 2u);
    const auto json = to_json(m);
    EXPECT_EQ(json.at("merged_from").to_number<std::uint64_t>(), 2u);
    EXPECT_NE(to_text(m).find("merged from 2 summaries"), std::string::npos);
}

TEST(summary_merge, publishers_are_keyed_by_run_and_publisher) {
    load_summary a = empty_sub();
    a.stamped = true;
    a.sequences = {.received = 30, .unique = 30, .lost = 1};
    a.publishers.push_back({7, 1, {.received = 10, .unique = 10}});
    a.publishers.push_back({7, 2, {.received = 20, .unique = 20, .lost = 1}});
    load_summary b = empty_sub();
    b.unstamped = 5;
    b.sequences = {.received = 25, .unique = 24, .duplicates = 1, .reordered = 2};
    b.publishers.push_back({7, 2, {.received = 5, .unique = 5, .reordered = 2}});
    b.publishers.push_back({3, 9, {.received = 20, .unique = 19, .duplicates = 1}});
    const auto m = merged({a, b});
    EXPECT_TRUE(m.stamped);
    EXPECT_EQ(m.unstamped, 5u);
    EXPECT_EQ(m.sequences.received, 55u);
    EXPECT_EQ(m.sequences.duplicates, 1u);
    EXPECT_EQ(m.sequences.reordered, 2u);
    EXPECT_EQ(m.sequences.lost, 1u);
    ASSERT_EQ(m.publishers.size(), 3u);
    EXPECT_EQ(m.publishers[0].run, 3u);
    EXPECT_EQ(m.publishers[1].publisher, 1u);
    EXPECT_EQ(m.publishers[2].counts.received, 25u);
    EXPECT_EQ(m.publishers[2].counts.reordered, 2u);
    EXPECT_EQ(m.publishers[2].counts.lost, 1u);
}

TEST(summary_merge, publisher_summaries_sum_acks_and_target_rates) {
    load_summary a;
    a.tool = "wsmqtt-pub";
    a.transport = "ws";
    a.qos = 1;
    a.messages = 100;
    a.acknowledged = 99;
    a.rejected = 1;
    a.target_rate = 50.0;
    a.timeline.close(1);
    load_summary b = a;
    b.target_rate = 25.0;
    const auto m = merged({a, b});
    EXPECT_EQ(m.acknowledged, 198u);
    EXPECT_EQ(m.rejected, 2u);
    EXPECT_EQ(m.target_rate, 75.0);
    EXPECT_EQ(m.transport, "ws");
}

TEST(summary_merge, merged_summaries_merge_again) {
    load_summary a = empty_sub();
    a.messages = 1;
    for (std::uint64_t v : {100u, 2000u, 30000u}) a.latency.record(v);
    const auto once = merged({a, a});
    const auto twice = merged({once, a});
    EXPECT_EQ(twice.merged_from, 3u);
    EXPECT_EQ(twice.messages, 3u);
    EXPECT_EQ(twice.latency.count(), 9u);
    EXPECT_EQ(twice.latency.min(), 100u);
    EXPECT_EQ(twice.latency.max(), 30000u);
    EXPECT_DOUBLE_EQ(twice.latency.mean(), 32100.0 / 3);
}

TEST(summary_merge, refuses_other_tools_and_overflow) {
    summary_merge m;
    const auto sub = round_trip(empty_sub());
    load_summary pub;
    pub.tool = "wsmqtt-pub";
    pub.transport = "ws";
    pub.timeline.close(1);
    EXPECT_FALSE(m.add(sub));
    EXPECT_EQ(m.add(round_trip(pub)).value_or(""),
              "a wsmqtt-pub summary cannot be merged with wsmqtt-sub ones");
    auto big = sub;
    big.messages = UINT64_MAX;
    EXPECT_FALSE(m.add(big));
    auto one = sub;
    one.messages = 1;
    EXPECT_EQ(m.add(one).value_or(""), "the totals would pass 2^64 (2^32 for client counts)");
    // Nothing of the refused summary was added.
    EXPECT_EQ(m.result().messages, UINT64_MAX);
    EXPECT_EQ(m.result().merged_from, 2u);
}

}  // namespace
}  // namespace wsmqtt::load
