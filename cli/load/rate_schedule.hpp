#pragma once
// Smooth pacing at an exact average rate: slot k is due at start + k / rate, counted from one
// fixed start, so timer lateness never accumulates into drift (over 10 s at any rate the count
// is within one slot of rate * 10). After a stall the due slots are taken at once (catching up
// keeps the average exact); `max_burst` bounds how many one call hands out. Pure: the time is
// passed in, so tests drive it with a fake clock.
#include <chrono>
#include <cstdint>

namespace wsmqtt::load {

class rate_schedule {
public:
    using clock = std::chrono::steady_clock;

    rate_schedule(double per_second, clock::time_point start) noexcept;

    // How many slots are due at `now` and not yet taken (at most `max_burst`); marks them taken.
    std::uint64_t take_due(clock::time_point now, std::uint64_t max_burst = UINT64_MAX) noexcept;
    // Gives back `n` slots taken but not used (the caller could not send); they are due again.
    void give_back(std::uint64_t n) noexcept { taken_ -= n > taken_ ? taken_ : n; }
    // When the next untaken slot is due.
    [[nodiscard]] clock::time_point next_due() const noexcept;
    [[nodiscard]] std::uint64_t taken() const noexcept { return taken_; }

private:
    double per_second_;
    clock::time_point start_;
    std::uint64_t taken_ = 0;
};

}  // namespace wsmqtt::load
