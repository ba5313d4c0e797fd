#include "cli/load/summary_merge.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

namespace wsmqtt::load {
namespace {

// Sums that notice overflow: a summary is untrusted input, and a wrapped total would be a
// plausible-looking wrong number.
class checked_sum {
  public:
    template <typename T>
    void add(T& into, T value) noexcept {
        if (value > std::numeric_limits<T>::max() - into) {
            overflow_ = true;
        } else {
            into = static_cast<T>(into + value);
        }
    }
    void add(sequence_counts& into, const sequence_counts& value) noexcept {
        add(into.received, value.received);
        add(into.unique, value.unique);
        add(into.duplicates, value.duplicates);
        add(into.reordered, value.reordered);
        add(into.lost, value.lost);
        into.highest = std::max(into.highest, value.highest);
    }
    void add(latency_histogram& into, const latency_histogram& value) {
        // Every bucket is at most the count, so a count that fits means every bucket fits.
        if (value.count() > std::numeric_limits<std::uint64_t>::max() - into.count()) {
            overflow_ = true;
        } else {
            into.merge(value);
        }
    }
    [[nodiscard]] bool overflow() const noexcept { return overflow_; }

  private:
    bool overflow_ = false;
};

}  // namespace

std::optional<std::string> summary_merge::add(const load_summary& s) {
    if (!empty() && s.tool != total_.tool) {
        return fmt::format("a {} summary cannot be merged with {} ones", s.tool, total_.tool);
    }
    load_summary t = empty() ? load_summary{} : total_;
    auto publishers = publishers_;
    checked_sum sum;
    if (empty()) {
        t.tool = s.tool;
        t.transport = s.transport;
        t.qos = s.qos;
    } else {
        if (t.transport != s.transport) t.transport = "mixed";
        t.qos = std::max(t.qos, s.qos);
    }
    sum.add(t.clients, s.clients);
    sum.add(t.connected, s.connected);
    sum.add(t.connect_failures, s.connect_failures);
    t.duration_s = std::max(t.duration_s, s.duration_s);
    sum.add(t.messages, s.messages);
    sum.add(t.bytes, s.bytes);
    if (s.target_rate) t.target_rate = t.target_rate.value_or(0.0) + *s.target_rate;
    sum.add(t.acknowledged, s.acknowledged);
    sum.add(t.rejected, s.rejected);
    const auto& theirs = s.timeline.seconds();
    for (std::size_t i = 0; i < theirs.size(); ++i) {
        const auto& ours = t.timeline.seconds();
        auto messages = i < ours.size() ? ours[i].messages : 0;  // copies, only to check the sums
        auto bytes = i < ours.size() ? ours[i].bytes : 0;
        sum.add(messages, theirs[i].messages);
        sum.add(bytes, theirs[i].bytes);
        t.timeline.add_to(i, theirs[i].messages, theirs[i].bytes);
    }
    sum.add(t.latency, s.latency);
    sum.add(t.connect_latency, s.connect_latency);
    t.stamped = t.stamped || s.stamped;
    sum.add(t.unstamped, s.unstamped);
    sum.add(t.sequences, s.sequences);
    for (const auto& p : s.publishers) sum.add(publishers[{p.run, p.publisher}], p.counts);
    sum.add(t.memory.rss_before_kib, s.memory.rss_before_kib);
    // A summary without the first connection's figure counts all its connections from "before".
    sum.add(t.memory.rss_first_kib, s.memory.first_connections > 0 ? s.memory.rss_first_kib : s.memory.rss_before_kib);
    sum.add(t.memory.rss_connected_kib, s.memory.rss_connected_kib);
    sum.add(t.memory.connections, s.memory.connections);
    sum.add(t.memory.first_connections, s.memory.first_connections);
    sum.add(t.merged_from, std::max<std::uint64_t>(s.merged_from, 1));
    if (sum.overflow()) return std::string{"the totals would pass 2^64 (2^32 for client counts)"};
    total_ = std::move(t);
    publishers_ = std::move(publishers);
    return std::nullopt;
}

load_summary summary_merge::result() const {
    load_summary out = total_;
    out.publishers.clear();
    for (const auto& [key, counts] : publishers_) out.publishers.push_back({key.first, key.second, counts});
    return out;
}

}  // namespace wsmqtt::load
