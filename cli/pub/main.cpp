// wsmqtt-pub: publish MQTT messages over WebSocket, TCP or TLS, with mosquitto_pub's flags.
#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <unistd.h>
#include <vector>

#include "cli/common/connection_flags.hpp"
#include "cli/common/diagnostic.hpp"
#include "cli/common/exit_status.hpp"
#include "cli/pub/pub_app.hpp"
#include "cli/pub/pub_flags.hpp"
#include "cli/runtime/runtime_config.hpp"
#include "cli/version.hpp"

namespace {

using namespace wsmqtt::cli;

constexpr const char* program = "wsmqtt-pub";

std::optional<std::vector<std::uint8_t>> read_all(int fd, std::string& error) {
    std::vector<std::uint8_t> bytes;
    std::uint8_t buffer[64 * 1024];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n == 0) return bytes;
        if (n < 0) {
            if (errno == EINTR) continue;
            error = std::strerror(errno);
            return std::nullopt;
        }
        bytes.insert(bytes.end(), buffer, buffer + n);
    }
}

// The payloads to send, or an error line (exit 2).
std::optional<std::vector<std::vector<std::uint8_t>>> load_payloads(const pub_config& config, std::string& error) {
    std::vector<std::vector<std::uint8_t>> payloads;
    switch (config.source) {
        case payload_source::message:
            payloads.emplace_back(config.message.begin(), config.message.end());
            break;
        case payload_source::null_message: payloads.emplace_back(); break;
        case payload_source::file: {
            std::ifstream in(config.file, std::ios::binary);
            if (!in) {
                error = "-f/--file '" + config.file + "': " + std::strerror(errno);
                return std::nullopt;
            }
            payloads.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
            if (in.bad()) {
                error = "-f/--file '" + config.file + "': read error";
                return std::nullopt;
            }
            break;
        }
        case payload_source::stdin_whole: {
            auto bytes = read_all(STDIN_FILENO, error);
            if (!bytes) {
                error = "-s/--stdin-file: cannot read stdin: " + error;
                return std::nullopt;
            }
            payloads.push_back(std::move(*bytes));
            break;
        }
        case payload_source::stdin_lines:
            error = "-l/--stdin-line is not available in this build yet";
            return std::nullopt;
    }
    return payloads;
}

int run(int argc, char** argv) {
    CLI::App app{"Publish MQTT messages over WebSocket (ws://, wss://), TCP (mqtt://) or TLS (mqtts://).", program};
    connection_flags connection{app, std::string{program} + " " + wsmqtt_version};
    pub_flags pub{app};
    auto parsed = parse_connection(app, connection, argc, argv);
    switch (parsed.action) {
        case parse_action::print_help:
        case parse_action::print_version: std::fputs(parsed.text.c_str(), stdout); return 0;
        case parse_action::syntax_error: break;
        case parse_action::run: break;
    }
    std::optional<pub_config> config;
    if (parsed.action == parse_action::run && parsed.config) config = pub.finish(*parsed.config, parsed.errors);
    if (!parsed.errors.empty() || !config) {
        print_usage_errors(program, parsed.errors);
        return to_int(exit_status::usage);
    }
    std::string error;
    auto payloads = load_payloads(*config, error);
    if (!payloads) {
        print_error(program, usage_stage, error);
        return to_int(exit_status::usage);
    }
    auto session_config = make_session_config(*parsed.config);
    session_config.max_inflight = config->max_inflight;
    client_runner runner{program, *parsed.config, std::move(session_config), std::string{"wsmqtt/"} + wsmqtt_version};
    runner.set_quiet(config->quiet);
    pub_app publisher{*config, std::move(*payloads)};
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
