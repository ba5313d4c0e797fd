#pragma once

// Pieces shared by the broker and proxy URL parsers. Not part of the public API.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/url/parse_error.hpp"

namespace wsmqtt::url::detail {

struct authority {
    std::string host;  // IPv6 without brackets
    std::optional<std::uint16_t> port;
    std::optional<std::string> username;  // nullopt when absent or empty
    std::optional<std::string> password;
};

// text is everything between "//" and the first '/', '?' or '#'. subject names the input in
// messages ("broker URL 'x'").
parse_result<authority> parse_authority(std::string_view text, std::string_view subject);

// A host on its own: "[v6]", a bare IPv6 literal when allow_bare_ipv6, an IPv4 literal or a
// DNS name. Returns it without brackets.
parse_result<std::string> parse_host(std::string_view text, std::string_view subject, bool allow_bare_ipv6);

// Decimal 1..65535.
parse_result<std::uint16_t> parse_port(std::string_view text, std::string_view subject);

// %XX decoding; nullopt on a '%' not followed by two hex digits.
std::optional<std::string> percent_decode(std::string_view text);

// Encodes every byte outside RFC 3986's unreserved set, so the result is safe in user info.
std::string percent_encode(std::string_view text);

// "[::1]" for IPv6 literals, the host itself otherwise.
std::string bracket_host(std::string_view host);

// Case-insensitive ASCII comparison against a lower-case literal.
bool iequals(std::string_view a, std::string_view lower);

// The input quoted for a message, with control bytes shown as '?', so a message stays one line.
std::string quote(std::string_view text);

}  // namespace wsmqtt::url::detail
