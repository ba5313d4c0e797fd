// The staged connect: resolve → tcp (every address) → proxy CONNECT → tls → websocket upgrade,
// the whole bounded by config.connect_timeout. Each stage logs one line to debug_log (-d) and
// fails with its own stage, error code and one-line diagnosis.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/system/error_code.hpp>

#include "core/transport/byte_stream.hpp"
#include "core/transport/config.hpp"

namespace wsmqtt::transport {

enum class connect_stage : std::uint8_t { resolve, tcp, proxy, tls, websocket };

// "resolve", "tcp connect", "proxy", "tls handshake", "websocket upgrade": the <stage> part of
// the error line (contracts.md).
[[nodiscard]] const char* stage_name(connect_stage stage) noexcept;

struct connect_failure {
    connect_stage stage = connect_stage::tcp;
    boost::system::error_code ec;
    // One line, no program/stage prefix, no newline: "<what happened>[; <hint>]".
    std::string message;
    // The connect_timeout fired (during `stage`): exit 3 whatever the stage (contracts.md).
    bool timed_out = false;
};

struct connect_outcome {
    std::unique_ptr<byte_stream> stream;  // set on success
    connect_failure failure;              // meaningful when !stream
    [[nodiscard]] bool ok() const noexcept { return stream != nullptr; }
};

using debug_log_fn = std::function<void(std::string_view)>;

// Never throws; every failure comes back as connect_outcome::failure. debug_log may be empty.
asio::awaitable<connect_outcome> connect(asio::any_io_executor executor, transport_config config,
                                         debug_log_fn debug_log);

}  // namespace wsmqtt::transport
