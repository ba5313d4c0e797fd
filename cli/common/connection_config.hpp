#pragma once

// What the connection flags of both binaries resolve to: plain data, no Asio, no transport
// types. The lead adapts it to the transport's and the session's own configs.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/session/reconnect_policy.hpp"
#include "core/url/broker_url.hpp"
#include "core/url/proxy_url.hpp"

namespace wsmqtt::cli {

// The CONNECT protocol level byte.
enum class protocol_version : std::uint8_t { v3_1 = 3, v3_1_1 = 4, v5 = 5 };

// --tls-version: the lowest version offered (as mosquitto: tlsv1.2 still allows 1.3).
enum class tls_version : std::uint8_t { v1_2, v1_3 };

struct tls_options {
    std::optional<std::string> cafile;        // --cafile, exists
    std::optional<std::string> capath;        // --capath, an existing directory
    std::optional<std::string> cert;          // --cert, exists; set together with key
    std::optional<std::string> key;           // --key, exists
    std::optional<std::string> key_password;  // --key-password
    bool insecure = false;                    // --insecure: no certificate or host-name check
    bool use_os_certs = false;                // --tls-use-os-certs: system store as well as cafile/capath
    std::optional<tls_version> min_version;   // --tls-version
    std::vector<std::string> alpn;            // --alpn / --tls-alpn, in order
    std::optional<std::string> sni;           // --sni: overrides the server name sent (default: host)
    std::optional<std::string> ciphers;       // --ciphers, OpenSSL cipher list
};

struct http_header {
    std::string name;
    std::string value;
    friend bool operator==(const http_header&, const http_header&) = default;
};

struct websocket_options {
    std::vector<http_header> headers;       // --ws-header, in order
    std::vector<std::string> subprotocols;  // offered: {"mqtt"}, {"mqttv3.1"} for 3.1, or
                                            // --ws-subprotocol; empty = offer none
};

struct will_message {
    std::string topic;  // a valid topic name
    std::string payload;
    std::uint8_t qos = 0;
    bool retain = false;
};

struct connection_config {
    // Resolved from -L, or from -h/-p/--protocol/--ws-path, default ws://localhost:8083/mqtt.
    // broker.username and broker.password are always empty here: the credentials, wherever
    // they came from, are in username/password below. broker.topic is the -L topic for
    // mqtt(s) URLs (the binaries use it as -t).
    url::broker_url broker;
    protocol_version version = protocol_version::v3_1_1;

    std::string client_id;             // empty under MQTT 5 when neither -i nor -I was given
    bool client_id_generated = false;  // true for wsmqtt-XXXXXXXXXXXX and -I prefixes
    std::uint16_t keepalive = 60;      // seconds, 0 = off
    std::optional<std::string> username;
    std::optional<std::string> password;
    bool clean_session = true;  // false with -c (clean start = 0 under MQTT 5)
    // MQTT 5 only: nullopt = property not sent (0). -c without -x gives 0xFFFFFFFF (never).
    std::optional<std::uint32_t> session_expiry_interval;
    std::optional<will_message> will;
    std::chrono::milliseconds connect_timeout{10'000};
    // --max-packet-size: the largest packet we accept (sent as Maximum Packet Size under v5).
    std::optional<std::uint32_t> max_packet_size;
    // --wait-broker: keep retrying the first connection (refused, reset, HTTP 502/503/504 at the
    // upgrade, name not resolvable yet) for this long, so a check can start before its broker.
    std::optional<std::chrono::milliseconds> wait_broker;
    // --reconnect-delay/-max/-attempts, --no-reconnect: what happens after a lost connection.
    session::reconnect_policy reconnect;

    tls_options tls;              // meaningful for mqtts/wss only
    websocket_options websocket;  // meaningful for ws/wss only
    std::optional<url::proxy_url> proxy;
    bool debug = false;
};

// "MQTT 3.1.1" etc.
std::string_view version_name(protocol_version v) noexcept;

// One line for --debug, never the password: e.g.
//   "broker ws://localhost:8083/mqtt, MQTT 3.1.1, client id 'wsmqtt-Ab3...', keepalive 60 s,
//    clean session, user 'alice' with password, connect timeout 10 s"
std::string describe(const connection_config& config);

}  // namespace wsmqtt::cli
