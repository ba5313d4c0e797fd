#include "test_support.hpp"

#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

namespace wsmqtt::transport::testing {
namespace {

namespace ssl = asio::ssl;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

void run(const std::string& command) {
    if (std::system((command + " >/dev/null 2>&1").c_str()) != 0) throw std::runtime_error("failed: " + command);
}

struct cert_dir {
    test_certs files;
    cert_dir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "wsmqtt-transport-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp");
        const std::string d = pattern;
        files.dir = d;
        const std::string ec = " -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes ";
        run("openssl req -x509" + ec + "-keyout " + d + "/ca.key -out " + d + "/ca.crt -days 2 -subj /CN=wsmqtt-test-ca" +
            " -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign");
        const auto leaf = [&](const std::string& name, const std::string& cn, const std::string& san) {
            run("openssl req" + ec + "-keyout " + d + "/" + name + ".key -out " + d + "/" + name + ".csr -subj /CN=" + cn);
            std::ofstream(d + "/" + name + ".ext")
                << "basicConstraints=CA:FALSE\nsubjectAltName=" << san << "\nextendedKeyUsage=serverAuth,clientAuth\n";
            run("openssl x509 -req -in " + d + "/" + name + ".csr -CA " + d + "/ca.crt -CAkey " + d + "/ca.key -CAcreateserial -out " +
                d + "/" + name + ".crt -days 2 -extfile " + d + "/" + name + ".ext");
        };
        leaf("server", "localhost", "DNS:localhost,IP:127.0.0.1");
        leaf("other", "other.example", "DNS:other.example");
        leaf("client", "test-client", "DNS:test-client");
        run("openssl pkey -in " + d + "/client.key -aes256 -passout pass:secret -out " + d + "/client.enc.key");
        files.ca = d + "/ca.crt";
        files.server_crt = d + "/server.crt";
        files.server_key = d + "/server.key";
        files.other_crt = d + "/other.crt";
        files.other_key = d + "/other.key";
        files.client_crt = d + "/client.crt";
        files.client_key = d + "/client.enc.key";
    }
    ~cert_dir() {
        if (std::getenv("WSMQTT_KEEP_TEST_CERTS") != nullptr) return;
        std::error_code ignored;
        std::filesystem::remove_all(files.dir, ignored);
    }
    cert_dir(const cert_dir&) = delete;
    cert_dir& operator=(const cert_dir&) = delete;
};

std::shared_ptr<ssl::context> server_context(const std::string& certfile, const std::string& keyfile, bool require_client_cert) {
    auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
    context->use_certificate_chain_file(certfile);
    context->use_private_key_file(keyfile, ssl::context::pem);
    if (require_client_cert) {
        context->load_verify_file(certs().ca);
        context->set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert);
    }
    return context;
}

template <class Stream>
asio::awaitable<void> echo_bytes(Stream& stream) {
    std::array<char, 4096> chunk{};
    for (;;) {
        auto [ec, n] = co_await stream.async_read_some(asio::buffer(chunk), use_tuple);
        if (ec) co_return;
        if (auto [write_ec, written] = co_await asio::async_write(stream, asio::buffer(chunk.data(), n), use_tuple); write_ec) co_return;
    }
}

template <class Ws>
asio::awaitable<void> echo_messages(Ws& ws) {
    ws.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& response) { response.set(beast::http::field::sec_websocket_protocol, "mqtt"); }));
    ws.read_message_max(64U << 20U);
    if (auto [ec] = co_await ws.async_accept(use_tuple); ec) co_return;
    beast::flat_buffer buffer;
    for (;;) {
        auto [ec, n] = co_await ws.async_read(buffer, use_tuple);
        if (ec) co_return;
        ws.binary(ws.got_binary());
        if (auto [write_ec, written] = co_await ws.async_write(buffer.data(), use_tuple); write_ec) co_return;
        buffer.consume(buffer.size());
    }
}

asio::awaitable<void> echo_connection(tcp::socket socket, echo_kind kind, std::shared_ptr<ssl::context> context) {
    switch (kind) {
        case echo_kind::plain: co_await echo_bytes(socket); break;
        case echo_kind::tls: {
            ssl::stream<tcp::socket> stream(std::move(socket), *context);
            if (auto [ec] = co_await stream.async_handshake(ssl::stream_base::server, use_tuple); !ec) co_await echo_bytes(stream);
            break;
        }
        case echo_kind::ws: {
            websocket::stream<tcp::socket> ws(std::move(socket));
            co_await echo_messages(ws);
            break;
        }
        case echo_kind::wss: {
            websocket::stream<ssl::stream<tcp::socket>> ws(std::move(socket), *context);
            if (auto [ec] = co_await ws.next_layer().async_handshake(ssl::stream_base::server, use_tuple); !ec) co_await echo_messages(ws);
            break;
        }
    }
}

asio::awaitable<void> echo_accept_loop(tcp::acceptor acceptor, echo_kind kind, std::shared_ptr<ssl::context> context) {
    for (int i = 0; i < 64; ++i) {
        auto [ec, socket] = co_await acceptor.async_accept(use_tuple);
        if (ec) co_return;
        asio::co_spawn(acceptor.get_executor(), echo_connection(std::move(socket), kind, context), asio::detached);
    }
}

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string header_value(const std::string& head, const std::string& name) {
    const std::string low = lower(head);
    const auto at = low.find("\r\n" + lower(name) + ":");
    if (at == std::string::npos) return {};
    auto begin = at + 3 + name.size();
    while (begin < head.size() && head[begin] == ' ') ++begin;
    return head.substr(begin, head.find("\r\n", begin) - begin);
}

std::string websocket_accept(const std::string& key) {
    const std::string input = key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    std::array<unsigned char, SHA_DIGEST_LENGTH> digest{};
    SHA1(reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest.data());
    std::array<unsigned char, 64> encoded{};
    const int n = EVP_EncodeBlock(encoded.data(), digest.data(), static_cast<int>(digest.size()));
    return {reinterpret_cast<const char*>(encoded.data()), static_cast<std::size_t>(n)};
}

asio::awaitable<void> raw_ws_run(tcp::acceptor acceptor, std::shared_ptr<raw_ws_state> state) {
    auto [ec, socket] = co_await acceptor.async_accept(use_tuple);
    if (ec) co_return;
    std::string head;
    auto [read_ec, n] = co_await asio::async_read_until(socket, asio::dynamic_buffer(head, 65536), "\r\n\r\n", use_tuple);
    if (read_ec) co_return;
    state->request = head.substr(0, n);
    std::string response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " +
                           websocket_accept(header_value(state->request, "Sec-WebSocket-Key")) + "\r\n";
    if (state->protocol_answer) response += "Sec-WebSocket-Protocol: " + *state->protocol_answer + "\r\n";
    response += "\r\n";
    if (auto [e, w] = co_await asio::async_write(socket, asio::buffer(response), use_tuple); e) co_return;
    if (!state->frames.empty()) {
        if (auto [e, w] = co_await asio::async_write(socket, asio::buffer(state->frames), use_tuple); e) co_return;
    }
    std::string captured(state->capture, '\0');
    if (auto [e, r] = co_await asio::async_read(socket, asio::buffer(captured), use_tuple); e) co_return;
    state->captured = captured;
    unsigned char next = 0;
    if (auto [e, r] = co_await asio::async_read(socket, asio::buffer(&next, 1), use_tuple); !e) state->after = next;
    const std::string close_frame("\x88\x00", 2);
    std::ignore = co_await asio::async_write(socket, asio::buffer(close_frame), use_tuple);
    boost::system::error_code ignored;
    socket.shutdown(tcp::socket::shutdown_both, ignored);
    state->finished = true;
}

asio::awaitable<void> http_status_connection(tcp::socket socket, std::string status) {
    // Like a real HTTP server, hang up at once on bytes that cannot start a request.
    std::string head(1, '\0');
    if (auto [e, r] = co_await asio::async_read(socket, asio::buffer(head), use_tuple);
        e || std::isalpha(static_cast<unsigned char>(head.front())) == 0) {
        co_return;
    }
    auto [ec, n] = co_await asio::async_read_until(socket, asio::dynamic_buffer(head, 65536), "\r\n\r\n", use_tuple);
    if (ec) co_return;
    const std::string answer = "HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    std::ignore = co_await asio::async_write(socket, asio::buffer(answer), use_tuple);
}

asio::awaitable<void> fake_mqtt_connection(tcp::socket socket) {
    std::array<unsigned char, 256> chunk{};
    auto [ec, n] = co_await socket.async_read_some(asio::buffer(chunk), use_tuple);
    if (ec || chunk[0] != 0x10) co_return;  // not a CONNECT: hang up, like mosquitto
    const std::array<unsigned char, 4> connack = {0x20, 0x02, 0x00, 0x00};
    if (auto [e, w] = co_await asio::async_write(socket, asio::buffer(connack), use_tuple); e) co_return;
    for (int i = 0; i < 64; ++i) {
        if (auto [e, r] = co_await socket.async_read_some(asio::buffer(chunk), use_tuple); e) co_return;
    }
}

asio::awaitable<void> pipe(std::shared_ptr<tcp::socket> from, std::shared_ptr<tcp::socket> to) {
    std::array<char, 8192> chunk{};
    for (;;) {
        auto [ec, n] = co_await from->async_read_some(asio::buffer(chunk), use_tuple);
        if (ec) break;
        if (auto [e, w] = co_await asio::async_write(*to, asio::buffer(chunk.data(), n), use_tuple); e) break;
    }
    boost::system::error_code ignored;
    to->shutdown(tcp::socket::shutdown_send, ignored);
}

asio::awaitable<void> proxy_connection(tcp::socket socket, std::shared_ptr<proxy_state> state) {
    std::string head;
    auto [ec, n] = co_await asio::async_read_until(socket, asio::dynamic_buffer(head, 65536), "\r\n\r\n", use_tuple);
    if (ec) co_return;
    state->request = head.substr(0, n);
    if (!state->status.starts_with("200")) {
        const std::string answer = "HTTP/1.1 " + state->status + "\r\nProxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\n\r\n";
        std::ignore = co_await asio::async_write(socket, asio::buffer(answer), use_tuple);
        co_return;
    }
    const std::string target = head.substr(8, head.find(' ', 8) - 8);  // "CONNECT host:port HTTP/1.1"
    const auto colon = target.rfind(':');
    tcp::resolver resolver(socket.get_executor());
    auto [resolve_ec, results] = co_await resolver.async_resolve(target.substr(0, colon), target.substr(colon + 1), use_tuple);
    if (resolve_ec) co_return;
    auto upstream = std::make_shared<tcp::socket>(socket.get_executor());
    if (auto [e, ep] = co_await asio::async_connect(*upstream, results, use_tuple); e) co_return;
    const std::string answer = "HTTP/1.1 " + state->status + "\r\n\r\n";
    if (auto [e, w] = co_await asio::async_write(socket, asio::buffer(answer), use_tuple); e) co_return;
    ++state->tunnels;
    auto client = std::make_shared<tcp::socket>(std::move(socket));
    if (head.size() > n) std::ignore = co_await asio::async_write(*upstream, asio::buffer(head.substr(n)), use_tuple);
    asio::co_spawn(client->get_executor(), pipe(upstream, client), asio::detached);
    co_await pipe(client, upstream);
}

template <class Connection, class... Args>
asio::awaitable<void> accept_loop(tcp::acceptor acceptor, Connection connection, Args... args) {
    for (int i = 0; i < 64; ++i) {
        auto [ec, socket] = co_await acceptor.async_accept(use_tuple);
        if (ec) co_return;
        asio::co_spawn(acceptor.get_executor(), connection(std::move(socket), args...), asio::detached);
    }
}

}  // namespace

const test_certs& certs() {
    static const cert_dir dir;
    return dir.files;
}

bool run_bounded(asio::io_context& context, asio::awaitable<void> body, std::chrono::milliseconds bound) {
    bool done = false;
    std::exception_ptr failure;
    asio::co_spawn(context, std::move(body), [&](std::exception_ptr e) {
        done = true;
        failure = e;
        context.stop();
    });
    context.run_for(bound);
    if (failure) std::rethrow_exception(failure);
    return done;
}

tcp::acceptor listen_loopback(asio::io_context& context) {
    return tcp::acceptor(context, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
}

std::uint16_t port_of(const tcp::acceptor& acceptor) { return acceptor.local_endpoint().port(); }

void start_echo_server(tcp::acceptor acceptor, echo_kind kind, std::string certfile, std::string keyfile, bool require_client_cert) {
    std::shared_ptr<ssl::context> context;
    if (kind == echo_kind::tls || kind == echo_kind::wss) context = server_context(certfile, keyfile, require_client_cert);
    auto executor = acceptor.get_executor();
    asio::co_spawn(executor, echo_accept_loop(std::move(acceptor), kind, std::move(context)), asio::detached);
}

void start_raw_ws_server(tcp::acceptor acceptor, std::shared_ptr<raw_ws_state> state) {
    auto executor = acceptor.get_executor();
    asio::co_spawn(executor, raw_ws_run(std::move(acceptor), std::move(state)), asio::detached);
}

std::string server_frame(std::uint8_t opcode, bool fin, std::string_view payload) {
    std::string frame;
    frame += static_cast<char>((fin ? 0x80 : 0x00) | opcode);
    if (payload.size() < 126) {
        frame += static_cast<char>(payload.size());
    } else if (payload.size() < 65536) {
        frame += static_cast<char>(126);
        frame += static_cast<char>(payload.size() >> 8U);
        frame += static_cast<char>(payload.size() & 0xFFU);
    } else {
        frame += static_cast<char>(127);
        for (int shift = 56; shift >= 0; shift -= 8) frame += static_cast<char>((payload.size() >> shift) & 0xFFU);
    }
    frame += payload;
    return frame;
}

void start_http_status_server(tcp::acceptor acceptor, std::string status) {
    auto executor = acceptor.get_executor();
    asio::co_spawn(executor, accept_loop(std::move(acceptor), &http_status_connection, std::move(status)), asio::detached);
}

void start_fake_mqtt_server(tcp::acceptor acceptor) {
    auto executor = acceptor.get_executor();
    asio::co_spawn(executor, accept_loop(std::move(acceptor), &fake_mqtt_connection), asio::detached);
}

void start_fake_proxy(tcp::acceptor acceptor, std::shared_ptr<proxy_state> state) {
    auto executor = acceptor.get_executor();
    asio::co_spawn(executor, accept_loop(std::move(acceptor), &proxy_connection, std::move(state)), asio::detached);
}

}  // namespace wsmqtt::transport::testing
