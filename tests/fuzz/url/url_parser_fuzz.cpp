// Fuzz target for the hand-written URL parsers (broker -L, -h/--ws-path parts, --proxy).
// Invariants: no crash; an error is one non-empty line; an accepted URL is well-formed and
// its to_string() parses back to the same value (minus the password, which is never printed).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/url/broker_url.hpp"
#include "core/url/port_hint.hpp"
#include "core/url/proxy_url.hpp"

namespace {

void require(bool condition) {
    if (!condition) __builtin_trap();
}

void check_error(const wsmqtt::url::parse_error& e) {
    require(!e.message.empty());
    require(e.message.find('\n') == std::string::npos);
    require(e.message.find('\r') == std::string::npos);
}

void check_broker(const wsmqtt::url::broker_url& url) {
    using wsmqtt::url::is_websocket;
    require(!url.host.empty());
    require(url.port != 0);
    if (is_websocket(url.kind)) {
        require(!url.target.empty() && url.target.front() == '/');
        require(!url.topic.has_value());
    } else {
        require(url.target.empty());
        require(!url.topic || !url.topic->empty());
    }
    require(!url.username || !url.username->empty());

    const auto text = url.to_string();
    const auto again = wsmqtt::url::parse_broker_url(text);
    require(again.has_value());
    auto expected = url;
    expected.password.reset();
    require(*again == expected);
    require(again->to_string() == text);
    (void)wsmqtt::url::port_scheme_hint(url);
}

void fuzz_broker(std::string_view text) {
    const auto url = wsmqtt::url::parse_broker_url(text);
    if (url) {
        check_broker(*url);
    } else {
        check_error(url.error());
    }
}

// The same bytes as -h host[/ws-path] with a scheme and port taken from the first bytes.
void fuzz_parts(std::string_view text) {
    if (text.size() < 3) return;
    const auto kind = static_cast<wsmqtt::url::scheme>(static_cast<unsigned char>(text[0]) % 4);
    const auto port = static_cast<std::uint16_t>(static_cast<unsigned char>(text[1]) * 256U +
                                                 static_cast<unsigned char>(text[2]));
    const auto rest = text.substr(3);
    const auto slash = rest.find('/');
    const auto host = rest.substr(0, slash);
    const auto target = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash);
    const auto url = wsmqtt::url::make_broker_url(kind, host, port, target);
    if (url) {
        check_broker(*url);
    } else {
        check_error(url.error());
    }
}

void fuzz_proxy(std::string_view text) {
    const auto proxy = wsmqtt::url::parse_proxy_url(text);
    if (!proxy) {
        check_error(proxy.error());
        return;
    }
    require(!proxy->host.empty() && proxy->port != 0);
    const auto again = wsmqtt::url::parse_proxy_url(proxy->to_string());
    require(again.has_value());
    auto expected = *proxy;
    expected.password.reset();
    require(*again == expected);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text{reinterpret_cast<const char*>(data), size};
    fuzz_broker(text);
    fuzz_parts(text);
    fuzz_proxy(text);
    return 0;
}
