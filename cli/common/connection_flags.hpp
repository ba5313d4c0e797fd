#pragma once

// The connection flags both binaries share, registered in one place.
//
// Usage in a main (pub and sub add their own flags on the same app):
//
//   CLI::App app{"Publish one MQTT message", "wsmqtt-pub"};
//   wsmqtt::cli::connection_flags connection{app, "wsmqtt-pub 0.1.0"};  // first: it frees -h
//   pub_flags pub{app};                                                   // -t, -m, -q, ...
//   auto parsed = wsmqtt::cli::parse_connection(app, connection, argc, argv);
//   switch (parsed.action) {
//     case parse_action::print_help:
//     case parse_action::print_version: std::fputs(parsed.text.c_str(), stdout); return 0;
//     case parse_action::syntax_error: break;            // CLI11 refused argv; skip own checks
//     case parse_action::run: pub.validate(parsed.errors); break;   // add pub's errors
//   }
//   if (!parsed.errors.empty()) { print_usage_errors("wsmqtt-pub", parsed.errors); return 2; }
//   run(*parsed.config, ...);
//
// Validation reports every problem at once: parsed.errors has one line per problem.

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/common/connection_config.hpp"

namespace wsmqtt::cli {

// The raw flag values as CLI11 stores them; validated and resolved by finish().
struct raw_connection_flags {
    // Connection
    std::optional<std::string> url, host, port, protocol, connect_timeout, wait_broker, max_packet_size;
    bool debug = false;
    // MQTT session
    std::optional<std::string> id, id_prefix, keepalive, username, password, pw_file, protocol_version,
        session_expiry;
    bool disable_clean_session = false;
    // Will
    std::optional<std::string> will_topic, will_payload, will_qos;
    bool will_retain = false;
    // TLS
    std::optional<std::string> cafile, capath, cert, key, key_password, tls_version, sni, ciphers;
    std::vector<std::string> alpn;
    bool insecure = false;
    bool use_os_certs = false;
    // WebSocket
    std::optional<std::string> ws_path, proxy;
    std::vector<std::string> ws_headers, ws_subprotocols;
    // Reconnect
    std::optional<std::string> reconnect_delay, reconnect_max, reconnect_attempts;
    bool no_reconnect = false;
    // Options files (acted on before parsing, see parse_connection) and the hidden modes
    std::vector<std::string> options_files;
    bool no_options_file = false;
    bool list_options = false;
    std::optional<std::string> completion;
};

// Registers the connection flags on app and keeps their values; CLI11 holds pointers into
// this object, so it must outlive app's parsing (and is neither copied nor moved).
class connection_flags {
  public:
    // Replaces CLI11's "-h,--help" with a long-only --help (-h is the host, as mosquitto) and
    // adds a long-only --version printing version_text (-V is the protocol version). Call it
    // before adding any other flag. Option groups in --help: "Connection", "MQTT session",
    // "Will", "TLS", "WebSocket", "Reconnect", "Options files". version_text gets the build line
    // (git revision, Boost, OpenSSL and fmt versions) appended. Hidden: --list-options (every
    // option name, one per line, for the man-page drift test) and --completion bash|zsh|fish.
    connection_flags(CLI::App& app, std::string version_text);
    connection_flags(const connection_flags&) = delete;
    connection_flags& operator=(const connection_flags&) = delete;

    // After app has parsed argv: checks everything and resolves defaults. Appends one line
    // per problem to errors; returns the config only if it added none. Reads the environment
    // (WSMQTT_PASSWORD) and the files named by --pw-file, and draws a fresh random client id
    // on every call when one is needed.
    std::optional<connection_config> finish(std::vector<std::string>& errors) const;

    const raw_connection_flags& raw() const noexcept { return raw_; }

  private:
    raw_connection_flags raw_;
};

enum class parse_action : std::uint8_t {
    run,            // argv parsed; config set unless errors is non-empty
    print_help,     // text = --help output (or --list-options, --completion), exit 0
    print_version,  // text = version line, exit 0
    syntax_error,   // CLI11 refused argv (unknown flag, missing value); errors has the line
};

struct parsed_connection {
    parse_action action = parse_action::run;
    std::string text;
    std::vector<std::string> errors;
    std::optional<connection_config> config;
};

// Runs app.parse(argc, argv), turning CLI11's help/version/parse exceptions into values, and
// then flags.finish(). Never throws CLI11 exceptions.
//
// Options files: for apps named wsmqtt-pub / wsmqtt-sub the arguments of the default options
// file ($XDG_CONFIG_HOME/wsmqtt/pub or ~/.config/wsmqtt/pub, ".../sub") go before argv, so the
// command line wins; --options-file FILE reads FILE instead (repeatable, in order) and
// --no-options-file reads none. A broken line is a syntax_error naming the file and the line.
parsed_connection parse_connection(CLI::App& app, const connection_flags& flags, int argc,
                                   const char* const* argv);

// The same, for tests: args without the program name.
parsed_connection parse_connection(CLI::App& app, const connection_flags& flags,
                                   std::vector<std::string> args);

// The name of the environment variable read for the password.
inline constexpr const char* password_env_var = "WSMQTT_PASSWORD";
// The environment variable holding the default broker URL (below -L, -h, -p).
inline constexpr const char* broker_url_env_var = "WSMQTT_URL";

}  // namespace wsmqtt::cli
