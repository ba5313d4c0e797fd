#pragma once
// Adds up load summaries from many processes (or machines) into one, as if one process had run
// them all: wsmqtt-sub --merge-stats. Exact where the raw counts allow it:
//  - counts, bytes, clients, connected, connect_failures, acknowledged, rejected, target_rate,
//    memory figures and sequence totals are summed; per-publisher counts are summed by
//    (run, publisher), as one process sums them over its own subscribers;
//  - duration is the longest, and the rates follow from the totals over it;
//  - the timeline is summed second by second (index 0 is each run's own first second: the runs
//    are not aligned by wall clock);
//  - latency histograms add bucket by bucket, min/max/mean come from the exact figures, so the
//    percentiles are those of one histogram that recorded every sample;
//  - transport stays when all agree, else "mixed"; qos is the highest;
//  - merged_from counts the run summaries inside (a merged summary counts as its merged_from),
//    so merged summaries merge again.
// Summaries of wsmqtt-pub and wsmqtt-sub measure different things and do not mix.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "cli/load/load_summary.hpp"

namespace wsmqtt::load {

class summary_merge {
public:
    // Adds one summary. A problem (one line, nothing added) when it cannot join the ones before:
    // another tool's summary, or a total that would pass 2^64 (2^32 for clients).
    std::optional<std::string> add(const load_summary& s);

    [[nodiscard]] bool empty() const noexcept { return total_.merged_from == 0; }
    // The merged summary (publishers in (run, publisher) order).
    [[nodiscard]] load_summary result() const;

private:
    load_summary total_;
    std::map<std::pair<std::uint32_t, std::uint32_t>, sequence_counts> publishers_;
};

}  // namespace wsmqtt::load
