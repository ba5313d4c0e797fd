// Error codes of our own for what neither Asio, OpenSSL nor Beast names.
#pragma once

#include <cstdint>
#include <system_error>
#include <type_traits>

#include <boost/system/error_code.hpp>

namespace wsmqtt::transport {

enum class transport_errc : std::uint8_t {
    text_frame = 1,            // a WebSocket text frame: MQTT over WebSocket is binary only
    subprotocol_not_agreed,    // the upgrade answer did not select one of our sub-protocols
    no_http_answer,            // the upgrade ended before any HTTP answer came back
    proxy_refused,             // the proxy answered CONNECT with a non-2xx status
    proxy_bad_answer,          // the proxy's answer was not HTTP, or too long
    bad_tls_option,            // a TLS file or option could not be loaded or applied
};

[[nodiscard]] const boost::system::error_category& transport_category() noexcept;

[[nodiscard]] inline boost::system::error_code make_error_code(transport_errc e) noexcept {
    return {static_cast<int>(e), transport_category()};
}

}  // namespace wsmqtt::transport

template <>
struct boost::system::is_error_code_enum<wsmqtt::transport::transport_errc> : std::true_type {};
