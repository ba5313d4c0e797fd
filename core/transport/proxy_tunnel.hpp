// Internal: the HTTP CONNECT request that turns a TCP connection to a proxy into a tunnel.
#pragma once

#include <string>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/system/error_code.hpp>

#include "core/transport/config.hpp"

namespace wsmqtt::transport::detail {

struct tunnel_result {
    boost::system::error_code ec;
    std::string message;  // on failure: what the proxy said
};

// Sends CONNECT target (with Basic auth when proxy.user is set) and reads the answer, byte-exact:
// nothing after the answer's blank line is consumed, so TLS or WebSocket can start right after.
boost::asio::awaitable<tunnel_result> open_tunnel(boost::asio::ip::tcp::socket& stream, proxy_config proxy,
                                                  std::string target_host_port);

// "user:password" in base64, as Basic auth wants it.
[[nodiscard]] std::string basic_credentials(const std::string& user, const std::string& password);

}  // namespace wsmqtt::transport::detail
