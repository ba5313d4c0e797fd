#include "cli/common/connection_flags.hpp"
#include "cli/common/option_helpers.hpp"

#include <algorithm>
#include <cstdlib>

#include "cli/common/build_info.hpp"
#include "cli/common/completion_script.hpp"
#include "cli/common/options_file.hpp"
#include "cli/common/resolve.hpp"

namespace wsmqtt::cli {
namespace {

constexpr const char* group_connection = "Connection";
constexpr const char* group_session = "MQTT session";
constexpr const char* group_will = "Will";
constexpr const char* group_tls = "TLS";
constexpr const char* group_websocket = "WebSocket";
constexpr const char* group_reconnect = "Reconnect";
constexpr const char* group_files = "Options files";

CLI::Option* flag(CLI::App& app, const std::string& names, bool& target, const std::string& help,
                  const char* group) {
    return app.add_flag(names, target, help)->group(group);
}

}  // namespace

connection_flags::connection_flags(CLI::App& app, std::string version_text) {
    app.set_help_flag("--help", "Print this help and exit");
    app.set_version_flag("--version", std::move(version_text) + "\n" + build_description(),
                         "Print the version, the git revision and the library versions, and exit");
    auto& r = raw_;

    add_value(app, "-L,--url", r.url, "URL",
          "Broker as scheme://[user[:password]@]host[:port][/path][?query]; schemes mqtt, mqtts, ws, wss. "
          "Default ports 1883, 8883, 80, 443; ws(s) path default /mqtt; an mqtt(s) path is the topic. "
          "Without -L: ws://localhost:8083/mqtt",
          group_connection);
    add_value(app, "-h,--host", r.host, "HOST", "Broker host (default localhost); not with -L", group_connection);
    add_value(app, "-p,--port", r.port, "PORT",
          "Broker port (default 8083; with --protocol 1883, 8883, 8083 or 8084); not with -L",
          group_connection);
    add_value(app, "--protocol", r.protocol, "mqtt|mqtts|ws|wss",
          "Transport when -L is not used (default ws; mqtt for -p 1883, mqtts for -p 8883)",
          group_connection);
    add_value(app, "--connect-timeout", r.connect_timeout, "SECONDS",
          "Give up connecting after this long (default 10; fractions allowed)", group_connection);
    add_value(app, "--wait-broker", r.wait_broker, "SECONDS",
          "Retry the first connection (refused, reset, not resolvable yet, HTTP 502/503/504 at the upgrade) "
          "until the broker answers or SECONDS have passed; for CI jobs that start broker and check together",
          group_connection);
    add_value(app, "--max-packet-size", r.max_packet_size, "BYTES",
          "Largest packet accepted from the broker (default 268435460, the protocol's limit); "
          "MQTT 5 also tells the broker", group_connection);
    flag(app, "-d,--debug", r.debug, "Print the resolved connection and packets on stderr", group_connection);

    add_value(app, "-V,--protocol-version", r.protocol_version, "5|311|31",
          "MQTT version: 5, 311 or 31 (also mqttv5, mqttv311, mqttv31; default 311)", group_session);
    add_value(app, "-i,--id", r.id, "ID",
          "Client id (default: MQTT 5 lets the broker assign one; 3.1.1 and 3.1 use wsmqtt- and 12 random "
          "characters)",
          group_session);
    add_value(app, "-I,--id-prefix", r.id_prefix, "PREFIX",
          "Client id = PREFIX and 12 random characters; not with -i", group_session);
    add_value(app, "-u,--username", r.username, "USER", "User name", group_session);
    add_value(app, "-P,--pw", r.password, "PASSWORD",
          "Password (visible to other users in the process list: prefer --pw-file or WSMQTT_PASSWORD)",
          group_session);
    add_value(app, "--pw-file", r.pw_file, "FILE",
          "Read the password from the first line of FILE (used when -P is not given; WSMQTT_PASSWORD comes "
          "last)",
          group_session);
    add_value(app, "-k,--keepalive", r.keepalive, "SECONDS",
          "Keepalive interval, 0 (off) or 5..65535 (default 60)", group_session);
    flag(app, "-c,--disable-clean-session", r.disable_clean_session,
         "Keep the session after disconnecting (needs -i; MQTT 5: clean start 0, session never expires "
         "unless -x)",
         group_session);
    add_value(app, "-x,--session-expiry-interval", r.session_expiry, "SECONDS",
          "MQTT 5 session expiry: seconds, or -1, never or \xE2\x88\x9E (default 0, or never with -c); "
          "implies -V 5",
          group_session);

    add_value(app, "--will-topic", r.will_topic, "TOPIC",
          "Topic of the message the broker publishes if we vanish", group_will);
    add_value(app, "--will-payload", r.will_payload, "TEXT", "Payload of the will message (default empty)",
          group_will);
    add_value(app, "--will-qos", r.will_qos, "0|1|2", "QoS of the will message (default 0)", group_will);
    flag(app, "--will-retain", r.will_retain, "Retain the will message", group_will);

    add_value(app, "--cafile", r.cafile, "FILE",
          "Trust the CA certificates in FILE (PEM) instead of the system store", group_tls);
    add_value(app, "--capath", r.capath, "DIR", "Trust the CA certificates in DIR (OpenSSL hashed directory)",
          group_tls);
    add_value(app, "--cert", r.cert, "FILE", "Client certificate (PEM); needs --key", group_tls);
    add_value(app, "--key", r.key, "FILE", "Private key of --cert (PEM); needs --cert", group_tls);
    add_value(app, "--key-password", r.key_password, "PASSWORD", "Password of an encrypted --key", group_tls);
    flag(app, "--insecure", r.insecure, "Do not verify the broker's certificate or host name (testing only)",
         group_tls);
    flag(app, "--tls-use-os-certs", r.use_os_certs,
         "Also trust the system store when --cafile/--capath is given", group_tls);
    add_value(app, "--tls-version", r.tls_version, "tlsv1.2|tlsv1.3",
          "Lowest TLS version to offer (default tlsv1.2)", group_tls);
    add_repeated(app, "--alpn,--tls-alpn", r.alpn, "PROTOCOL", "ALPN protocol to offer (repeatable)", group_tls);
    add_value(app, "--sni", r.sni, "NAME", "Server name to send and verify instead of the host", group_tls);
    add_value(app, "--ciphers", r.ciphers, "LIST", "OpenSSL cipher list for TLS 1.2", group_tls);

    add_value(app, "--ws-path", r.ws_path, "PATH", "WebSocket request path when -L is not used (default /mqtt)",
          group_websocket);
    add_repeated(app, "--ws-header", r.ws_headers, "'NAME: VALUE'",
             "Extra HTTP header on the upgrade (repeatable)", group_websocket);
    add_repeated(app, "--ws-subprotocol", r.ws_subprotocols, "NAME",
             "Sub-protocol to offer instead of mqtt (mqttv3.1 for -V 31); repeatable; 'none' offers none",
             group_websocket);
    add_value(app, "--proxy", r.proxy, "URL", "HTTP proxy as http://[user:password@]host:port (CONNECT)",
          group_websocket);

    add_value(app, "--reconnect-delay", r.reconnect_delay, "SECONDS",
          "First wait before reconnecting after a lost connection, doubled per attempt (default 1)",
          group_reconnect);
    add_value(app, "--reconnect-max", r.reconnect_max, "SECONDS", "Longest wait between reconnect attempts (default 30)",
          group_reconnect);
    add_value(app, "--reconnect-attempts", r.reconnect_attempts, "N",
          "Give up (exit 9) after N failed reconnect attempts in a row (default: never)", group_reconnect);
    flag(app, "--no-reconnect", r.no_reconnect, "Exit 9 when the connection is lost instead of reconnecting",
         group_reconnect);

    // Acted on before CLI11 parses argv (parse_connection); registered so that --help lists them
    // and CLI11 accepts them.
    add_repeated(app, "--options-file", r.options_files, "FILE",
             "Read default options from FILE instead of $XDG_CONFIG_HOME/wsmqtt/" +
                 options_tool_name(app.get_name()).value_or("TOOL") + " (repeatable)",
             group_files);
    flag(app, "--no-options-file", r.no_options_file, "Do not read the default options file", group_files);

    // Hidden: for the drift tests and the committed completions (an empty group hides an option).
    app.add_flag("--list-options", r.list_options, "Print every option name, one per line")->group("");
    app.add_option("--completion", r.completion, "Print the completion script for bash, zsh or fish")
        ->check(CLI::IsMember({"bash", "zsh", "fish"}))
        ->group("");
}

std::optional<connection_config> connection_flags::finish(std::vector<std::string>& errors) const {
    const auto before = errors.size();
    connection_config config;
    config.debug = raw_.debug;

    detail::resolve_version(raw_, config, errors);
    const auto kind = detail::resolve_broker(raw_, config, errors);
    detail::resolve_credentials(raw_, config, errors);
    detail::resolve_session(raw_, config, errors);
    detail::resolve_will(raw_, config, errors);
    detail::resolve_tls(raw_, kind, config, errors);
    detail::resolve_websocket(raw_, kind, config, errors);
    detail::resolve_waiting(raw_, config, errors);

    if (errors.size() != before) return std::nullopt;
    return config;
}

namespace {

// argv for CLI11: the program name, then words.
std::vector<const char*> as_argv(const std::string& program, const std::vector<std::string>& words) {
    std::vector<const char*> argv;
    argv.reserve(words.size() + 1);
    argv.push_back(program.c_str());
    for (const auto& w : words) argv.push_back(w.c_str());
    return argv;
}

// The arguments of the options files argv asks for (see the header). Each line is parsed on its
// own first, so that CLI11's complaint (unknown option, missing value, extra value) names the file
// and the line; the whole command line is parsed again afterwards, which sets every value anew.
std::vector<std::string> options_file_arguments(CLI::App& app, const std::vector<std::string>& args,
                                                std::vector<std::string>& errors) {
    for (const auto& a : args) {
        // Help, version and the generated texts never depend on (or fail because of) a file.
        if (a == "--help" || a == "--version" || a == "--list-options" || a == "--completion" ||
            a.starts_with("--completion="))
            return {};
    }
    const auto choice = scan_options_file_flags(args);
    std::vector<options_line> lines;
    for (const auto& file : choice.files) {
        auto more = read_options_file(file, true, errors);
        lines.insert(lines.end(), more.begin(), more.end());
    }
    if (!choice.no_default) {
        if (auto tool = options_tool_name(app.get_name())) {
            if (auto path = default_options_file(*tool, std::getenv("XDG_CONFIG_HOME"), std::getenv("HOME"))) {
                lines = read_options_file(*path, false, errors);
            }
        }
    }
    std::vector<std::string> out;
    const std::string program = app.get_name();
    for (const auto& line : lines) {
        auto argv = as_argv(program, line.words);
        try {
            app.parse(static_cast<int>(argv.size()), argv.data());
        } catch (const CLI::ParseError& e) {
            errors.push_back(line.file + ":" + std::to_string(line.number) + ": " + e.what());
            continue;
        }
        out.insert(out.end(), line.words.begin(), line.words.end());
    }
    return out;
}

std::string option_listing(const CLI::App& app) {
    std::string out;
    for (const auto* opt : app.get_options()) {
        if (opt->get_group().empty()) continue;
        for (const auto& s : opt->get_snames()) out += "-" + s + "\n";
        for (const auto& l : opt->get_lnames()) out += "--" + l + "\n";
    }
    return out;
}

}  // namespace

parsed_connection parse_connection(CLI::App& app, const connection_flags& flags, int argc,
                                   const char* const* argv) {
    parsed_connection out;
    std::vector<std::string> args;
    for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
    auto words = options_file_arguments(app, args, out.errors);
    if (!out.errors.empty()) {
        out.action = parse_action::syntax_error;
        return out;
    }
    words.insert(words.end(), args.begin(), args.end());
    const std::string program = argc > 0 && argv[0] != nullptr ? std::string{argv[0]} : app.get_name();
    const auto full = as_argv(program, words);
    try {
        app.parse(static_cast<int>(full.size()), full.data());
    } catch (const CLI::CallForHelp&) {
        out.action = parse_action::print_help;
        out.text = app.help();
        return out;
    } catch (const CLI::CallForAllHelp&) {
        out.action = parse_action::print_help;
        out.text = app.help("", CLI::AppFormatMode::All);
        return out;
    } catch (const CLI::CallForVersion& e) {
        out.action = parse_action::print_version;
        out.text = e.what();
        out.text += '\n';
        return out;
    } catch (const CLI::ParseError& e) {
        out.action = parse_action::syntax_error;
        out.errors.emplace_back(std::string(e.what()) + " (see --help)");
        return out;
    }
    if (flags.raw().list_options) {
        out.action = parse_action::print_help;
        out.text = option_listing(app);
        return out;
    }
    if (flags.raw().completion) {
        out.action = parse_action::print_help;
        out.text = completion_script(app, *flags.raw().completion);
        return out;
    }
    out.config = flags.finish(out.errors);
    return out;
}

parsed_connection parse_connection(CLI::App& app, const connection_flags& flags,
                                   std::vector<std::string> args) {
    std::vector<const char*> argv;
    argv.reserve(args.size() + 1);
    argv.push_back(app.get_name().empty() ? "wsmqtt" : app.get_name().c_str());
    for (const auto& a : args) argv.push_back(a.c_str());
    return parse_connection(app, flags, static_cast<int>(argv.size()), argv.data());
}

}  // namespace wsmqtt::cli
