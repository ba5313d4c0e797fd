#include "cli/runtime/runtime_config.hpp"

#include <cstdlib>
#include <string>

#include "core/transport/proxy_env.hpp"

namespace wsmqtt::cli {

namespace {

transport::scheme transport_scheme(url::scheme kind) noexcept {
    switch (kind) {
        case url::scheme::mqtt: return transport::scheme::tcp;
        case url::scheme::mqtts: return transport::scheme::tls;
        case url::scheme::ws: return transport::scheme::ws;
        case url::scheme::wss: return transport::scheme::wss;
    }
    return transport::scheme::tcp;
}

std::vector<std::uint8_t> bytes_of(std::string_view text) { return {text.begin(), text.end()}; }

}  // namespace

transport::transport_config make_transport_config(const connection_config& config, std::string_view user_agent) {
    transport::transport_config t;
    t.kind = transport_scheme(config.broker.kind);
    t.host = config.broker.host;
    t.port = config.broker.port;
    if (transport::uses_websocket(t.kind)) t.ws_target = config.broker.target;
    t.connect_timeout = config.connect_timeout;

    const auto& tls = config.tls;
    t.tls.cafile = tls.cafile.value_or("");
    t.tls.capath = tls.capath.value_or("");
    t.tls.certfile = tls.cert.value_or("");
    t.tls.keyfile = tls.key.value_or("");
    t.tls.key_password = tls.key_password.value_or("");
    t.tls.insecure = tls.insecure;
    if (tls.min_version) t.tls.min_version = *tls.min_version == tls_version::v1_3 ? "tlsv1.3" : "tlsv1.2";
    t.tls.alpn = tls.alpn;
    t.tls.sni = tls.sni.value_or("");
    t.tls.ciphers = tls.ciphers.value_or("");

    t.ws.subprotocols = config.websocket.subprotocols;
    for (const auto& h : config.websocket.headers) t.ws.headers.emplace_back(h.name, h.value);
    t.ws.user_agent = std::string{user_agent};

    if (config.proxy) {
        transport::proxy_config p;
        p.host = config.proxy->host;
        p.port = config.proxy->port;
        p.user = config.proxy->username.value_or("");
        p.password = config.proxy->password.value_or("");
        t.proxy = std::move(p);
    } else {
        t.proxy = transport::proxy_from_environment(t.kind, t.host, [](std::string_view name) {
            const char* value = std::getenv(std::string{name}.c_str());
            return value ? std::optional<std::string>{value} : std::nullopt;
        });
    }
    return t;
}

session::session_config make_session_config(const connection_config& config) {
    session::session_config s;
    s.version = static_cast<codec::protocol_version>(config.version);
    s.client_id = config.client_id;
    s.clean_start = config.clean_session;
    s.keep_alive = config.keepalive;
    s.username = config.username;
    if (config.password) s.password = bytes_of(*config.password);
    if (config.will) {
        codec::will_message will;
        will.topic = config.will->topic;
        will.payload = bytes_of(config.will->payload);
        will.qos = static_cast<codec::qos>(config.will->qos);
        will.retain = config.will->retain;
        s.will = std::move(will);
    }
    if (config.session_expiry_interval) s.connect_props.session_expiry_interval = *config.session_expiry_interval;
    s.connect_timeout = config.connect_timeout;
    // Under 3.1.1 the property is not sent, but the driver still enforces it on what arrives.
    if (config.max_packet_size) s.connect_props.maximum_packet_size = *config.max_packet_size;
    s.reconnect = config.reconnect;
    return s;
}

codec::properties with_connect_flags(codec::properties from_d, const codec::properties& flags) {
    if (!from_d.session_expiry_interval) from_d.session_expiry_interval = flags.session_expiry_interval;
    if (!from_d.maximum_packet_size) from_d.maximum_packet_size = flags.maximum_packet_size;
    return from_d;
}

}  // namespace wsmqtt::cli
