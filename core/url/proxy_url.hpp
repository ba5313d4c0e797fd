#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/url/parse_error.hpp"

namespace wsmqtt::url {

// An HTTP proxy reached with CONNECT: http://[user[:password]@]host:port
// The port is required: proxies have no single customary port (3128, 8080, ...).
struct proxy_url {
    std::string host;  // IPv6 without brackets
    std::uint16_t port = 0;
    std::optional<std::string> username;  // percent-decoded
    std::optional<std::string> password;

    // http://[user@]host:port, never the password.
    std::string to_string() const;

    friend bool operator==(const proxy_url&, const proxy_url&) = default;
};

// Parses the --proxy argument. SOCKS (mosquitto's socks5h://) and https:// proxies are
// refused with a message saying so.
parse_result<proxy_url> parse_proxy_url(std::string_view text);

}  // namespace wsmqtt::url
