#pragma once
// Reads back the JSON summaries that --stats-format json prints (load_summary.hpp, to_json),
// for wsmqtt-sub --merge-stats. A text holds one summary or several one after another (one per
// line, as `kubectl logs` of many pods gives them). Strict, because a merge that silently
// skipped a field would print totals that look right and are not: every documented field must
// be there with its type, histograms must be self-consistent (bucket counts add up to count,
// min and max lie in the first and last non-empty bucket) and use this build's bucket layout.
// Fields that are derived (rates, percentiles, bytes_per_connection) are not read: they are
// recomputed from the raw counts.
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/load/load_summary.hpp"

namespace wsmqtt::load {

struct summary_read_result {
    std::vector<load_summary> summaries;  // in the order of the text; empty when error is set
    std::optional<std::string> error;     // one line, e.g. "not JSON: syntax error at line 1, column 7"
};

// Parses and reads every summary in `text`. An empty text (only whitespace) is an error.
summary_read_result read_summaries(std::string_view text);

// Reads one parsed JSON value; the error (one line) when it is not a wsmqtt summary.
std::optional<std::string> read_summary(const boost::json::value& value, load_summary& out);

}  // namespace wsmqtt::load
