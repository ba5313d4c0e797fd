#pragma once
// Keep alive (spec 3.1.2.10 / 4.12 of v5): the client sends PINGREQ when it has sent nothing for
// K seconds, or received nothing for K seconds (so a silent broker is probed even while we keep
// publishing QoS 0). If nothing at all arrives within K/2 of that PINGREQ, the connection is
// declared dead: a broker that stops answering is detected within 1.5 x K of its last packet.
// K = 0 disables the mechanism. Pure arithmetic on time points handed in by the caller.
#include <chrono>
#include <cstdint>
#include <optional>

namespace wsmqtt::session {

using clock = std::chrono::steady_clock;
using time_point = clock::time_point;

enum class keepalive_event : std::uint8_t { none, send_ping, timed_out };

class keepalive_timer {
public:
    // A new connection is up (CONNACK accepted) with keep alive `seconds` (0 = disabled).
    void start(std::uint16_t seconds, time_point now) noexcept;
    void stop() noexcept { running_ = false; }

    void on_sent(time_point now) noexcept { last_sent_ = now; }
    // Any packet from the broker proves it alive, not only PINGRESP.
    void on_received(time_point now) noexcept;

    // What is due at `now`. send_ping means: the caller sends PINGREQ (and reports it through
    // on_ping_sent); timed_out means the connection is dead.
    keepalive_event poll(time_point now) const noexcept;
    void on_ping_sent(time_point now) noexcept;

    std::optional<time_point> next_deadline() const noexcept;

    bool running() const noexcept { return running_ && interval_.count() > 0; }
    bool ping_outstanding() const noexcept { return ping_sent_.has_value(); }
    std::uint16_t seconds() const noexcept { return seconds_; }

private:
    bool running_ = false;
    std::uint16_t seconds_ = 0;
    std::chrono::milliseconds interval_{0};
    time_point last_sent_{};
    time_point last_received_{};
    std::optional<time_point> ping_sent_;
};

}  // namespace wsmqtt::session
