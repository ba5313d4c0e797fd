#include "core/session/reconnect_policy.hpp"

#include <algorithm>

namespace wsmqtt::session {

std::optional<std::chrono::milliseconds> reconnect_policy::delay_for(
    std::uint32_t attempt) const noexcept {
    if (!enabled || attempt == 0) return std::nullopt;
    if (max_attempts && attempt > *max_attempts) return std::nullopt;
    const auto cap = std::max(max_delay, initial_delay);
    auto delay = initial_delay;
    if (delay.count() <= 0) return std::chrono::milliseconds{0};
    // Doubling stops at the cap, so at most ~40 iterations even for huge attempt numbers.
    for (std::uint32_t i = 1; i < attempt && delay < cap; ++i) delay *= 2;
    return std::min(delay, cap);
}

}  // namespace wsmqtt::session
