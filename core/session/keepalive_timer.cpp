#include "core/session/keepalive_timer.hpp"

#include <algorithm>

namespace wsmqtt::session {

void keepalive_timer::start(std::uint16_t seconds, time_point now) noexcept {
    running_ = true;
    seconds_ = seconds;
    interval_ = std::chrono::milliseconds{std::chrono::seconds{seconds}};
    last_sent_ = now;
    last_received_ = now;
    ping_sent_.reset();
}

void keepalive_timer::on_received(time_point now) noexcept {
    last_received_ = now;
    ping_sent_.reset();
}

void keepalive_timer::on_ping_sent(time_point now) noexcept {
    last_sent_ = now;
    ping_sent_ = now;
}

std::optional<time_point> keepalive_timer::next_deadline() const noexcept {
    if (!running()) return std::nullopt;
    if (ping_sent_) return *ping_sent_ + interval_ / 2;
    return std::min(last_sent_, last_received_) + interval_;
}

keepalive_event keepalive_timer::poll(time_point now) const noexcept {
    const auto deadline = next_deadline();
    if (!deadline || now < *deadline) return keepalive_event::none;
    return ping_sent_ ? keepalive_event::timed_out : keepalive_event::send_ping;
}

}  // namespace wsmqtt::session
