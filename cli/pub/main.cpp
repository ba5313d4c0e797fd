// wsmqtt-pub: publish MQTT messages over WebSocket, TCP or TLS, with mosquitto_pub's flags.
#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <unistd.h>
#include <vector>

#include "cli/common/argv_scrub.hpp"
#include "cli/common/connection_flags.hpp"
#include "cli/common/diagnostic.hpp"
#include "cli/common/exit_status.hpp"
#include "cli/common/read_all.hpp"
#include "cli/load/load_flags.hpp"
#include "cli/pub/load_mode.hpp"
#include "cli/pub/pub_app.hpp"
#include "cli/pub/pub_flags.hpp"
#include "cli/runtime/runtime_config.hpp"
#include "cli/version.hpp"

namespace {

using namespace wsmqtt::cli;

constexpr const char* program = "wsmqtt-pub";

// The largest payload an MQTT packet can carry (its remaining length, less the topic's length).
constexpr std::size_t max_payload = 268'435'455;

// The one message of -m, -f, -s and -n (nothing for -l/-0, which read stdin while connected), or
// an error line (exit 2).
std::optional<bytes> load_payload(const pub_config& config, std::string& error) {
    switch (config.source) {
    case payload_source::message: return bytes(config.message.begin(), config.message.end());
    case payload_source::null_message:
    case payload_source::stdin_records: return bytes{};
    case payload_source::file: {
        std::ifstream in(config.file, std::ios::binary);
        if (!in) {
            error = "-f/--file '" + config.file + "': " + std::strerror(errno);
            return std::nullopt;
        }
        bytes payload{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        if (in.bad()) {
            error = "-f/--file '" + config.file + "': read error";
            return std::nullopt;
        }
        return payload;
    }
    case payload_source::stdin_whole: {
        bytes payload;
        if (!read_all(STDIN_FILENO, payload, max_payload, error)) {
            error = "-s/--stdin-file: cannot read stdin: " + error;
            return std::nullopt;
        }
        return payload;
    }
    }
    return std::nullopt;
}

// CLI11 keeps pointers into the flag objects, so each parse gets its own set.
struct command_line {
    CLI::App app{"Publish MQTT messages over WebSocket (ws://, wss://), TCP (mqtt://) or TLS (mqtts://).", program};
    connection_flags connection{app, std::string{program} + " " + wsmqtt_version};
    pub_flags pub{app};
    wsmqtt::load::load_flags load{app, wsmqtt::load::load_role::pub};
    parsed_connection parsed;
    std::optional<pub_config> config;
    std::optional<wsmqtt::load::load_config> load_config;  // set in load mode
};

std::unique_ptr<command_line> parse(const std::vector<std::string>& args) {
    auto cl = std::make_unique<command_line>();
    cl->parsed = parse_connection(cl->app, cl->connection, args);
    if (cl->parsed.action == parse_action::run && cl->parsed.config) {
        const bool version_given = cl->connection.raw().protocol_version.has_value();
        cl->pub.allow_missing_payload(cl->load.size_given());
        cl->config = cl->pub.finish(*cl->parsed.config, version_given, cl->parsed.errors);
        if (cl->load.active()) {
            cl->load_config = cl->load.finish(cl->parsed.errors);
            if (cl->config && cl->load_config) {
                check_pub_load(*cl->config, *cl->load_config, cl->load.size_given(), cl->parsed.errors);
            }
        }
    }
    return cl;
}


int run(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    scrub_secret_arguments(argc, argv);  // copied: take -P out of the process list
    auto cl = parse(args);
    // Like mosquitto_pub, a property flag makes the client speak MQTT 5 unless -V says otherwise:
    // parse again with -V 5 so that every version-dependent default (client id, -c's session
    // expiry) is the MQTT 5 one.
    if (cl->parsed.action == parse_action::run && cl->pub.wants_mqtt5() &&
        !cl->connection.raw().protocol_version) {
        args.emplace_back("-V");
        args.emplace_back("5");
        cl = parse(args);
    }
    switch (cl->parsed.action) {
    case parse_action::print_help:
    case parse_action::print_version: std::fputs(cl->parsed.text.c_str(), stdout); return 0;
    case parse_action::syntax_error: break;
    case parse_action::run: break;
    }
    if (!cl->parsed.errors.empty() || !cl->config) {
        print_usage_errors(program, cl->parsed.errors);
        return to_int(exit_status::usage);
    }
    const auto& connection = *cl->parsed.config;
    auto config = std::move(*cl->config);
    std::string error;
    auto payload = load_payload(config, error);
    if (!payload) {
        print_error(program, usage_stage, error);
        return to_int(exit_status::usage);
    }

    auto session_config = make_session_config(connection);
    session_config.max_inflight = config.max_inflight;
    session_config.ack_timeout = config.ack_timeout;
    session_config.reconnect = config.reconnect;
    session_config.auto_topic_alias = config.topic_alias == topic_alias_mode::automatic;
    if (config.props.any) {
        session_config.connect_props = with_connect_flags(config.props.connect, session_config.connect_props);
        if (session_config.will) session_config.will->props = config.props.will;
    }

    if (cl->load_config) {
        return run_pub_load(program, connection, std::move(config), std::move(*payload), std::move(session_config),
                            std::move(*cl->load_config));
    }
    client_runner runner{program, connection, std::move(session_config), std::string{"wsmqtt/"} + wsmqtt_version};
    runner.set_quiet(config.quiet);
    runner.set_disconnect_properties(config.props.disconnect);
    for (const auto& note : config.props.notes) runner.warn(note);
    pub_app publisher{std::move(config), std::move(*payload)};
    return runner.run(publisher);
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
