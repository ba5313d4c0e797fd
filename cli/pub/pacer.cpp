#include "cli/pub/pacer.hpp"

#include <algorithm>
#include <cmath>

namespace wsmqtt::cli {

pacer::pacer(double per_second, std::chrono::nanoseconds slack)
    : interval_(static_cast<std::chrono::nanoseconds::rep>(std::llround(1e9 / per_second))), slack_(slack) {
    if (interval_.count() < 1) interval_ = std::chrono::nanoseconds{1};
}

bool pacer::try_take(clock::time_point now) noexcept {
    if (now < next_) return false;
    // On time: the next slot follows this one. Late: count from `now - slack`, so at most about
    // slack / interval messages catch up at once.
    next_ = std::max(next_, now - slack_) + interval_;
    return true;
}

}  // namespace wsmqtt::cli
