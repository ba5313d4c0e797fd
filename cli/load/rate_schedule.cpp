#include "cli/load/rate_schedule.hpp"

#include <algorithm>
#include <cmath>

namespace wsmqtt::load {

rate_schedule::rate_schedule(double per_second, clock::time_point start) noexcept
    : per_second_(per_second > 0 ? per_second : 1.0), start_(start) {}

namespace {
// Slot k is due at start + ceil(k * 1e9 / rate) ns; every comparison goes through this one
// function, so take_due and next_due never disagree by a rounding error.
std::chrono::nanoseconds offset_of(std::uint64_t k, double per_second) noexcept {
    return std::chrono::nanoseconds{static_cast<std::int64_t>(std::ceil(static_cast<double>(k) * 1e9 / per_second))};
}
}  // namespace

std::uint64_t rate_schedule::take_due(clock::time_point now, std::uint64_t max_burst) noexcept {
    if (now < start_) return 0;
    const auto elapsed = std::chrono::duration_cast<std::chrono::nanoseconds>(now - start_);
    // Slots 0..k are due when offset_of(k) <= elapsed: estimate, then correct the rounding.
    auto due_total = static_cast<std::uint64_t>(static_cast<double>(elapsed.count()) * per_second_ / 1e9) + 1;
    while (offset_of(due_total, per_second_) <= elapsed) ++due_total;
    while (due_total > 0 && offset_of(due_total - 1, per_second_) > elapsed) --due_total;
    if (due_total <= taken_) return 0;
    const std::uint64_t n = std::min(due_total - taken_, max_burst);
    taken_ += n;
    return n;
}

rate_schedule::clock::time_point rate_schedule::next_due() const noexcept {
    return start_ + std::chrono::duration_cast<clock::duration>(offset_of(taken_, per_second_));
}

}  // namespace wsmqtt::load
