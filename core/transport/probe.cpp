#include "core/transport/probe.hpp"

#include <array>
#include <memory>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "core/transport/tls_setup.hpp"

namespace wsmqtt::transport {
namespace {

namespace beast = boost::beast;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// MQTT 3.1.1 CONNECT: protocol "MQTT" level 4, clean session, keepalive 10 s, empty client id.
constexpr std::array<std::uint8_t, 14> mqtt_connect = {0x10, 0x0C, 0x00, 0x04, 'M', 'Q', 'T', 'T',
                                                       0x04, 0x02, 0x00, 0x0A, 0x00, 0x00};
constexpr std::array<std::uint8_t, 2> mqtt_disconnect = {0xE0, 0x00};

void log_line(const debug_log_fn& log, const std::string& line) {
    if (log) log(line);
}

asio::awaitable<tcp::resolver::results_type> resolve_bounded(asio::any_io_executor executor, std::string host,
                                                             std::uint16_t port, std::chrono::milliseconds bound) {
    auto resolver = std::make_shared<tcp::resolver>(executor);
    asio::steady_timer timer(executor, bound);
    timer.async_wait([resolver](boost::system::error_code ec) {
        if (!ec) resolver->cancel();
    });
    auto [ec, results] = co_await resolver->async_resolve(host, std::to_string(port), use_tuple);
    timer.cancel();
    co_return ec ? tcp::resolver::results_type{} : results;
}

asio::awaitable<bool> check_tls(asio::any_io_executor executor, tcp::resolver::results_type endpoints, std::string host,
                                std::chrono::milliseconds bound) {
    ssl::context context(ssl::context::tls_client);
    context.set_verify_mode(ssl::verify_none);
    beast::ssl_stream<beast::tcp_stream> stream(executor, context);
    beast::get_lowest_layer(stream).expires_after(bound);
    if (auto [ec, ep] = co_await beast::get_lowest_layer(stream).async_connect(endpoints, use_tuple); ec) co_return false;
    if (!detail::is_ip_literal(host)) SSL_set_tlsext_host_name(stream.native_handle(), host.c_str());
    auto [ec] = co_await stream.async_handshake(ssl::stream_base::client, use_tuple);
    beast::get_lowest_layer(stream).close();
    // An alert (say, "certificate required") still proves the port speaks TLS.
    co_return !ec || detail::is_tls_alert(ec);
}

// Sends `request`, reads up to `want` bytes (fewer if the peer stops), returns what came back.
asio::awaitable<std::string> exchange(asio::any_io_executor executor, tcp::resolver::results_type endpoints,
                                      asio::const_buffer request, std::size_t want, std::chrono::milliseconds bound,
                                      bool mqtt_goodbye) {
    beast::tcp_stream stream(executor);
    stream.expires_after(bound);
    std::string answer;
    if (auto [ec, ep] = co_await stream.async_connect(endpoints, use_tuple); ec) co_return answer;
    if (auto [ec, n] = co_await asio::async_write(stream, request, use_tuple); ec) co_return answer;
    std::array<char, 64> chunk{};
    for (int reads = 0; reads < 16 && answer.size() < want; ++reads) {
        auto [ec, n] = co_await stream.async_read_some(asio::buffer(chunk.data(), want - answer.size()), use_tuple);
        answer.append(chunk.data(), n);
        if (ec) break;
    }
    if (mqtt_goodbye && !answer.empty() && static_cast<std::uint8_t>(answer.front()) == 0x20) {
        std::ignore = co_await asio::async_write(stream, asio::buffer(mqtt_disconnect), use_tuple);
    }
    stream.close();
    co_return answer;
}

}  // namespace

const char* port_protocol_name(port_protocol found) noexcept {
    switch (found) {
        case port_protocol::unknown: return "unknown";
        case port_protocol::tls: return "TLS";
        case port_protocol::mqtt: return "plain MQTT";
        case port_protocol::http: return "HTTP/WebSocket";
    }
    return "?";
}

asio::awaitable<port_protocol> probe_port(asio::any_io_executor executor, std::string host, std::uint16_t port,
                                          probe_request request, debug_log_fn debug_log) {
    const auto endpoints = co_await resolve_bounded(executor, host, port, request.bound_per_check);
    if (endpoints.empty()) co_return port_protocol::unknown;
    const std::string where = host_port(host, port);
    if (request.try_tls) {
        log_line(debug_log, "probe " + where + ": trying a TLS handshake");
        if (co_await check_tls(executor, endpoints, host, request.bound_per_check)) {
            log_line(debug_log, "probe " + where + ": it speaks TLS");
            co_return port_protocol::tls;
        }
    }
    if (request.try_mqtt) {
        log_line(debug_log, "probe " + where + ": sending an MQTT CONNECT");
        const std::string answer =
            co_await exchange(executor, endpoints, asio::buffer(mqtt_connect), 4, request.bound_per_check, true);
        if (!answer.empty() && static_cast<std::uint8_t>(answer.front()) == 0x20) {
            log_line(debug_log, "probe " + where + ": it answered a CONNACK");
            co_return port_protocol::mqtt;
        }
    }
    if (request.try_http) {
        log_line(debug_log, "probe " + where + ": sending a WebSocket upgrade for " + request.http_target);
        const std::string get = "GET " + request.http_target + " HTTP/1.1\r\nHost: " + where +
                                "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                "Sec-WebSocket-Key: d3NtcXR0LXBvcnQtcHJvYmU=\r\nSec-WebSocket-Version: 13\r\n"
                                "Sec-WebSocket-Protocol: mqtt\r\n\r\n";
        const std::string answer = co_await exchange(executor, endpoints, asio::buffer(get), 5, request.bound_per_check, false);
        if (answer.starts_with("HTTP/")) {
            log_line(debug_log, "probe " + where + ": it answered HTTP");
            co_return port_protocol::http;
        }
    }
    log_line(debug_log, "probe " + where + ": no protocol recognised");
    co_return port_protocol::unknown;
}

std::string probe_hint(port_protocol found, scheme tried, const std::string& host, std::uint16_t port,
                       const std::string& ws_target) {
    const std::string target = ws_target.empty() ? "/mqtt" : ws_target;
    switch (found) {
        case port_protocol::unknown: return {};
        case port_protocol::tls:
            if (uses_tls(tried)) return {};
            return "that port speaks TLS, use " + url_of(tried == scheme::ws ? scheme::wss : scheme::tls, host, port, target);
        case port_protocol::mqtt:
            if (tried == scheme::tcp) return {};
            return "that port speaks plain MQTT, use " + url_of(scheme::tcp, host, port, target);
        case port_protocol::http:
            if (uses_websocket(tried)) return {};
            return "that port speaks HTTP/WebSocket, use " + url_of(scheme::ws, host, port, target);
    }
    return {};
}

}  // namespace wsmqtt::transport
