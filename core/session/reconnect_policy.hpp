#pragma once
// When to try again after a connection is lost: exponential back-off from `initial_delay`,
// doubling per attempt, capped at `max_delay`. A pure function of the attempt number (no jitter:
// one CLI process reconnecting does not need it, and tests stay exact).
#include <chrono>
#include <cstdint>
#include <optional>

namespace wsmqtt::session {

struct reconnect_policy {
    bool enabled = true;  // --no-reconnect sets false
    std::chrono::milliseconds initial_delay{1'000};
    std::chrono::milliseconds max_delay{30'000};
    std::optional<std::uint32_t> max_attempts;  // nullopt: forever

    // Delay before attempt `attempt` (1 = first retry after a loss); nullopt when disabled or
    // after max_attempts.
    std::optional<std::chrono::milliseconds> delay_for(std::uint32_t attempt) const noexcept;
};

}  // namespace wsmqtt::session
