#include "core/transport/proxy_tunnel.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include "core/transport/base64.hpp"
#include "core/transport/errors.hpp"

namespace wsmqtt::transport::detail {
namespace asio = boost::asio;

std::string basic_credentials(const std::string& user, const std::string& password) {
    const std::string plain = user + ":" + password;
    return base64(plain.data(), plain.size());
}

asio::awaitable<tunnel_result> open_tunnel(boost::asio::ip::tcp::socket& stream, proxy_config proxy,
                                           std::string target_host_port) {
    constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
    std::string request = "CONNECT " + target_host_port + " HTTP/1.1\r\nHost: " + target_host_port + "\r\n";
    if (!proxy.user.empty()) request += "Proxy-Authorization: Basic " + basic_credentials(proxy.user, proxy.password) + "\r\n";
    request += "\r\n";
    if (auto [ec, n] = co_await asio::async_write(stream, asio::buffer(request), use_tuple); ec) {
        co_return tunnel_result{ec, "sending CONNECT to the proxy: " + ec.message()};
    }
    // Byte by byte up to the blank line: whatever follows belongs to the tunnelled protocol.
    constexpr std::size_t max_answer = 16384;
    std::string answer;
    while (!answer.ends_with("\r\n\r\n")) {
        if (answer.size() >= max_answer) co_return tunnel_result{transport_errc::proxy_bad_answer, "the proxy's answer is too long"};
        char byte = 0;
        auto [ec, n] = co_await stream.async_read_some(asio::buffer(&byte, 1), use_tuple);
        if (ec) co_return tunnel_result{ec, "the proxy closed the connection before answering CONNECT (" + ec.message() + ")"};
        answer += byte;
    }
    const std::string status_line = answer.substr(0, answer.find("\r\n"));
    // "HTTP/1.1 200 Connection established"
    if (!status_line.starts_with("HTTP/1.") || status_line.size() < 12 || status_line[8] != ' ') {
        co_return tunnel_result{transport_errc::proxy_bad_answer, "the proxy answered CONNECT with '" + status_line + "'"};
    }
    if (status_line[9] != '2') {
        std::string message = "the proxy refused CONNECT " + target_host_port + ": " + status_line.substr(9);
        if (status_line.compare(9, 3, "407") == 0) message += proxy.user.empty() ? "; it wants a user and password" : "; check the proxy user and password";
        co_return tunnel_result{transport_errc::proxy_refused, message};
    }
    co_return tunnel_result{};
}

}  // namespace wsmqtt::transport::detail
