// Internal: the OpenSSL side of a connection: context from tls_options, per-connection SNI and
// host-name check, and the one-line diagnosis of a failed handshake.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/system/error_code.hpp>

#include "core/transport/config.hpp"

namespace wsmqtt::transport::detail {

struct tls_context_result {
    std::shared_ptr<boost::asio::ssl::context> context;  // null on failure
    boost::system::error_code ec;
    std::string message;  // which option failed and why
};

[[nodiscard]] tls_context_result make_tls_context(const tls_options& options);

// What the verify callback saw: the names the peer's certificate holds (SAN DNS/IP, then CN).
struct tls_peer_names {
    std::vector<std::string> names;
};

// The name the certificate must hold: --sni when given, else the host.
[[nodiscard]] std::string verified_name(const transport_config& config);

// SNI (not for IP literals), host-name or IP check, and a verify callback that fills `seen`.
// Call before the handshake.
[[nodiscard]] boost::system::error_code prepare_tls_session(boost::beast::ssl_stream<boost::asio::ip::tcp::socket>& stream,
                                                            const transport_config& config,
                                                            std::shared_ptr<tls_peer_names> seen);

// "<what happened>[; <hint>]" for a failed handshake on `ssl`.
[[nodiscard]] std::string describe_tls_failure(boost::system::error_code ec, SSL* ssl, const tls_peer_names& seen,
                                               const transport_config& config);

// The handshake failure means "the port does not speak TLS" (wrong version, EOF, reset).
[[nodiscard]] bool looks_like_plain_port(boost::system::error_code ec);
// The peer sent a TLS alert: it speaks TLS, whatever else went wrong.
[[nodiscard]] bool is_tls_alert(boost::system::error_code ec);

[[nodiscard]] bool is_ip_literal(const std::string& host);

}  // namespace wsmqtt::transport::detail
