#include "core/transport/errors.hpp"

#include <string>

namespace wsmqtt::transport {
namespace {

class category final : public boost::system::error_category {
public:
    const char* name() const noexcept override { return "wsmqtt.transport"; }
    std::string message(int value) const override {
        switch (static_cast<transport_errc>(value)) {
            case transport_errc::text_frame: return "received a WebSocket text frame (MQTT needs binary frames)";
            case transport_errc::subprotocol_not_agreed: return "WebSocket sub-protocol not agreed";
            case transport_errc::no_http_answer: return "no HTTP answer to the WebSocket upgrade";
            case transport_errc::proxy_refused: return "the proxy refused the CONNECT request";
            case transport_errc::proxy_bad_answer: return "the proxy did not answer with HTTP";
            case transport_errc::bad_tls_option: return "a TLS option could not be applied";
        }
        return "unknown transport error";
    }
};

}  // namespace

const boost::system::error_category& transport_category() noexcept {
    static const category instance;
    return instance;
}

}  // namespace wsmqtt::transport
