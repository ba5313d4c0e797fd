#include "cli/runtime/connect_retry.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/http/error.hpp>

#include <algorithm>
#include <string_view>

namespace wsmqtt::cli {
namespace {

namespace asio = boost::asio;

bool connection_went_away(const boost::system::error_code& ec) {
    return ec == asio::error::connection_refused || ec == asio::error::connection_reset ||
           ec == asio::error::connection_aborted || ec == asio::error::eof || ec == asio::error::broken_pipe ||
           ec == asio::ssl::error::stream_truncated || ec == boost::beast::http::error::end_of_stream;
}

bool gateway_status(std::string_view message) {
    // The transport reports an HTTP refusal as "...: HTTP 503 Service Unavailable for path ..."
    // (proxy: "...: 503 ..."); these three are what a proxy or load balancer in front of a broker
    // that is still starting answers.
    for (std::string_view code : {"502", "503", "504"}) {
        auto at = message.find(code);
        while (at != std::string_view::npos) {
            const bool starts = at == 0 || message[at - 1] == ' ';
            const bool ends = at + 3 == message.size() || message[at + 3] == ' ';
            if (starts && ends) return true;
            at = message.find(code, at + 1);
        }
    }
    return false;
}

}  // namespace

bool worth_waiting_for(const transport::connect_failure& failure) {
    if (failure.timed_out) return true;
    switch (failure.stage) {
        case transport::connect_stage::resolve:
        case transport::connect_stage::tcp: return true;
        case transport::connect_stage::proxy: return connection_went_away(failure.ec) || gateway_status(failure.message);
        case transport::connect_stage::tls: return connection_went_away(failure.ec);
        case transport::connect_stage::websocket:
            return connection_went_away(failure.ec) || gateway_status(failure.message) ||
                   failure.message.find("no HTTP answer") != std::string::npos;
    }
    return false;
}

std::chrono::milliseconds wait_broker_pause(std::uint32_t attempt) noexcept {
    const std::uint32_t shift = std::min<std::uint32_t>(attempt > 0 ? attempt - 1 : 0, 4);
    return std::min(std::chrono::milliseconds{100} * (1u << shift), std::chrono::milliseconds{1000});
}

}  // namespace wsmqtt::cli
