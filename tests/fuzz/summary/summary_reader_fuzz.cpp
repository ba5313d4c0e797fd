// Fuzz target for the reader of --stats-format json summaries (wsmqtt-sub --merge-stats) and
// the merge behind it. The input is the text of a summary file.
//
// Checks (abort on failure, so libFuzzer reports them):
//  - an error is one non-empty line, and no summaries come with it;
//  - what was read writes back (to_json) into JSON that reads again to the same figures: the
//    reader accepts every summary it can produce;
//  - the summaries merge with each other (the same tool by construction) or give a one-line
//    problem, and the merged histogram's percentiles stay within its min and max.
//
// Seed corpus (corpus/): summaries of real runs of both binaries against the test broker, merges
// of them, two summaries in one file, and a few broken ones (truncated, another bucket layout, a
// log line, mixed tools). Written by hand from such runs; none is generated at build time.
#include <boost/json/serialize.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "cli/load/summary_merge.hpp"
#include "cli/load/summary_reader.hpp"

namespace {

using namespace wsmqtt::load;

void require(bool condition, const char* what) {
    if (condition) return;
    std::fprintf(stderr, "summary_reader_fuzz: %s\n", what);
    std::abort();
}

void check_line(const std::string& message) {
    require(!message.empty(), "empty error");
    require(message.find('\n') == std::string::npos && message.find('\r') == std::string::npos,
            "error of more than one line");
}

void check_histogram(const latency_histogram& h) {
    if (h.count() == 0) return;
    for (double q : {0.5, 0.9, 0.99, 0.999, 1.0}) {
        const auto v = h.value_at(q);
        require(v >= h.min() && v <= h.max(), "percentile outside [min, max]");
    }
    // Up to rounding: the mean of a read summary is a double, times a count, over a count.
    const double slack = 1e-9 * static_cast<double>(h.max()) + 1.0;
    require(
        h.mean() >= static_cast<double>(h.min()) - slack && h.mean() <= static_cast<double>(h.max()) + slack,
        "mean outside [min, max]");
}

void check_round_trip(const load_summary& s) {
    const auto again = read_summaries(boost::json::serialize(to_json(s)));
    require(!again.error, "the JSON of a summary that was read does not read back");
    require(again.summaries.size() == 1, "one summary written, not one read");
    const auto& t = again.summaries.front();
    require(t.tool == s.tool && t.transport == s.transport && t.qos == s.qos, "tool/transport/qos changed");
    require(t.messages == s.messages && t.bytes == s.bytes && t.clients == s.clients, "counts changed");
    require(t.latency.count() == s.latency.count() && t.latency.min() == s.latency.min() &&
                t.latency.max() == s.latency.max() && t.latency.value_at(0.99) == s.latency.value_at(0.99),
            "latency changed");
    require(t.publishers.size() == s.publishers.size(), "publishers changed");
    require(t.timeline.seconds().size() == s.timeline.seconds().size(), "timeline changed");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text{reinterpret_cast<const char*>(data), size};
    const auto read = read_summaries(text);
    if (read.error) {
        check_line(*read.error);
        require(read.summaries.empty(), "summaries along with an error");
        return 0;
    }
    require(!read.summaries.empty(), "no error and no summary");
    summary_merge merge;
    for (const auto& s : read.summaries) {
        check_histogram(s.latency);
        check_histogram(s.connect_latency);
        check_round_trip(s);
        if (auto problem = merge.add(s)) check_line(*problem);
    }
    if (!merge.empty()) {
        const auto m = merge.result();
        check_histogram(m.latency);
        check_histogram(m.connect_latency);
        check_round_trip(m);
    }
    return 0;
}
