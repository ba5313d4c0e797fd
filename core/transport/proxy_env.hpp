// Which proxy, if any, the environment asks for: a pure function so it is table-tested.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/transport/config.hpp"

namespace wsmqtt::transport {

// Returns the variable's value, or nullopt when unset.
using env_lookup_fn = std::function<std::optional<std::string>(std::string_view name)>;

// For ws: http_proxy, then HTTP_PROXY; for wss: https_proxy, then HTTPS_PROXY; tcp/tls: never
// (those are not HTTP and users do not expect their MQTT port tunnelled). An empty value means
// unset. no_proxy / NO_PROXY: comma list; `*` matches every host; an entry matches the host
// itself or any sub-domain (a leading dot is optional); IP literals match exactly; a `:port`
// suffix on an entry is ignored; case-insensitive. Proxy values: `[http://][user[:pass]@]host[:port][/]`
// (percent-escapes in user and password decoded; port defaults to 80 for http://, 1080 when no
// scheme, like curl); any other proxy scheme (https://, socks5://) yields nullopt.
[[nodiscard]] std::optional<proxy_config> proxy_from_environment(scheme kind, std::string_view host,
                                                                 const env_lookup_fn& getenv);

// True when no_proxy says `host` must be reached directly.
[[nodiscard]] bool no_proxy_matches(std::string_view no_proxy, std::string_view host);

// Parses one proxy value as above; nullopt when malformed or of an unsupported scheme.
[[nodiscard]] std::optional<proxy_config> parse_proxy_url(std::string_view value);

}  // namespace wsmqtt::transport
