#pragma once
// --rate: when the next message may go. Messages are spaced 1/rate apart; after a stall (input
// slow, back-pressure, reconnect) the pacer does not burst to catch up beyond `slack` (timer
// wake-ups are late by a little, and without slack a high rate would be lost to that lateness).
// Pure: time is passed in; unit-tested.
#include <chrono>

namespace wsmqtt::cli {

class pacer {
public:
    using clock = std::chrono::steady_clock;

    explicit pacer(double per_second, std::chrono::nanoseconds slack = std::chrono::milliseconds{10});

    // The earliest time the next message may go.
    clock::time_point next() const noexcept { return next_; }
    // True (and the slot is taken) when a message may go at `now`.
    bool try_take(clock::time_point now) noexcept;

private:
    std::chrono::nanoseconds interval_;
    std::chrono::nanoseconds slack_;
    clock::time_point next_{};
};

}  // namespace wsmqtt::cli
