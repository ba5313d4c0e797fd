// The staged connect (see connect.hpp). One connect_run per call lives in the coroutine frame
// of connect(); the deadline timer's handler reaches it only through a shared guard.
#include "core/transport/connect.hpp"

#include <algorithm>
#include <memory>
#include <optional>
#include <tuple>
#include <vector>

#include <openssl/ssl.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/websocket/error.hpp>

#include "core/transport/errors.hpp"
#include "core/transport/probe.hpp"
#include "core/transport/proxy_tunnel.hpp"
#include "core/transport/stacks.hpp"
#include "core/transport/tls_setup.hpp"
#include "core/transport/ws_stream.hpp"

namespace wsmqtt::transport {
namespace {

using namespace detail;
using boost::system::error_code;
using tcp = asio::ip::tcp;
namespace http = boost::beast::http;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

struct connect_guard {
    bool active = true;
    bool fired = false;
    tcp::resolver* resolver = nullptr;
    byte_stream* stream = nullptr;
};

std::string seconds_text(std::chrono::milliseconds bound) {
    const auto ms = bound.count();
    std::string text = std::to_string(ms / 1000);
    if (ms % 1000 != 0) {
        std::string fraction = std::to_string(1000 + ms % 1000).substr(1);
        while (fraction.ends_with('0')) fraction.pop_back();
        text += "." + fraction;
    }
    return text + " s";
}

std::string strip_brackets(const std::string& host) {
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') return host.substr(1, host.size() - 2);
    return host;
}

std::string endpoint_text(const tcp::endpoint& endpoint) {
    return host_port(endpoint.address().to_string(), endpoint.port());
}

bool no_http_answer(error_code ec) {
    return ec == asio::error::eof || ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
           ec == http::error::end_of_stream || ec == http::error::partial_message;
}

using failure = std::optional<connect_failure>;

class connect_run {
public:
    connect_run(asio::any_io_executor executor, transport_config config, debug_log_fn log)
        : executor_(std::move(executor)), config_(std::move(config)), log_(std::move(log)),
          url_(url_of(config_)), timer_(executor_) {}

    ~connect_run() { guard_->active = false; }
    connect_run(const connect_run&) = delete;
    connect_run& operator=(const connect_run&) = delete;

    asio::awaitable<connect_outcome> go() {
        if (config_.connect_timeout.count() > 0) {
            timer_.expires_after(config_.connect_timeout);
            timer_.async_wait([guard = guard_](error_code ec) {
                if (ec || !guard->active) return;
                guard->fired = true;
                if (guard->resolver != nullptr) guard->resolver->cancel();
                if (guard->stream != nullptr) guard->stream->abort();
            });
        }
        std::shared_ptr<ssl::context> context;
        if (uses_tls(config_.kind)) {
            tls_context_result made = make_tls_context(config_.tls);
            if (!made.context) co_return fail_outcome(connect_failure{connect_stage::tls, made.ec, url_ + ": " + made.message});
            context = std::move(made.context);
        }
        switch (config_.kind) {
            case scheme::tcp: co_return co_await run_stack(std::make_unique<stack_stream<tcp_stack>>(executor_));
            case scheme::tls: co_return co_await run_stack(std::make_unique<stack_stream<tls_stack>>(executor_, context));
            case scheme::ws: co_return co_await run_stack(std::make_unique<ws_stream<tcp_stack>>(executor_));
            case scheme::wss: co_return co_await run_stack(std::make_unique<ws_stream<tls_stack>>(executor_, context));
        }
        co_return fail_outcome(connect_failure{connect_stage::tcp, asio::error::invalid_argument, url_ + ": unknown scheme"});
    }

private:
    void log(const std::string& line) const {
        if (log_) log_(line);
    }

    connect_outcome fail_outcome(connect_failure f) {
        guard_->active = false;
        timer_.cancel();
        log("failed at " + std::string(stage_name(f.stage)) + ": " + f.message);
        return connect_outcome{nullptr, std::move(f)};
    }

    // The deadline, not the peer, ended the stage: that wins over whatever error it caused.
    failure fail(connect_stage stage, error_code ec, std::string message) const {
        if (guard_->fired) {
            return connect_failure{stage, asio::error::timed_out,
                                   url_ + ": timed out after " + seconds_text(config_.connect_timeout) + " (" +
                                       stage_name(stage) + ")",
                                   true};
        }
        return connect_failure{stage, ec, std::move(message), false};
    }

    // Stream: stack_stream<tcp_stack | tls_stack> or ws_stream<tcp_stack | tls_stack>.
    template <class Stream>
    asio::awaitable<connect_outcome> run_stack(std::unique_ptr<Stream> stream) {
        guard_->stream = stream.get();
        failure f = co_await stage_tcp(stream->lowest());
        if (!f && config_.proxy) f = co_await stage_proxy(stream->lowest());
        if constexpr (std::is_same_v<Stream, stack_stream<tls_stack>>) {
            if (!f) f = co_await stage_tls(stream->stack());
        } else if constexpr (std::is_same_v<Stream, ws_stream<tls_stack>>) {
            if (!f) f = co_await stage_tls(stream->next());
        }
        if constexpr (std::is_same_v<Stream, ws_stream<tcp_stack>> || std::is_same_v<Stream, ws_stream<tls_stack>>) {
            if (!f) f = co_await stage_websocket(*stream);
        }
        guard_->stream = nullptr;
        if (f) co_return fail_outcome(std::move(*f));
        guard_->active = false;
        timer_.cancel();
        log("connected over " + std::string(stream->name()));
        co_return connect_outcome{std::move(stream), {}};
    }

    // An IP literal needs no lookup: Asio's resolver runs getaddrinfo on a thread of its own,
    // and starting that thread is a noticeable part of a one-shot publish to 127.0.0.1. The
    // literal's one endpoint is made here, without a resolver or its results list.
    static std::optional<tcp::endpoint> literal_endpoint(const std::string& host, std::uint16_t port) {
        error_code not_literal;
        const auto address = asio::ip::make_address(host, not_literal);
        if (not_literal) return std::nullopt;
        return tcp::endpoint(address, port);
    }

    asio::awaitable<std::tuple<error_code, std::vector<tcp::endpoint>>> resolve(const std::string& host, std::uint16_t port) {
        tcp::resolver resolver(executor_);
        guard_->resolver = &resolver;
        auto [ec, results] = co_await resolver.async_resolve(host, std::to_string(port), use_tuple);
        guard_->resolver = nullptr;
        std::vector<tcp::endpoint> endpoints;
        for (const auto& entry : results) endpoints.push_back(entry.endpoint());
        co_return std::tuple{ec, std::move(endpoints)};
    }

    asio::awaitable<failure> stage_tcp(tcp::socket& lowest) {
        const bool via_proxy = config_.proxy.has_value();
        const std::string host = via_proxy ? config_.proxy->host : config_.host;
        const std::uint16_t port = via_proxy ? config_.proxy->port : config_.port;
        const std::string what = via_proxy ? "proxy " + host_port(host, port) : url_;
        log("resolving " + host + (via_proxy ? " (proxy)" : ""));
        std::vector<tcp::endpoint> results;
        if (auto literal = literal_endpoint(strip_brackets(host), port)) {
            results.push_back(*literal);
        } else {
            error_code ec;
            std::tie(ec, results) = co_await resolve(strip_brackets(host), port);
            if (ec) co_return fail(connect_stage::resolve, ec, std::string("cannot resolve ") + (via_proxy ? "proxy " : "") + host + ": " + ec.message());
        }
        std::string addresses;
        for (const auto& endpoint : results) addresses += (addresses.empty() ? "" : ", ") + endpoint_text(endpoint);
        log(host + " resolved to " + addresses);
        error_code last = asio::error::host_not_found;
        for (const auto& endpoint : results) {
            if (guard_->fired) break;
            log("tcp connect to " + endpoint_text(endpoint));
            error_code ignored;
            lowest.close(ignored);
            auto [connect_ec] = co_await lowest.async_connect(endpoint, use_tuple);
            if (!connect_ec) {
                lowest.set_option(tcp::no_delay(true), ignored);
                log("tcp connected to " + endpoint_text(endpoint));
                co_return std::nullopt;
            }
            log("tcp connect to " + endpoint_text(endpoint) + " failed: " + connect_ec.message());
            last = connect_ec;
        }
        if (last == asio::error::connection_refused) {
            co_return fail(connect_stage::tcp, last,
                           what + ": connection refused (tried " + addresses + "); is the " +
                               (via_proxy ? "proxy" : "broker") + " running and listening on port " + std::to_string(port) + "?");
        }
        co_return fail(connect_stage::tcp, last, what + ": " + last.message() + " (tried " + addresses + ")");
    }

    asio::awaitable<failure> stage_proxy(tcp::socket& lowest) {
        const std::string target = host_port(config_.host, config_.port);
        log("proxy CONNECT " + target + " via " + host_port(config_.proxy->host, config_.proxy->port));
        tunnel_result tunnel = co_await open_tunnel(lowest, *config_.proxy, target);
        if (tunnel.ec) co_return fail(connect_stage::proxy, tunnel.ec, url_ + ": " + tunnel.message);
        log("proxy tunnel open");
        co_return std::nullopt;
    }

    asio::awaitable<failure> stage_tls(beast::ssl_stream<tcp::socket>& stream) {
        auto seen = std::make_shared<tls_peer_names>();
        if (error_code ec = prepare_tls_session(stream, config_, seen); ec) {
            co_return fail(connect_stage::tls, ec, url_ + ": cannot set up TLS for " + verified_name(config_) + ": " + ec.message());
        }
        log("tls handshake, " + (config_.tls.insecure ? std::string("without verification (--insecure)")
                                                       : "verifying the name " + verified_name(config_)));
        auto [ec] = co_await stream.async_handshake(ssl::stream_base::client, use_tuple);
        if (ec) co_return fail(connect_stage::tls, ec, describe_tls_failure(ec, stream.native_handle(), *seen, config_));
        SSL* handle = stream.native_handle();
        const unsigned char* alpn = nullptr;
        unsigned alpn_length = 0;
        SSL_get0_alpn_selected(handle, &alpn, &alpn_length);
        log(std::string("tls established: ") + SSL_get_version(handle) + ", " + SSL_get_cipher_name(handle) +
            (alpn_length > 0 ? ", ALPN " + std::string(reinterpret_cast<const char*>(alpn), alpn_length) : std::string()));
        co_return std::nullopt;
    }

    template <class WsStream>
    asio::awaitable<failure> stage_websocket(WsStream& ws) {
        ws.read_message_max(config_.ws.read_message_max);
        upgrade_request request;
        request.host = host_port(config_.host, config_.port);
        request.target = config_.ws_target.empty() ? "/" : config_.ws_target;
        for (const std::string& protocol : config_.ws.subprotocols) {
            request.subprotocols += (request.subprotocols.empty() ? "" : ", ") + protocol;
        }
        request.user_agent = config_.ws.user_agent;
        request.headers = config_.ws.headers;
        const std::string& offered = request.subprotocols;
        const std::string& target = request.target;
        log("websocket upgrade: GET " + target + ", Host " + request.host + (offered.empty() ? "" : ", sub-protocol " + offered));
        upgrade_response response;
        if (auto ec = co_await ws.upgrade(request, response)) co_return co_await describe_upgrade_failure(ec, response);
        if (!config_.ws.subprotocols.empty()) {
            const auto answer = response.find(http::field::sec_websocket_protocol);
            const std::string chosen = answer == response.end() ? std::string() : std::string(answer->value());
            if (std::ranges::find(config_.ws.subprotocols, chosen) == config_.ws.subprotocols.end()) {
                co_return fail(connect_stage::websocket, transport_errc::subprotocol_not_agreed,
                               url_ + ": the server did not agree to the WebSocket sub-protocol " + offered + " (it answered " +
                                   (chosen.empty() ? std::string("none") : "'" + chosen + "'") +
                                   "); is this an MQTT WebSocket endpoint?");
            }
            log("websocket open, sub-protocol " + chosen);
        } else {
            log("websocket open");
        }
        co_return std::nullopt;
    }

    asio::awaitable<failure> describe_upgrade_failure(error_code ec, const upgrade_response& response) {
        const std::string target = config_.ws_target.empty() ? "/" : config_.ws_target;
        if (guard_->fired) co_return fail(connect_stage::websocket, ec, {});
        if (ec == boost::beast::websocket::error::upgrade_declined) {
            const unsigned status = response.result_int();
            std::string reason(response.reason());
            if (reason.empty()) reason = std::string(http::obsolete_reason(response.result()));
            std::string message = url_ + ": HTTP " + std::to_string(status) + " " + reason + " for path " + target;
            if (status == 401 || status == 403) message += "; the server wants credentials (see --ws-header)";
            else message += target == "/mqtt" ? "; check the broker's WebSocket path (most brokers use /mqtt)"
                                              : "; most brokers use /mqtt";
            co_return fail(connect_stage::websocket, ec, message);
        }
        const bool not_http = ec.category() == error_code(http::error::end_of_stream).category() && !no_http_answer(ec);
        if (!no_http_answer(ec) && !not_http) co_return fail(connect_stage::websocket, ec, url_ + ": " + ec.message());
        std::string message = url_ + ": " +
                              (not_http ? "the answer is not HTTP (" + ec.message() + ")"
                               : ec == asio::error::connection_reset ? std::string("connection reset with no HTTP answer")
                                                                     : std::string("connection closed with no HTTP answer"));
        std::string hint;
        if (config_.kind == scheme::wss) {
            hint = "if that port speaks MQTT over TLS, use " + url_of(scheme::tls, config_.host, config_.port, target);
        } else if (!config_.proxy) {
            probe_request request;
            request.bound_per_check = std::min(std::chrono::milliseconds(2000), config_.connect_timeout);
            const port_protocol found = co_await probe_port(executor_, config_.host, config_.port, request, log_);
            hint = probe_hint(found, config_.kind, config_.host, config_.port, target);
        }
        if (!hint.empty()) message += "; " + hint;
        co_return fail(connect_stage::websocket, ec, message);
    }

    asio::any_io_executor executor_;
    transport_config config_;
    debug_log_fn log_;
    std::string url_;
    asio::steady_timer timer_;
    std::shared_ptr<connect_guard> guard_ = std::make_shared<connect_guard>();
};

}  // namespace

const char* stage_name(connect_stage stage) noexcept {
    switch (stage) {
        case connect_stage::resolve: return "resolve";
        case connect_stage::tcp: return "tcp connect";
        case connect_stage::proxy: return "proxy";
        case connect_stage::tls: return "tls handshake";
        case connect_stage::websocket: return "websocket upgrade";
    }
    return "?";
}

asio::awaitable<connect_outcome> connect(asio::any_io_executor executor, transport_config config, debug_log_fn debug_log) {
    connect_run run(std::move(executor), std::move(config), std::move(debug_log));
    co_return co_await run.go();
}

}  // namespace wsmqtt::transport
