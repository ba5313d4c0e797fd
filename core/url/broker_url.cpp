#include "core/url/broker_url.hpp"

#include <array>
#include <charconv>

#include "core/url/detail/authority.hpp"
#include "core/url/port_hint.hpp"

namespace wsmqtt::url {
namespace {

using detail::quote;

constexpr std::string_view schemes_we_speak = "use mqtt://, mqtts://, ws:// or wss://";

// Schemes other tools accept, and ours that means the same.
struct scheme_alias {
    std::string_view name;
    scheme kind;
};
constexpr std::array<scheme_alias, 9> aliases{{
    {"tcp", scheme::mqtt},
    {"mqtt+tcp", scheme::mqtt},
    {"ssl", scheme::mqtts},
    {"tls", scheme::mqtts},
    {"tcps", scheme::mqtts},
    {"mqtt+ssl", scheme::mqtts},
    {"mqtt+tls", scheme::mqtts},
    {"http", scheme::ws},
    {"https", scheme::wss},
}};

std::optional<scheme> alias_for(std::string_view name) {
    for (const auto& a : aliases) {
        if (detail::iequals(name, a.name)) return a.kind;
    }
    return std::nullopt;
}

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
bool is_scheme_syntax(std::string_view text) {
    if (text.empty() || !is_alpha(text.front())) return false;
    for (char c : text) {
        if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.') return false;
    }
    return true;
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

// For a URL written without a scheme: the scheme its port suggests (ws unless the port is a
// well-known port of another scheme).
scheme guess_scheme(std::string_view rest) {
    auto authority = rest.substr(0, rest.find_first_of("/?#"));
    if (const auto at = authority.rfind('@'); at != std::string_view::npos)
        authority = authority.substr(at + 1);
    if (!authority.empty() && authority.front() == '[') {
        const auto close = authority.find(']');
        authority = close == std::string_view::npos ? std::string_view{} : authority.substr(close + 1);
    }
    const auto colon = authority.rfind(':');
    if (colon == std::string_view::npos) return scheme::ws;
    const auto digits = authority.substr(colon + 1);
    unsigned port = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (ec != std::errc{} || end != digits.data() + digits.size() || port > 65535) return scheme::ws;
    const auto convention = port_convention_for(static_cast<std::uint16_t>(port));
    return convention ? convention->kind : scheme::ws;
}

std::string strip_leading_slashes(std::string_view text) {
    const auto first = text.find_first_not_of('/');
    return std::string(first == std::string_view::npos ? std::string_view{} : text.substr(first));
}

// A ws/wss request target: visible ASCII only (RFC 7230), no fragment (RFC 6455 section 3).
std::optional<parse_error> check_target(std::string_view target, const std::string& who) {
    const auto is_hex = [](char h) {
        return (h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F');
    };
    for (std::size_t i = 0; i < target.size(); ++i) {
        const char c = target[i];
        const auto u = static_cast<unsigned char>(c);
        // Servers answer a broken escape with 400: say so before connecting.
        if (c == '%' && (i + 2 >= target.size() || !is_hex(target[i + 1]) || !is_hex(target[i + 2])))
            return parse_error{who + " has a '%' not followed by two hex digits in the path (write '%' as %25)"};
        if (c == '#')
            return parse_error{who +
                               " has a fragment ('#'); a WebSocket URL cannot carry one (write '#' as %23)"};
        if (u <= 0x20 || u >= 0x7f)
            return parse_error{
                who +
                " has a space, control or non-ASCII character in the path; percent-encode it (e.g. %20)"};
    }
    return std::nullopt;
}

// The input as quote() shows it, without the quotes (for suggested rewrites).
std::string unquoted(std::string_view text) {
    const auto q = quote(text);
    return q.substr(1, q.size() - 2);
}

parse_error unsupported_scheme(std::string_view scheme_text, std::string_view rest, const std::string& who) {
    std::string message =
        who + " has unsupported scheme " + quote(scheme_text) + "; " + std::string(schemes_we_speak);
    if (const auto mapped = alias_for(scheme_text))
        message += " (here: " + std::string(scheme_name(*mapped)) + "://" + unquoted(rest) + ")";
    return parse_error{std::move(message)};
}

}  // namespace

std::string broker_url::to_string() const {
    std::string out{scheme_name(kind)};
    out += "://";
    if (username) {
        out += detail::percent_encode(*username);
        out += '@';
    }
    out += detail::bracket_host(host);
    out += ':';
    out += std::to_string(port);
    if (is_websocket(kind)) {
        out += target;
    } else if (topic) {
        out += '/';
        out += *topic;
    }
    return out;
}

parse_result<broker_url> parse_broker_url(std::string_view text) {
    if (text.empty()) return parse_error{"broker URL is empty; write e.g. ws://localhost:8083/mqtt"};
    const std::string who = "broker URL " + quote(text);
    if (text.front() == ' ' || text.back() == ' ' || text.front() == '\t' || text.back() == '\t')
        return parse_error{who + " has a space at its start or end"};

    std::string_view scheme_text;
    std::string_view rest;
    if (const auto sep = text.find("://");
        sep != std::string_view::npos && is_scheme_syntax(text.substr(0, sep))) {
        scheme_text = text.substr(0, sep);
        rest = text.substr(sep + 3);
    } else {
        // "ws:host" or "ws:/host": a scheme we know, with the "//" forgotten. "mqtt:1883" is
        // a host called mqtt with a port, not a scheme.
        const auto colon = text.find(':');
        if (colon != std::string_view::npos && colon + 1 < text.size() && !is_digit(text[colon + 1])) {
            const auto name = text.substr(0, colon);
            const auto after = strip_leading_slashes(text.substr(colon + 1));
            if (const auto kind = parse_scheme(name))
                return parse_error{who + " needs '//' after '" + lower(name) + ":'; write " +
                                   std::string(scheme_name(*kind)) + "://" + unquoted(after)};
            if (alias_for(name)) return unsupported_scheme(name, after, who);
        }
        // "://h" lost its scheme; "//h" never had one.
        const auto bare = strip_leading_slashes(text.substr(0, 3) == "://" ? text.substr(3) : text);
        return parse_error{who + " has no scheme; write " + std::string(scheme_name(guess_scheme(bare))) +
                           "://" + unquoted(bare)};
    }

    const auto kind = parse_scheme(scheme_text);
    if (!kind) return unsupported_scheme(scheme_text, rest, who);

    const auto authority_end = rest.find_first_of("/?#");
    const auto authority_text = rest.substr(0, authority_end);
    const auto tail =
        authority_end == std::string_view::npos ? std::string_view{} : rest.substr(authority_end);

    auto authority = detail::parse_authority(authority_text, who);
    if (!authority) return authority.error();

    broker_url url;
    url.kind = *kind;
    url.host = std::move(authority->host);
    url.port = authority->port.value_or(default_port(*kind));
    url.username = std::move(authority->username);
    url.password = std::move(authority->password);

    if (is_websocket(*kind)) {
        if (auto problem = check_target(tail, who)) return *problem;
        if (tail.empty())
            url.target = std::string(default_ws_target);
        else if (tail.front() == '?')
            url.target = std::string(default_ws_target) + std::string(tail);
        else
            url.target = std::string(tail);
    } else if (!tail.empty()) {
        if (tail.front() != '/')
            return parse_error{who + " has " + quote(tail.substr(0, 1)) + " right after the host; in " +
                               std::string(scheme_name(*kind)) + ":// URLs a topic follows a '/'"};
        if (tail.size() > 1) url.topic = std::string(tail.substr(1));
    }
    return url;
}

parse_result<broker_url> make_broker_url(scheme kind, std::string_view host, std::uint16_t port,
                                         std::string_view ws_target) {
    if (host.empty()) return parse_error{"-h/--host is empty"};
    auto parsed_host = detail::parse_host(host, "-h/--host " + quote(host), true);
    if (!parsed_host) return parsed_host.error();
    if (port == 0) return parse_error{"-p/--port 0 is not a port; a port is a number from 1 to 65535"};

    broker_url url;
    url.kind = kind;
    url.host = std::move(*parsed_host);
    url.port = port;
    if (is_websocket(kind)) {
        if (ws_target.empty()) {
            url.target = std::string(default_ws_target);
        } else {
            const std::string who = "--ws-path " + quote(ws_target);
            if (ws_target.front() != '/')
                return parse_error{who + " must start with '/'; write /" + unquoted(ws_target)};
            if (auto problem = check_target(ws_target, who)) return *problem;
            url.target = std::string(ws_target);
        }
    } else if (!ws_target.empty()) {
        return parse_error{"--ws-path applies to ws:// and wss:// only, not " +
                           std::string(scheme_name(kind)) + "://"};
    }
    return url;
}

}  // namespace wsmqtt::url
