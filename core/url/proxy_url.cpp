#include "core/url/proxy_url.hpp"

#include "core/url/detail/authority.hpp"

namespace wsmqtt::url {

std::string proxy_url::to_string() const {
    std::string out = "http://";
    if (username) out += detail::percent_encode(*username) + "@";
    out += detail::bracket_host(host) + ":" + std::to_string(port);
    return out;
}

parse_result<proxy_url> parse_proxy_url(std::string_view text) {
    if (text.empty()) return parse_error{"proxy URL is empty; write http://host:port"};
    const std::string who = "proxy URL " + detail::quote(text);
    const auto sep = text.find("://");
    if (sep == std::string_view::npos) {
        auto shown = detail::quote(text);
        return parse_error{who + " has no scheme; write http://" + shown.substr(1, shown.size() - 2)};
    }
    const auto scheme_text = text.substr(0, sep);
    if (detail::iequals(scheme_text, "socks5") || detail::iequals(scheme_text, "socks5h") ||
        detail::iequals(scheme_text, "socks4") || detail::iequals(scheme_text, "socks"))
        return parse_error{who + ": SOCKS proxies are not supported; use an HTTP proxy (http://host:port)"};
    if (!detail::iequals(scheme_text, "http"))
        return parse_error{who + " has unsupported scheme " + detail::quote(scheme_text) +
                           "; only http:// proxies (HTTP CONNECT) are supported"};

    const auto rest = text.substr(sep + 3);
    const auto authority_end = rest.find_first_of("/?#");
    const auto tail =
        authority_end == std::string_view::npos ? std::string_view{} : rest.substr(authority_end);
    if (!tail.empty() && tail != "/")
        return parse_error{who + " has a path or query; write http://[user:password@]host:port"};

    auto authority = detail::parse_authority(rest.substr(0, authority_end), who);
    if (!authority) return authority.error();
    if (!authority->port)
        return parse_error{who + " has no port; write it, e.g. http://" +
                           detail::bracket_host(authority->host) + ":3128"};
    proxy_url proxy;
    proxy.host = std::move(authority->host);
    proxy.port = *authority->port;
    proxy.username = std::move(authority->username);
    proxy.password = std::move(authority->password);
    return proxy;
}

}  // namespace wsmqtt::url
