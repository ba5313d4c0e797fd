#include "core/url/detail/authority.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <charconv>

namespace wsmqtt::url::detail {
namespace {

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

bool is_unreserved(char c) { return is_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~'; }

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool is_control(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
}

// A character shown inside a message: printable ASCII as itself, anything else as \xNN so
// the message stays one readable line.
std::string show_char(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u > 0x20 && u < 0x7f) return std::string(1, c);
    if (c == ' ') return "space";
    static constexpr char digits[] = "0123456789ABCDEF";
    return std::string{"\\x"} + digits[u >> 4] + digits[u & 0x0f];
}

bool is_ipv6_literal(std::string_view text) {
    // inet_pton wants a NUL-terminated string; IPv6 literals are at most 45 characters.
    if (text.empty() || text.size() > 45) return false;
    // inet_pton would stop at an embedded NUL and accept what came before it.
    for (char c : text) {
        if (hex_value(c) < 0 && c != ':' && c != '.') return false;
    }
    std::array<char, 46> buffer{};
    std::copy(text.begin(), text.end(), buffer.begin());
    in6_addr address{};
    return ::inet_pton(AF_INET6, buffer.data(), &address) == 1;
}

// parse_error is constructible from a string too (C++20 aggregate), so results carrying a
// string are built in place.
using host_result = parse_result<std::string>;

}  // namespace

bool iequals(std::string_view a, std::string_view lower) {
    if (a.size() != lower.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char c = a[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != lower[i]) return false;
    }
    return true;
}

std::string quote(std::string_view text) {
    // Long inputs are cut so one bad argument cannot flood the terminal.
    constexpr std::size_t max_shown = 200;
    std::string out = "'";
    const std::size_t shown = std::min(text.size(), max_shown);
    for (std::size_t i = 0; i < shown; ++i) out += is_control(text[i]) ? '?' : text[i];
    if (text.size() > max_shown) out += "...";
    out += '\'';
    return out;
}

std::optional<std::string> percent_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        if (i + 2 >= text.size()) return std::nullopt;
        const int high = hex_value(text[i + 1]);
        const int low = hex_value(text[i + 2]);
        if (high < 0 || low < 0) return std::nullopt;
        out += static_cast<char>(high * 16 + low);
        i += 2;
    }
    return out;
}

std::string percent_encode(std::string_view text) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (is_unreserved(c)) {
            out += c;
        } else {
            const auto u = static_cast<unsigned char>(c);
            out += '%';
            out += digits[u >> 4];
            out += digits[u & 0x0f];
        }
    }
    return out;
}

std::string bracket_host(std::string_view host) {
    if (host.find(':') == std::string_view::npos) return std::string(host);
    // Appended piecewise: g++ 12 -O2 reports a false -Wrestrict for "[" + std::string(host).
    std::string bracketed;
    bracketed.reserve(host.size() + 2);
    bracketed += '[';
    bracketed += host;
    bracketed += ']';
    return bracketed;
}

parse_result<std::uint16_t> parse_port(std::string_view text, std::string_view subject) {
    const auto bad = [&] {
        return parse_error{std::string(subject) + " has port " + quote(text) +
                           "; a port is a number from 1 to 65535"};
    };
    if (text.empty() || text.size() > 5) return bad();
    for (char c : text) {
        if (c < '0' || c > '9') return bad();
    }
    unsigned value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    if (value < 1 || value > 65535) return bad();
    return static_cast<std::uint16_t>(value);
}

parse_result<std::string> parse_host(std::string_view text, std::string_view subject, bool allow_bare_ipv6) {
    const std::string who{subject};
    if (text.empty()) return parse_error{who + " has no host"};
    if (text.front() == '[') {
        const auto close = text.find(']');
        if (close == std::string_view::npos)
            return parse_error{who + " has unbalanced brackets: '[' without ']' around the IPv6 address"};
        if (close != text.size() - 1)
            return parse_error{who + " has unexpected text " + quote(text.substr(close + 1)) + " after ']'"};
        const auto inner = text.substr(1, close - 1);
        if (inner.empty()) return parse_error{who + " has no host between '[' and ']'"};
        if (!is_ipv6_literal(inner))
            return parse_error{who + " has an invalid IPv6 address " + quote(inner) +
                               " in brackets (zone ids like %25eth0 are not supported)"};
        return host_result(boost::system::in_place_value, inner);
    }
    if (text.find(']') != std::string_view::npos)
        return parse_error{who + " has unbalanced brackets: ']' without '['"};
    if (text.find(':') != std::string_view::npos) {
        if (allow_bare_ipv6 && is_ipv6_literal(text)) return host_result(boost::system::in_place_value, text);
        return parse_error{who + " has an invalid host " + quote(text) +
                           "; an IPv6 address goes in brackets, e.g. ws://[::1]:8083/mqtt"};
    }
    for (char c : text) {
        if (!is_unreserved(c))
            return parse_error{who + " has an invalid character " + show_char(c) + " in the host name " +
                               quote(text)};
    }
    // Name resolution would only say "not found" (exit 3) for a name that cannot exist: an empty
    // label (a..b, .a) or one over 63 bytes, or a name over 253 (RFC 1035 2.3.4). A typo: exit 2.
    std::string_view name = text;
    if (name.size() > 1 && name.back() == '.') name.remove_suffix(1);  // "host." is fully qualified
    if (name.size() > 253) return parse_error{who + " has a host name longer than 253 bytes"};
    for (std::size_t start = 0;;) {
        const auto dot = name.find('.', start);
        const auto label = name.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
        if (label.empty()) return parse_error{who + " has an empty label (two dots, or a dot at the start) in the host name " + quote(text)};
        if (label.size() > 63) return parse_error{who + " has a label longer than 63 bytes in the host name " + quote(text)};
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    return host_result(boost::system::in_place_value, text);
}

parse_result<authority> parse_authority(std::string_view text, std::string_view subject) {
    const std::string who{subject};
    authority result;
    std::string_view host_port = text;

    // The last '@' ends the user info, so an unencoded '@' in a password still works.
    if (const auto at = text.rfind('@'); at != std::string_view::npos) {
        const auto user_info = text.substr(0, at);
        host_port = text.substr(at + 1);
        for (char c : user_info) {
            if (is_control(c)) return parse_error{who + " has a control character in the user info"};
        }
        const auto colon = user_info.find(':');
        auto user = percent_decode(user_info.substr(0, colon));
        if (!user)
            return parse_error{
                who + " has a '%' not followed by two hex digits in the user name (write '%' as %25)"};
        if (user->find('\0') != std::string::npos)
            return parse_error{who + " has a NUL byte (%00) in the user name"};
        if (!user->empty()) result.username = std::move(*user);
        if (colon != std::string_view::npos) {
            auto password = percent_decode(user_info.substr(colon + 1));
            if (!password)
                return parse_error{
                    who + " has a '%' not followed by two hex digits in the password (write '%' as %25)"};
            result.password = std::move(*password);
        }
    }

    std::string_view host_text = host_port;
    std::optional<std::string_view> port_text;
    if (!host_port.empty() && host_port.front() == '[') {
        const auto close = host_port.find(']');
        if (close == std::string_view::npos)
            return parse_error{who + " has unbalanced brackets: '[' without ']' around the IPv6 address"};
        host_text = host_port.substr(0, close + 1);
        const auto after = host_port.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':')
                return parse_error{who + " has unexpected text " + quote(after) + " after ']'"};
            port_text = after.substr(1);
        }
    } else {
        const auto colon = host_port.find(':');
        if (colon != std::string_view::npos && host_port.find(':', colon + 1) != std::string_view::npos)
            return parse_error{who + " has an invalid host " + quote(host_port) +
                               "; an IPv6 address goes in brackets, e.g. ws://[::1]:8083/mqtt"};
        if (colon != std::string_view::npos) {
            host_text = host_port.substr(0, colon);
            port_text = host_port.substr(colon + 1);
        }
    }

    auto host = parse_host(host_text, subject, false);
    if (!host) return host.error();
    result.host = std::move(*host);

    if (port_text) {
        if (port_text->empty()) return parse_error{who + " has an empty port after ':'"};
        auto port = parse_port(*port_text, subject);
        if (!port) return port.error();
        result.port = *port;
    }
    return result;
}

}  // namespace wsmqtt::url::detail
