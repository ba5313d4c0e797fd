#include "cli/load/load_summary.hpp"

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <fmt/format.h>

#include <algorithm>

namespace wsmqtt::load {

void per_second_timeline::add(clock::time_point at, std::uint64_t bytes) {
    const auto elapsed = at < start_ ? clock::duration{0} : at - start_;
    const auto index = static_cast<std::size_t>(std::chrono::duration_cast<std::chrono::seconds>(elapsed).count());
    if (index >= seconds_.size()) seconds_.resize(index + 1);
    ++seconds_[index].messages;
    seconds_[index].bytes += bytes;
}

void per_second_timeline::add_to(std::size_t index, std::uint64_t messages, std::uint64_t bytes) {
    if (index >= seconds_.size()) seconds_.resize(index + 1);
    seconds_[index].messages += messages;
    seconds_[index].bytes += bytes;
}

void per_second_timeline::close(std::size_t seconds) {
    if (seconds_.size() > seconds) {
        // A message counted in a second past the end (the end is taken just before): fold it in.
        for (std::size_t i = seconds; i < seconds_.size(); ++i) {
            seconds_[seconds - 1].messages += seconds_[i].messages;
            seconds_[seconds - 1].bytes += seconds_[i].bytes;
        }
    }
    seconds_.resize(seconds);
}

double memory_figures::bytes_per_connection() const noexcept {
    if (first_connections > 0 && connections > first_connections && rss_connected_kib >= rss_first_kib) {
        return static_cast<double>(rss_connected_kib - rss_first_kib) * 1024.0 /
               static_cast<double>(connections - first_connections);
    }
    if (connections == 0 || rss_connected_kib < rss_before_kib) return 0;
    return static_cast<double>(rss_connected_kib - rss_before_kib) * 1024.0 / static_cast<double>(connections);
}

double load_summary::messages_per_second() const noexcept {
    return duration_s > 0 ? static_cast<double>(messages) / duration_s : 0.0;
}

double load_summary::bytes_per_second() const noexcept {
    return duration_s > 0 ? static_cast<double>(bytes) / duration_s : 0.0;
}

namespace {

boost::json::object latency_json(const latency_histogram& h) {
    boost::json::object o;
    o["count"] = h.count();
    o["min"] = h.min();
    o["mean"] = h.mean();
    o["p50"] = h.value_at(0.50);
    o["p90"] = h.value_at(0.90);
    o["p99"] = h.value_at(0.99);
    o["p999"] = h.value_at(0.999);
    o["max"] = h.max();
    boost::json::array buckets;
    for (const auto& [index, count] : h.buckets()) buckets.push_back(boost::json::array{index, count});
    boost::json::object hist;
    hist["sub_bucket_bits"] = latency_histogram::sub_bucket_bits;
    hist["buckets"] = std::move(buckets);
    o["histogram"] = std::move(hist);
    return o;
}

boost::json::object counts_json(const sequence_counts& c) {
    boost::json::object o;
    o["received"] = c.received;
    o["unique"] = c.unique;
    o["lost"] = c.lost;
    o["duplicates"] = c.duplicates;
    o["reordered"] = c.reordered;
    return o;
}

std::string duration_text(std::uint64_t ns) {
    if (ns < 10'000) return fmt::format("{} us", static_cast<double>(ns) / 1e3);
    if (ns < 10'000'000) return fmt::format("{:.1f} us", static_cast<double>(ns) / 1e3);
    if (ns < 10'000'000'000ULL) return fmt::format("{:.2f} ms", static_cast<double>(ns) / 1e6);
    return fmt::format("{:.2f} s", static_cast<double>(ns) / 1e9);
}

std::string latency_text(const char* what, const latency_histogram& h) {
    return fmt::format("{} ({} samples): p50 {}, p90 {}, p99 {}, p99.9 {}, max {}\n", what, h.count(),
                       duration_text(h.value_at(0.5)), duration_text(h.value_at(0.9)),
                       duration_text(h.value_at(0.99)), duration_text(h.value_at(0.999)), duration_text(h.max()));
}

}  // namespace

boost::json::object to_json(const load_summary& s) {
    boost::json::object o;
    o["tool"] = s.tool;
    o["format"] = 1;
    o["transport"] = s.transport;
    o["clients"] = s.clients;
    o["connected"] = s.connected;
    o["connect_failures"] = s.connect_failures;
    o["qos"] = s.qos;
    o["duration_s"] = s.duration_s;
    o["messages"] = s.messages;
    o["bytes"] = s.bytes;
    o["messages_per_s"] = s.messages_per_second();
    o["bytes_per_s"] = s.bytes_per_second();
    if (s.target_rate) o["target_rate"] = *s.target_rate;
    if (s.tool == "wsmqtt-pub") {
        o["acknowledged"] = s.acknowledged;
        o["rejected"] = s.rejected;
    }
    boost::json::array timeline;
    for (const auto& sec : s.timeline.seconds()) {
        timeline.push_back(boost::json::object{{"messages", sec.messages}, {"bytes", sec.bytes}});
    }
    o["timeline"] = std::move(timeline);
    auto latency = latency_json(s.latency);
    latency["kind"] = s.tool == "wsmqtt-pub" ? "publish_to_ack" : "end_to_end";
    latency["unit"] = "ns";
    o["latency"] = std::move(latency);
    auto connect = latency_json(s.connect_latency);
    connect["unit"] = "ns";
    o["connect_latency"] = std::move(connect);
    if (s.tool == "wsmqtt-sub") {
        auto seq = counts_json(s.sequences);
        seq["stamped"] = s.stamped;
        seq["unstamped"] = s.unstamped;
        boost::json::array pubs;
        for (const auto& p : s.publishers) {
            auto one = counts_json(p.counts);
            one["run"] = fmt::format("{:08x}", p.run);
            one["publisher"] = p.publisher;
            pubs.push_back(std::move(one));
        }
        seq["publishers"] = std::move(pubs);
        o["sequence"] = std::move(seq);
    }
    boost::json::object mem;
    mem["rss_before_kib"] = s.memory.rss_before_kib;
    mem["rss_first_kib"] = s.memory.rss_first_kib;
    mem["rss_connected_kib"] = s.memory.rss_connected_kib;
    mem["connections"] = s.memory.connections;
    mem["first_connections"] = s.memory.first_connections;
    mem["bytes_per_connection"] = s.memory.bytes_per_connection();
    o["memory"] = std::move(mem);
    if (s.merged_from > 0) o["merged_from"] = s.merged_from;
    return o;
}

std::string to_text(const load_summary& s) {
    std::string out;
    const bool pub = s.tool == "wsmqtt-pub";
    if (s.merged_from > 0) {
        out += fmt::format("merged from {} summaries (transport {}, qos {})\n", s.merged_from, s.transport,
                           s.qos);
    }
    out += fmt::format("{}: {} client(s), {} connected, {} failed to connect\n", s.tool, s.clients, s.connected,
                       s.connect_failures);
    out += fmt::format("{}: {} messages, {} payload bytes in {:.3f} s: {:.1f} msg/s, {:.1f} KiB/s\n",
                       pub ? "published" : "received", s.messages, s.bytes, s.duration_s, s.messages_per_second(),
                       s.bytes_per_second() / 1024.0);
    if (s.target_rate) {
        const double achieved = s.messages_per_second();
        out += fmt::format("rate: target {:.1f} msg/s, achieved {:.1f} msg/s ({:+.2f}%)\n", *s.target_rate, achieved,
                           (achieved / *s.target_rate - 1.0) * 100.0);
    }
    if (pub && s.qos > 0) {
        out += fmt::format("acknowledged: {}, rejected: {}\n", s.acknowledged, s.rejected);
    }
    if (s.latency.count() > 0) out += latency_text(pub ? "publish-to-ack latency" : "end-to-end latency", s.latency);
    if (s.connect_latency.count() > 0) out += latency_text("connect latency", s.connect_latency);
    if (!pub) {
        if (s.stamped) {
            out += fmt::format("sequence: {} publisher(s): lost {}, duplicates {}, reordered {}\n", s.publishers.size(),
                               s.sequences.lost, s.sequences.duplicates, s.sequences.reordered);
        }
        if (s.unstamped > 0) out += fmt::format("{} message(s) without a --stamp header\n", s.unstamped);
    }
    if (s.memory.first_connections > 0 && s.memory.connections > s.memory.first_connections) {
        out += fmt::format("memory: RSS {} KiB before connecting, {} KiB with the first connection, {} KiB with {}: "
                           "{:.0f} bytes per further connection\n",
                           s.memory.rss_before_kib, s.memory.rss_first_kib, s.memory.rss_connected_kib,
                           s.memory.connections, s.memory.bytes_per_connection());
    } else {
        out += fmt::format("memory: RSS {} KiB before connecting, {} KiB with {} connection(s): {:.0f} bytes per "
                           "connection\n",
                           s.memory.rss_before_kib, s.memory.rss_connected_kib, s.memory.connections,
                           s.memory.bytes_per_connection());
    }
    return out;
}

}  // namespace wsmqtt::load
