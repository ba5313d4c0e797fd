#pragma once
// --wait-broker: which failures of the first connect mean "the broker is not up yet" and are
// worth another try, and how long to pause between tries. Pure.
#include <chrono>
#include <cstdint>

#include "core/transport/connect.hpp"

namespace wsmqtt::cli {

// True for what a starting broker (or a container network) looks like: the name not resolvable
// yet, TCP refused/unreachable/reset, a connect timeout, the connection closed during the TLS
// handshake or the upgrade, HTTP 502/503/504 at the upgrade or from the proxy. False for answers
// that will not change by waiting: certificate problems, HTTP 404, a refused sub-protocol.
[[nodiscard]] bool worth_waiting_for(const transport::connect_failure& failure);

// Pause before try `attempt` (1 = the first retry): 100 ms doubling to at most 1 s, so a broker
// that comes up is noticed within a second.
[[nodiscard]] std::chrono::milliseconds wait_broker_pause(std::uint32_t attempt) noexcept;

}  // namespace wsmqtt::cli
