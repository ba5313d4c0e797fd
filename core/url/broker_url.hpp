#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/url/parse_error.hpp"
#include "core/url/scheme.hpp"

namespace wsmqtt::url {

// A broker address after parsing and defaulting:
//   scheme://[user[:password]@]host[:port][/path][?query]
// - host: a name, an IPv4 literal, or an IPv6 literal stored WITHOUT its brackets ("::1").
// - port: always set; scheme default when the URL has none (mqtt 1883, mqtts 8883, ws 80, wss 443).
// - target (ws/wss only): the HTTP request target, path plus query, exactly as written;
//   "/mqtt" when the URL has no path; an explicit "/" stays "/". Empty for mqtt/mqtts.
// - topic (mqtt/mqtts only): everything after the first '/' following the host, raw and not
//   percent-decoded, '?' and '#' included, as mosquitto's -L does (mqtt://h/a/b -> "a/b",
//   mqtt://h/s/# -> "s/#"). nullopt when the URL has no path or only "/".
// - username/password: percent-decoded user info; nullopt when absent. An empty user name
//   ("mqtt://:pw@h") is stored as nullopt with the password kept.
struct broker_url {
    scheme kind = scheme::ws;
    std::string host;
    std::uint16_t port = 0;
    std::string target;
    std::optional<std::string> topic;
    std::optional<std::string> username;
    std::optional<std::string> password;

    // The resolved URL for --debug and messages: always with the port, the user name
    // percent-encoded, never the password. Parsing it again gives this value back
    // (without the password).
    std::string to_string() const;

    friend bool operator==(const broker_url&, const broker_url&) = default;
};

// Parses the -L/--url argument. Errors name the input and the likely fix, e.g.
//   "broker URL 'localhost:8083/mqtt' has no scheme; write ws://localhost:8083/mqtt"
//   "broker URL 'tcp://h:1883' has unsupported scheme 'tcp'; use mqtt://, mqtts://, ws:// or wss:// (here:
//   mqtt://h:1883)"
parse_result<broker_url> parse_broker_url(std::string_view text);

// Builds a broker URL from separate parts (mosquitto-style -h/-p/--protocol/--ws-path), with
// the same checks as parse_broker_url. host may be a name, an IPv4 literal, or an IPv6
// literal with or without brackets. ws_target is used for ws/wss only ("" = "/mqtt") and must
// be empty for mqtt/mqtts. Messages name the flags: "-h/--host 'a b' has ...".
parse_result<broker_url> make_broker_url(scheme kind, std::string_view host, std::uint16_t port,
                                         std::string_view ws_target = {});

// The default ws/wss request target.
inline constexpr std::string_view default_ws_target = "/mqtt";

}  // namespace wsmqtt::url
