#pragma once
// wsmqtt-pub's hook into load mode (cli/load): the checks that involve both pub's own flags
// and the load flags, and the run itself.
#include <cstdint>
#include <string>
#include <vector>

#include "cli/common/connection_config.hpp"
#include "cli/load/load_flags.hpp"
#include "cli/pub/pub_flags.hpp"
#include "core/session/session_config.hpp"

namespace wsmqtt::cli {

// Appends one line per combination load mode cannot honour (-l, --repeat, --size with -m...).
void check_pub_load(const pub_config& pub, const load::load_config& load, bool size_given,
                    std::vector<std::string>& errors);

// Runs the load; returns the exit status. `payload` is the -f/-s/-n message (unused with -m or --size).
int run_pub_load(const char* program, const connection_config& connection, pub_config pub, std::vector<std::uint8_t> payload,
                 session::session_config session_config, load::load_config load);

}  // namespace wsmqtt::cli
