#pragma once
// wsmqtt-sub's hook into load mode (cli/load): the run with --clients/--stats/--report, and
// --merge-stats.
#include "cli/common/connection_config.hpp"
#include "cli/load/load_flags.hpp"
#include "cli/sub/sub_flags.hpp"
#include "core/session/session_config.hpp"

namespace wsmqtt::cli {

// Runs the load; returns the exit status. Messages are counted, not printed.
int run_sub_load(const char* program, const connection_config& connection, sub_config sub,
                 session::session_config session_config, load::load_config load);

// --merge-stats: reads every file's summaries, merges them and prints the result (and writes
// --report). Exit 0; 2 with one line `<program>: merge-stats: FILE: what` when a file cannot be
// read or merged (nothing on stdout then); 1 when the report cannot be written.
int run_merge_stats(const char* program, const load::merge_config& merge);

}  // namespace wsmqtt::cli
