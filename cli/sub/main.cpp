// wsmqtt-sub: subscribe to MQTT topics over WebSocket, TCP or TLS and print the messages, with
// mosquitto_sub's flags and output formats.
//
// Exit status (notes/contracts.md): 0 done (-C reached, -E, --retained-only, SIGINT/SIGTERM, stdout
// closed by its reader), 1 internal error or stdout cannot be written (e.g. ENOSPC on /dev/full),
// 2 usage, 3-6 connecting, 8 every subscription denied, 9 connection lost with --no-reconnect,
// 10 -W timed out, 130 interrupted before the broker accepted us. --merge-stats: 0, 2 for a file that
// is not a summary or does not merge, 1 when the output cannot be written.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>
#include <unistd.h>

#include "cli/common/argv_scrub.hpp"
#include "cli/common/connection_flags.hpp"
#include "cli/common/diagnostic.hpp"
#include "cli/common/exit_status.hpp"
#include "cli/load/load_flags.hpp"
#include "cli/sub/load_mode.hpp"
#include "cli/runtime/runtime_config.hpp"
#include "cli/sub/stdout_writer.hpp"
#include "cli/sub/sub_app.hpp"
#include "cli/sub/sub_flags.hpp"
#include "cli/version.hpp"

namespace {

using namespace wsmqtt;
using namespace wsmqtt::cli;

constexpr const char* program = "wsmqtt-sub";

bool colour_wanted(const sub_config& config) {
    if (!config.colour_allowed || config.output.mode != output::output_mode::verbose) return false;
    const char* no_colour = std::getenv("NO_COLOR");
    if (no_colour != nullptr && *no_colour != '\0') return false;
    return ::isatty(STDOUT_FILENO) == 1;
}

session::session_config make_sub_session_config(const connection_config& connection, const sub_config& config) {
    auto s = make_session_config(connection);
    codec::properties props = with_connect_flags(config.connect_props, s.connect_props);
    // As mosquitto_sub: with -C N the broker may have at most N unacknowledged QoS 1/2 messages
    // out to us, so it does not push more than we will print.
    if (config.count && !props.receive_maximum) {
        props.receive_maximum = static_cast<std::uint16_t>(std::min<std::uint32_t>(*config.count, 65'535));
    }
    s.connect_props = std::move(props);
    s.reconnect.enabled = config.reconnect;
    s.reconnect.initial_delay = config.reconnect_delay;
    s.reconnect.max_delay = config.reconnect_max;
    return s;
}

int run(int argc, char** argv) {
    CLI::App app{"Subscribe to MQTT topics over WebSocket (ws://, wss://), TCP (mqtt://) or TLS (mqtts://) "
                 "and print the messages.",
                 program};
    connection_flags connection{app, std::string{program} + " " + wsmqtt_version};
    sub_flags sub{app};
    load::load_flags load{app, load::load_role::sub};
    auto parsed = parse_connection(app, connection, argc, argv);
    scrub_secret_arguments(argc, argv);  // parsed (copied): take -P out of the process list
    switch (parsed.action) {
        case parse_action::print_help:
        case parse_action::print_version: std::fputs(parsed.text.c_str(), stdout); return 0;
        case parse_action::syntax_error: break;
        case parse_action::run: break;
    }
    if (parsed.action == parse_action::run && load.merge_requested()) {
        // No connection: the connection, subscription and run flags do not apply and are not
        // checked, so the -L or -t of a default options file does not get in the way.
        std::vector<std::string> errors;
        const auto merge = load.finish_merge(errors);
        if (!merge) {
            print_usage_errors(program, errors);
            return to_int(exit_status::usage);
        }
        return run_merge_stats(program, *merge);
    }
    std::optional<sub_config> config;
    if (parsed.action == parse_action::run && parsed.config) config = sub.finish(*parsed.config, parsed.errors);
    std::optional<load::load_config> load_config;
    if (parsed.action == parse_action::run && load.active()) load_config = load.finish(parsed.errors);
    if (!parsed.errors.empty() || !config) {
        print_usage_errors(program, parsed.errors);
        return to_int(exit_status::usage);
    }
    if (load_config) {
        return run_sub_load(program, *parsed.config, *config, make_sub_session_config(*parsed.config, *config),
                            std::move(*load_config));
    }
    config->output.colour = colour_wanted(*config);
    auto formatter = output::formatter::create(config->output);
    if (!formatter) {
        print_error(program, usage_stage, "-F: " + formatter.error().message);
        return to_int(exit_status::usage);
    }

    client_runner runner{program, *parsed.config, make_sub_session_config(*parsed.config, *config),
                         std::string{"wsmqtt/"} + wsmqtt_version};
    runner.set_quiet(config->quiet);
    stdout_writer out{STDOUT_FILENO};
    sub_app subscriber{std::move(*config), std::move(*formatter), out};
    const int status = runner.run(subscriber);
    out.flush();
    return status;
}

}  // namespace

int main(int argc, char** argv) noexcept {
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {
        print_error(program, "internal", e.what());
    } catch (...) {
        print_error(program, "internal", "unknown error");
    }
    return to_int(exit_status::internal);
}
