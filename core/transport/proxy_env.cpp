#include "core/transport/proxy_env.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string>

namespace wsmqtt::transport {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::ranges::transform(out, out.begin(), [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) s.remove_suffix(1);
    return s;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string percent_decode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size()) {
            const int hi = hex_value(s[i + 1]);
            const int lo = hex_value(s[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out += static_cast<char>(hi * 16 + lo);
                i += 2;
                continue;
            }
        }
        out += s[i];
    }
    return out;
}

std::string_view strip_brackets(std::string_view host) {
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') return host.substr(1, host.size() - 2);
    return host;
}

std::optional<std::string> first_set(const env_lookup_fn& getenv, std::string_view a, std::string_view b) {
    for (std::string_view name : {a, b}) {
        if (auto v = getenv(name); v && !trim(*v).empty()) return std::string(trim(*v));
    }
    return std::nullopt;
}

}  // namespace

std::optional<proxy_config> parse_proxy_url(std::string_view value) {
    value = trim(value);
    std::uint16_t port = 1080;
    if (const auto sep = value.find("://"); sep != std::string_view::npos) {
        if (lower(value.substr(0, sep)) != "http") return std::nullopt;
        value.remove_prefix(sep + 3);
        port = 80;
    }
    if (const auto slash = value.find('/'); slash != std::string_view::npos) value = value.substr(0, slash);
    proxy_config out;
    if (const auto at = value.rfind('@'); at != std::string_view::npos) {
        const std::string_view userinfo = value.substr(0, at);
        value.remove_prefix(at + 1);
        const auto colon = userinfo.find(':');
        out.user = percent_decode(userinfo.substr(0, colon));
        if (colon != std::string_view::npos) out.password = percent_decode(userinfo.substr(colon + 1));
    }
    std::string_view host = value;
    // The port follows the last colon, unless that colon is inside an IPv6 literal.
    if (const auto colon = value.rfind(':'); colon != std::string_view::npos && value.find(']', colon) == std::string_view::npos) {
        host = value.substr(0, colon);
        const std::string_view digits = value.substr(colon + 1);
        unsigned parsed = 0;
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), parsed);
        if (ec != std::errc{} || end != digits.data() + digits.size() || parsed == 0 || parsed > 65535) return std::nullopt;
        port = static_cast<std::uint16_t>(parsed);
    }
    host = strip_brackets(host);
    if (host.empty()) return std::nullopt;
    out.host = std::string(host);
    out.port = port;
    return out;
}

bool no_proxy_matches(std::string_view no_proxy, std::string_view host) {
    const std::string wanted = lower(strip_brackets(host));
    while (!no_proxy.empty()) {
        const auto comma = no_proxy.find(',');
        std::string_view entry = trim(no_proxy.substr(0, comma));
        no_proxy = comma == std::string_view::npos ? std::string_view{} : no_proxy.substr(comma + 1);
        if (entry == "*") return true;
        // Drop a ":port" suffix, but not the colons of a bare IPv6 literal.
        if (entry.front() == '[') {
            entry = entry.substr(1, entry.find(']') == std::string_view::npos ? std::string_view::npos : entry.find(']') - 1);
        } else if (const auto colon = entry.find(':'); colon != std::string_view::npos && entry.rfind(':') == colon) {
            entry = entry.substr(0, colon);
        }
        while (!entry.empty() && entry.front() == '.') entry.remove_prefix(1);
        if (entry.empty()) continue;
        const std::string e = lower(entry);
        if (wanted == e) return true;
        if (wanted.size() > e.size() && wanted.ends_with(e) && wanted[wanted.size() - e.size() - 1] == '.') return true;
    }
    return false;
}

std::optional<proxy_config> proxy_from_environment(scheme kind, std::string_view host, const env_lookup_fn& getenv) {
    std::optional<std::string> value;
    if (kind == scheme::ws) value = first_set(getenv, "http_proxy", "HTTP_PROXY");
    else if (kind == scheme::wss) value = first_set(getenv, "https_proxy", "HTTPS_PROXY");
    if (!value) return std::nullopt;
    if (const auto np = first_set(getenv, "no_proxy", "NO_PROXY"); np && no_proxy_matches(*np, host)) return std::nullopt;
    return parse_proxy_url(*value);
}

}  // namespace wsmqtt::transport
