#pragma once

// Steps of connection_flags::finish(), one concern each. Internal to wsmqtt_cli_common.
// Every step appends one line per problem to errors and fills what it can.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/common/connection_flags.hpp"

namespace wsmqtt::cli::detail {

// -V, and -x implying MQTT 5 when -V is absent.
void resolve_version(const raw_connection_flags& raw, connection_config& config,
                     std::vector<std::string>& errors);

// -L or -h/-p/--protocol/--ws-path. Returns the scheme when the broker resolved, so later
// steps can check that TLS and WebSocket flags fit it. Leaves URL credentials in
// config.broker for resolve_credentials.
std::optional<url::scheme> resolve_broker(const raw_connection_flags& raw, connection_config& config,
                                          std::vector<std::string>& errors);

// -u/-P/--pw-file/WSMQTT_PASSWORD and -L user info. Moves credentials out of config.broker.
void resolve_credentials(const raw_connection_flags& raw, connection_config& config,
                         std::vector<std::string>& errors);

// -i/-I, -k, -c, -x, --connect-timeout.
void resolve_session(const raw_connection_flags& raw, connection_config& config,
                     std::vector<std::string>& errors);

// --will-*.
void resolve_will(const raw_connection_flags& raw, connection_config& config,
                  std::vector<std::string>& errors);

// TLS flags; kind is nullopt when the broker did not resolve (then scheme checks are skipped).
void resolve_tls(const raw_connection_flags& raw, std::optional<url::scheme> kind, connection_config& config,
                 std::vector<std::string>& errors);

// --ws-header, --ws-subprotocol, --proxy.
void resolve_websocket(const raw_connection_flags& raw, std::optional<url::scheme> kind,
                       connection_config& config, std::vector<std::string>& errors);

// --wait-broker, --reconnect-delay/-max/-attempts, --no-reconnect.
void resolve_waiting(const raw_connection_flags& raw, connection_config& config, std::vector<std::string>& errors);

// Why path cannot be used as a file (or directory), or nullopt: "--cafile 'x': no such file".
std::optional<std::string> path_problem(std::string_view flag, const std::string& path, bool want_directory);

// The value quoted for a message (control bytes as '?').
std::string quote(std::string_view text);

// "a, b and c"
std::string join_names(const std::vector<std::string>& names);

}  // namespace wsmqtt::cli::detail
