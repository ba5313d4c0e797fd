#pragma once
// The two ways a load summary leaves the process, the same for a run's end and for
// --merge-stats: the printed summary (--stats, --stats-format) and the HTML file (--report).
#include <string>

#include "cli/load/load_flags.hpp"
#include "cli/load/load_summary.hpp"

namespace wsmqtt::load {

// One JSON object and a newline, or the human summary lines.
std::string printed_summary(const load_summary& s, stats_format format);

// Writes to_html(s) to `path`, replacing it; false when it cannot be written.
bool write_report(const load_summary& s, const std::string& path);

}  // namespace wsmqtt::load
