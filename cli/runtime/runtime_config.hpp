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

// `-D connect ...` properties laid over those the connection flags set in `flags` (-x/-c: session
// expiry; --max-packet-size): a -D value wins, a flag's value stays where -D says nothing.
codec::properties with_connect_flags(codec::properties from_d, const codec::properties& flags);

}  // namespace wsmqtt::cli
