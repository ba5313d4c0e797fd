#pragma once
// What a load run measured, in one plain value: the final summary of --stats (text or one JSON
// object with --stats-format json), the data of --report's HTML, and what --merge-stats adds up
// (summary_merge.hpp). Both binaries fill the same shape; fields that do not apply stay zero/empty.
#include <boost/json/object.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/load/latency_histogram.hpp"
#include "cli/load/sequence_tracker.hpp"

namespace wsmqtt::load {

// Messages and bytes per whole second since the start of the measurement.
class per_second_timeline {
public:
    using clock = std::chrono::steady_clock;
    struct second {
        std::uint64_t messages = 0;
        std::uint64_t bytes = 0;
    };

    void start(clock::time_point at) noexcept { start_ = at; }
    void add(clock::time_point at, std::uint64_t bytes);
    // Adds to the second at `index` (growing the timeline to reach it): for summaries read back
    // from JSON and merged, where there is no clock to place a message by.
    void add_to(std::size_t index, std::uint64_t messages, std::uint64_t bytes);
    // Pads (or trims) to exactly `seconds` entries: one per second of the run.
    void close(std::size_t seconds);
    [[nodiscard]] clock::time_point started() const noexcept { return start_; }
    [[nodiscard]] const std::vector<second>& seconds() const noexcept { return seconds_; }

private:
    clock::time_point start_{};
    std::vector<second> seconds_;
};

struct publisher_counts {
    std::uint32_t run = 0;
    std::uint32_t publisher = 0;
    sequence_counts counts;
};

struct memory_figures {
    std::uint64_t rss_before_kib = 0;     // VmRSS before the first connection
    // VmRSS once the first client was connected: with every one-time cost paid (code pages run
    // for the first time, TLS and library set-up), which is no connection's own memory.
    std::uint64_t rss_first_kib = 0;
    std::uint64_t rss_connected_kib = 0;  // VmRSS once every client was connected
    std::uint64_t connections = 0;
    std::uint64_t first_connections = 0;  // the connections rss_first_kib holds (1 per run; 0: not measured)
    // What each connection beyond the first added; without rss_first_kib, (all - before) / N.
    [[nodiscard]] double bytes_per_connection() const noexcept;
};

struct load_summary {
    std::string tool;      // "wsmqtt-pub" or "wsmqtt-sub"
    std::string transport; // "ws", "wss", "mqtt", "mqtts"
    std::uint32_t clients = 0;
    std::uint32_t connected = 0;
    std::uint32_t connect_failures = 0;
    std::uint8_t qos = 0;
    double duration_s = 0;  // start of the measurement to its end
    std::uint64_t messages = 0;  // pub: published; sub: received
    std::uint64_t bytes = 0;     // payload bytes
    std::optional<double> target_rate;  // pub --rate
    std::uint64_t acknowledged = 0;     // pub QoS 1/2
    std::uint64_t rejected = 0;         // pub: failure reason codes
    per_second_timeline timeline;
    latency_histogram latency;          // sub: end to end (stamped); pub: publish to ack (QoS 1/2)
    latency_histogram connect_latency;  // start of connect to CONNACK
    bool stamped = false;               // sub: stamped messages were seen
    std::uint64_t unstamped = 0;        // sub: messages without a stamp
    sequence_counts sequences;          // sub: totals over every (subscriber, publisher)
    std::vector<publisher_counts> publishers;  // sub: per publisher, summed over subscribers
    memory_figures memory;
    std::uint64_t merged_from = 0;  // --merge-stats: run summaries added up in this one (0: a run's own)

    [[nodiscard]] double messages_per_second() const noexcept;
    [[nodiscard]] double bytes_per_second() const noexcept;
};

// The JSON summary (one object): tool, format (1), transport, clients, connected, connect_failures,
// qos, duration_s, messages, bytes, messages_per_s, bytes_per_s, [target_rate], [acknowledged,
// rejected], timeline [{messages, bytes} per second], latency and connect_latency {count, min,
// mean, p50, p90, p99, p999, max, histogram {sub_bucket_bits, buckets [[index, count]...]}},
// [sequence {received, unique, lost, duplicates, reordered, stamped, unstamped, publishers}],
// memory {rss_before_kib, rss_connected_kib, connections, bytes_per_connection}, [merged_from]
// (only in the output of --merge-stats). summary_reader.hpp reads this shape back.
boost::json::object to_json(const load_summary& s);
// The human summary (several lines, each ending in '\n').
std::string to_text(const load_summary& s);
// A self-contained HTML page (inline CSS, SVG drawn by inline JS from the embedded JSON summary).
std::string to_html(const load_summary& s);

}  // namespace wsmqtt::load
