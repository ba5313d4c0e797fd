// Plain data describing one connection: filled by the CLI, read by connect().
// No Asio here, so the CLI's flag code can include it cheaply.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace wsmqtt::transport {

enum class scheme : std::uint8_t { tcp, tls, ws, wss };

// "mqtt", "mqtts", "ws", "wss": the spelling users type in URLs and hints.
[[nodiscard]] const char* scheme_name(scheme kind) noexcept;
[[nodiscard]] constexpr bool uses_tls(scheme kind) noexcept { return kind == scheme::tls || kind == scheme::wss; }
[[nodiscard]] constexpr bool uses_websocket(scheme kind) noexcept { return kind == scheme::ws || kind == scheme::wss; }

struct tls_options {
    std::string cafile;        // PEM bundle; with capath empty too, the system trust store is used
    std::string capath;        // c_rehash'ed directory
    std::string certfile;      // client certificate chain (PEM) for mutual TLS
    std::string keyfile;       // its private key (PEM); defaults to certfile when empty
    std::string key_password;  // passphrase of an encrypted keyfile
    bool insecure = false;     // skip chain and host-name verification entirely
    std::string min_version;   // "" (library default), "tlsv1.2" or "tlsv1.3"
    std::vector<std::string> alpn;  // e.g. {"mqtt"}; empty: no ALPN extension
    std::string sni;           // overrides SNI and the name verified against the certificate
    std::string ciphers;       // OpenSSL cipher list for TLS <= 1.2; "" keeps the default
};

struct ws_options {
    std::vector<std::string> subprotocols = {"mqtt"};  // "mqttv3.1" for MQTT 3.1
    std::vector<std::pair<std::string, std::string>> headers;  // extra request headers (--ws-header)
    std::string user_agent = "wsmqtt";  // the CLI sets "wsmqtt/<version>"
    // Upper bound of one incoming WebSocket message: the largest MQTT packet plus its header.
    std::uint64_t read_message_max = 268435455ULL + 5U;
};

struct proxy_config {
    std::string host;
    std::uint16_t port = 0;
    std::string user;      // Basic auth when non-empty
    std::string password;
};

struct transport_config {
    scheme kind = scheme::ws;
    std::string host;               // name or IP literal; IPv6 without brackets
    std::uint16_t port = 0;
    std::string ws_target = "/mqtt";  // path?query of the upgrade request
    tls_options tls;
    ws_options ws;
    std::optional<proxy_config> proxy;  // HTTP CONNECT tunnel
    std::chrono::milliseconds connect_timeout{10000};  // whole staged connect; <= 0 means none
};

// "ws://host:port/mqtt", "mqtts://[::1]:8883": the URL a config stands for, for messages and hints.
[[nodiscard]] std::string url_of(scheme kind, const std::string& host, std::uint16_t port,
                                 const std::string& ws_target);
[[nodiscard]] inline std::string url_of(const transport_config& config) {
    return url_of(config.kind, config.host, config.port, config.ws_target);
}
// Builds the TLS context `options` ask for (trust store, --cert/--key, --key-password, versions,
// ciphers, ALPN) without connecting, so a file that does not load, a key that does not match its
// certificate or a wrong key password is found before any connection: a one-line message naming
// the option, or nullopt. connect() builds the same context again.
[[nodiscard]] std::optional<std::string> check_tls_options(const tls_options& options);

// "host:port", with brackets around IPv6 literals (Host header, CONNECT line).
[[nodiscard]] std::string host_port(const std::string& host, std::uint16_t port);

}  // namespace wsmqtt::transport
