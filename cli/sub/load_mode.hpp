#pragma once
// wsmqtt-sub's hook into load mode (cli/load): the run with --clients/--stats/--report.
#include "cli/common/connection_config.hpp"
#include "cli/load/load_flags.hpp"
#include "cli/sub/sub_flags.hpp"
#include "core/session/session_config.hpp"

namespace wsmqtt::cli {

// Runs the load; returns the exit status. Messages are counted, not printed.
int run_sub_load(const char* program, const connection_config& connection, sub_config sub,
                 session::session_config session_config, load::load_config load);

}  // namespace wsmqtt::cli
