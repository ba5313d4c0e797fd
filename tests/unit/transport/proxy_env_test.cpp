// proxy_from_environment: which variables count, no_proxy matching, proxy URL parsing.
#include <map>

#include <gtest/gtest.h>

#include "core/transport/proxy_env.hpp"

namespace wsmqtt::transport {
namespace {

using env = std::map<std::string, std::string, std::less<>>;

std::optional<proxy_config> lookup(scheme kind, std::string_view host, const env& vars) {
    return proxy_from_environment(kind, host, [&vars](std::string_view name) -> std::optional<std::string> {
        if (auto it = vars.find(name); it != vars.end()) return it->second;
        return std::nullopt;
    });
}

struct env_case {
    const char* name;
    scheme kind;
    const char* host;
    env vars;
    std::optional<std::string> want_host;  // nullopt: no proxy
    std::uint16_t want_port = 0;
    std::string want_user = {};
    std::string want_password = {};
};

TEST(proxy_from_environment, table) {
    const std::vector<env_case> cases = {
        {"ws uses http_proxy", scheme::ws, "broker", {{"http_proxy", "http://proxy:3128"}}, "proxy", 3128},
        {"ws uses HTTP_PROXY", scheme::ws, "broker", {{"HTTP_PROXY", "http://PROXY:8080/"}}, "PROXY", 8080},
        {"lower case wins", scheme::ws, "broker", {{"http_proxy", "http://a:1"}, {"HTTP_PROXY", "http://b:2"}}, "a", 1},
        {"ws ignores https_proxy", scheme::ws, "broker", {{"https_proxy", "http://proxy:3128"}}, std::nullopt},
        {"wss uses https_proxy", scheme::wss, "broker", {{"https_proxy", "http://sec:3129"}}, "sec", 3129},
        {"wss uses HTTPS_PROXY", scheme::wss, "broker", {{"HTTPS_PROXY", "sec:3129"}}, "sec", 3129},
        {"wss ignores http_proxy", scheme::wss, "broker", {{"http_proxy", "http://proxy:3128"}}, std::nullopt},
        {"tcp never", scheme::tcp, "broker", {{"http_proxy", "http://p:1"}, {"https_proxy", "http://p:1"}}, std::nullopt},
        {"tls never", scheme::tls, "broker", {{"http_proxy", "http://p:1"}, {"https_proxy", "http://p:1"}}, std::nullopt},
        {"empty value is unset", scheme::ws, "broker", {{"http_proxy", ""}, {"HTTP_PROXY", "http://b:2"}}, "b", 2},
        {"default port http", scheme::ws, "broker", {{"http_proxy", "http://proxy"}}, "proxy", 80},
        {"default port bare", scheme::ws, "broker", {{"http_proxy", "proxy"}}, "proxy", 1080},
        {"credentials", scheme::ws, "broker", {{"http_proxy", "http://us%40er:p%3Ass@proxy:3128"}}, "proxy", 3128, "us@er", "p:ss"},
        {"user only", scheme::ws, "broker", {{"http_proxy", "http://user@proxy:3128"}}, "proxy", 3128, "user", ""},
        {"ipv6 proxy", scheme::ws, "broker", {{"http_proxy", "http://[::1]:3128"}}, "::1", 3128},
        {"https proxy scheme unsupported", scheme::wss, "broker", {{"https_proxy", "https://proxy:443"}}, std::nullopt},
        {"socks unsupported", scheme::ws, "broker", {{"http_proxy", "socks5://proxy:1080"}}, std::nullopt},
        {"bad port", scheme::ws, "broker", {{"http_proxy", "http://proxy:99999"}}, std::nullopt},
        {"no_proxy exact", scheme::ws, "broker", {{"http_proxy", "p:1"}, {"no_proxy", "broker"}}, std::nullopt},
        {"no_proxy star", scheme::ws, "broker", {{"http_proxy", "p:1"}, {"no_proxy", "*"}}, std::nullopt},
        {"no_proxy suffix", scheme::ws, "a.example.com", {{"http_proxy", "p:1"}, {"no_proxy", "example.com"}}, std::nullopt},
        {"no_proxy dot suffix", scheme::ws, "a.example.com", {{"http_proxy", "p:1"}, {"no_proxy", ".example.com"}}, std::nullopt},
        {"no_proxy not a label boundary", scheme::ws, "badexample.com", {{"http_proxy", "p:1"}, {"no_proxy", "example.com"}}, "p", 1},
        {"no_proxy list with spaces", scheme::ws, "broker", {{"http_proxy", "p:1"}, {"no_proxy", "x.org , broker ,y"}}, std::nullopt},
        {"no_proxy case", scheme::ws, "Broker.Example", {{"http_proxy", "p:1"}, {"no_proxy", "broker.example"}}, std::nullopt},
        {"no_proxy with port", scheme::ws, "broker", {{"http_proxy", "p:1"}, {"no_proxy", "broker:8080"}}, std::nullopt},
        {"NO_PROXY upper", scheme::wss, "127.0.0.1", {{"https_proxy", "p:1"}, {"NO_PROXY", "localhost,127.0.0.1"}}, std::nullopt},
        {"no_proxy ipv6", scheme::ws, "::1", {{"http_proxy", "p:1"}, {"no_proxy", "[::1]"}}, std::nullopt},
        {"no_proxy other host", scheme::ws, "broker", {{"http_proxy", "p:1"}, {"no_proxy", "other"}}, "p", 1},
    };
    for (const env_case& c : cases) {
        SCOPED_TRACE(c.name);
        const auto got = lookup(c.kind, c.host, c.vars);
        ASSERT_EQ(got.has_value(), c.want_host.has_value());
        if (!got) continue;
        EXPECT_EQ(got->host, *c.want_host);
        EXPECT_EQ(got->port, c.want_port);
        EXPECT_EQ(got->user, c.want_user);
        EXPECT_EQ(got->password, c.want_password);
    }
}

TEST(config, url_of_and_host_port) {
    EXPECT_EQ(url_of(scheme::ws, "h", 8083, "/mqtt"), "ws://h:8083/mqtt");
    EXPECT_EQ(url_of(scheme::wss, "::1", 8084, "/x?y=1"), "wss://[::1]:8084/x?y=1");
    EXPECT_EQ(url_of(scheme::tcp, "h", 1883, "/mqtt"), "mqtt://h:1883");
    EXPECT_EQ(url_of(scheme::tls, "h", 8883, "/mqtt"), "mqtts://h:8883");
    EXPECT_EQ(host_port("::1", 1), "[::1]:1");
}

}  // namespace
}  // namespace wsmqtt::transport
