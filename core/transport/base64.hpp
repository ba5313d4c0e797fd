// Internal: base64 (RFC 4648) for the HTTP headers transport writes: the proxy's Basic
// credentials and the WebSocket key and accept value.
#pragma once

#include <cstddef>
#include <string>

#include <boost/beast/core/detail/base64.hpp>

namespace wsmqtt::transport::detail {

// Beast's encoder, as its own WebSocket handshake uses (OpenSSL's EVP would set up its provider
// tables first: millions of instructions in a one-shot publish).
inline std::string base64(const void* bytes, std::size_t size) {
    std::string encoded(boost::beast::detail::base64::encoded_size(size), '\0');
    encoded.resize(boost::beast::detail::base64::encode(encoded.data(), bytes, size));
    return encoded;
}

}  // namespace wsmqtt::transport::detail
