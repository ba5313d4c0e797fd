#include "core/url/proxy_url.hpp"

#include <gtest/gtest.h>

namespace {

using wsmqtt::url::parse_proxy_url;

TEST(proxy_url, parses_host_port_and_credentials) {
    const auto p = parse_proxy_url("http://user:p%40ss@proxy.local:3128");
    ASSERT_TRUE(p.has_value()) << p.error().message;
    EXPECT_EQ(p->host, "proxy.local");
    EXPECT_EQ(p->port, 3128);
    EXPECT_EQ(p->username, "user");
    EXPECT_EQ(p->password, "p@ss");
    EXPECT_EQ(p->to_string(), "http://user@proxy.local:3128");

    const auto v6 = parse_proxy_url("HTTP://[::1]:8080/");
    ASSERT_TRUE(v6.has_value()) << v6.error().message;
    EXPECT_EQ(v6->host, "::1");
    EXPECT_EQ(v6->to_string(), "http://[::1]:8080");
}

TEST(proxy_url, refuses_what_we_cannot_speak) {
    const auto expect_error = [](std::string_view input, std::string_view message) {
        const auto p = parse_proxy_url(input);
        ASSERT_FALSE(p.has_value()) << input;
        EXPECT_EQ(p.error().message, message);
    };
    expect_error("", "proxy URL is empty; write http://host:port");
    expect_error("proxy:3128", "proxy URL 'proxy:3128' has no scheme; write http://proxy:3128");
    expect_error("socks5h://p:1080",
                 "proxy URL 'socks5h://p:1080': SOCKS proxies are not supported; use an HTTP proxy "
                 "(http://host:port)");
    expect_error("https://p:443",
                 "proxy URL 'https://p:443' has unsupported scheme 'https'; only http:// proxies (HTTP "
                 "CONNECT) are supported");
    expect_error("http://p", "proxy URL 'http://p' has no port; write it, e.g. http://p:3128");
    expect_error("http://p:3128/x",
                 "proxy URL 'http://p:3128/x' has a path or query; write http://[user:password@]host:port");
    expect_error("http://p:0", "proxy URL 'http://p:0' has port '0'; a port is a number from 1 to 65535");
}

}  // namespace
