#include "cli/common/flag_values.hpp"
#include "cli/common/resolve.hpp"

namespace wsmqtt::cli::detail {

void resolve_tls(const raw_connection_flags& raw, std::optional<url::scheme> kind, connection_config& config,
                 std::vector<std::string>& errors) {
    auto& tls = config.tls;
    std::vector<std::string> given;
    if (raw.cafile) given.emplace_back("--cafile");
    if (raw.capath) given.emplace_back("--capath");
    if (raw.cert) given.emplace_back("--cert");
    if (raw.key) given.emplace_back("--key");
    if (raw.key_password) given.emplace_back("--key-password");
    if (raw.insecure) given.emplace_back("--insecure");
    if (raw.use_os_certs) given.emplace_back("--tls-use-os-certs");
    if (raw.tls_version) given.emplace_back("--tls-version");
    if (!raw.alpn.empty()) given.emplace_back("--alpn");
    if (raw.sni) given.emplace_back("--sni");
    if (raw.ciphers) given.emplace_back("--ciphers");
    // Silently ignoring --cafile on a ws:// broker would hide the real mistake (the scheme).
    if (kind && !url::is_tls(*kind) && !given.empty())
        errors.push_back("TLS options (" + join_names(given) +
                         ") need an mqtts:// or wss:// broker, but it is " + config.broker.to_string() +
                         "; use -L mqtts://... or wss://..., or --protocol mqtts|wss");

    const auto check_file = [&](const char* flag, const std::optional<std::string>& path, bool directory) {
        if (!path) return;
        if (auto problem = path_problem(flag, *path, directory)) errors.push_back(*problem);
    };
    check_file("--cafile", raw.cafile, false);
    check_file("--capath", raw.capath, true);
    check_file("--cert", raw.cert, false);
    check_file("--key", raw.key, false);
    if (raw.cert.has_value() != raw.key.has_value())
        errors.push_back(std::string(raw.cert ? "--cert needs --key" : "--key needs --cert") +
                         ": give both the client certificate and its private key");
    if (raw.key_password && !raw.key) errors.emplace_back("--key-password needs --key");

    tls.cafile = raw.cafile;
    tls.capath = raw.capath;
    tls.cert = raw.cert;
    tls.key = raw.key;
    tls.key_password = raw.key_password;
    tls.insecure = raw.insecure;
    tls.use_os_certs = raw.use_os_certs;
    if (raw.tls_version) {
        if (auto v = parse_tls_version(*raw.tls_version))
            tls.min_version = *v;
        else
            errors.push_back(v.error().message);
    }
    for (const auto& protocol : raw.alpn) {
        // The ALPN wire format gives each name a one-byte length (RFC 7301).
        if (protocol.empty() || protocol.size() > 255)
            errors.push_back("--alpn " + quote(protocol) + " must be 1 to 255 bytes");
    }
    tls.alpn = raw.alpn;
    if (raw.sni) {
        if (raw.sni->empty() || raw.sni->find_first_of(" \t\r\n/") != std::string::npos)
            errors.push_back("--sni " + quote(*raw.sni) + " must be a host name");
        tls.sni = raw.sni;
    }
    if (raw.ciphers) {
        if (raw.ciphers->empty()) errors.emplace_back("--ciphers is empty");
        tls.ciphers = raw.ciphers;
    }
}

void resolve_websocket(const raw_connection_flags& raw, std::optional<url::scheme> kind,
                       connection_config& config, std::vector<std::string>& errors) {
    std::vector<std::string> given;
    if (!raw.ws_headers.empty()) given.emplace_back("--ws-header");
    if (!raw.ws_subprotocols.empty()) given.emplace_back("--ws-subprotocol");
    if (kind && !url::is_websocket(*kind) && !given.empty())
        errors.push_back("WebSocket options (" + join_names(given) +
                         ") need a ws:// or wss:// broker, but it is " + config.broker.to_string());

    for (const auto& text : raw.ws_headers) {
        if (auto header = parse_ws_header(text))
            config.websocket.headers.push_back(std::move(*header));
        else
            errors.push_back(header.error().message);
    }

    auto& offered = config.websocket.subprotocols;
    if (raw.ws_subprotocols.empty()) {
        // MQTT-6.0.0-3 asks for "mqtt"; MQTT 3.1 brokers knew the older "mqttv3.1".
        offered = {config.version == protocol_version::v3_1 ? "mqttv3.1" : "mqtt"};
    } else if (raw.ws_subprotocols.size() == 1 && raw.ws_subprotocols.front() == "none") {
        offered.clear();
    } else {
        for (const auto& name : raw.ws_subprotocols) {
            if (name == "none")
                errors.emplace_back("--ws-subprotocol none cannot be combined with other sub-protocols");
            else if (!is_http_token(name))
                errors.push_back("--ws-subprotocol " + quote(name) +
                                 " is not a valid sub-protocol name (an HTTP token)");
            else
                offered.push_back(name);
        }
    }

    if (raw.proxy) {
        if (auto proxy = url::parse_proxy_url(*raw.proxy))
            config.proxy = std::move(*proxy);
        else
            errors.push_back(proxy.error().message);
    }
}

}  // namespace wsmqtt::cli::detail
