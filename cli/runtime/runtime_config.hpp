#pragma once
// The CLI's connection_config, turned into what the transport and the session take.
#include <string_view>

#include "cli/common/connection_config.hpp"
#include "core/session/session_config.hpp"
#include "core/transport/config.hpp"

namespace wsmqtt::cli {

// `user_agent` is "wsmqtt/<version>". The proxy comes from --proxy, else (ws/wss only) from
// https_proxy / http_proxy / no_proxy in the environment.
transport::transport_config make_transport_config(const connection_config& config, std::string_view user_agent);

// Everything but the application's own settings (receive maximum, max in-flight, ...).
session::session_config make_session_config(const connection_config& config);

}  // namespace wsmqtt::cli
