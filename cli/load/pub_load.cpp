#include "cli/load/pub_load.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "cli/load/stamp.hpp"

namespace wsmqtt::load {

using cli::exit_status;
using namespace std::chrono_literals;

namespace {

// Encoded packets a client may have waiting for its socket before it holds back: enough to
// keep the socket busy, small enough that 1,000 clients do not queue megabytes.
constexpr std::size_t write_queue_cap = 64;
// A client held back by a full write queue looks again this often (the driver has no "drained"
// event).
constexpr auto blocked_poll = 1ms;
// At most this many due --rate slots are handed out per wake-up (a stall is caught up over a
// few wake-ups instead of at once).
constexpr std::uint64_t max_burst = 4096;

std::uint64_t unix_ns() noexcept {
    return static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count());
}

std::uint64_t ns_between(session::clock::time_point from, session::clock::time_point to) noexcept {
    return to <= from ? 0 : static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(to - from).count());
}

}  // namespace

pub_load::pub_load(std::string program, load_config config, transport::transport_config transport,
                   session::session_config session_template, pub_load_settings settings)
    : load_runner(std::move(program), std::move(config), std::move(transport), std::move(session_template)),
      settings_(std::move(settings)),
      topic_(settings_.topic),
      timer_(io()) {
    if (settings_.message) message_.emplace(*settings_.message);
    std::random_device device;
    std::mt19937_64 random(device());
    run_id_ = static_cast<std::uint32_t>(random());
    if (load_runner::config().size) {
        filler_.resize(*load_runner::config().size);
        for (auto& b : filler_) b = static_cast<std::uint8_t>(random());
    }
}

void pub_load::on_client_action(load_client& c, const session::action& a) {
    if (std::holds_alternative<session::connected>(a)) {
        client_ready(c);
        if (started_ && !settings_.rate) pump(c);  // after a reconnect
    } else if (const auto* done = std::get_if<session::publish_done>(&a)) {
        on_done(c, *done);
    }
}

void pub_load::on_all_ready() {
    started_ = true;
    start_ = session::clock::now();
    last_done_ = start_;
    timeline_.start(start_);
    const std::uint64_t count = config().count.value_or(1);
    for (auto& c : clients()) {
        if (!c->ready || c->ended) continue;
        c->remaining = count;
        remaining_total_ += count;
        ++clients_publishing_;
    }
    if (settings_.rate) {
        schedule_.emplace(*settings_.rate, start_);
        rate_tick();
        return;
    }
    for (auto& c : clients()) {
        if (c->remaining > 0) pump(*c);
    }
}

bool pub_load::can_send(const load_client& c) const noexcept {
    return !c.finished && !c.ended && c.mqtt->state() == session::session_state::connected &&
           c.mqtt->ready_for_more() && c.driver->write_queue_length() < write_queue_cap;
}

void pub_load::pump(load_client& c) {
    if (c.pumping || finishing()) return;
    c.pumping = true;
    while (c.remaining > 0 && can_send(c)) publish_one(c, session::clock::now());
    // Held back by the write queue (not by the session, whose completions resume it): look again.
    if (c.remaining > 0 && !c.blocked && c.mqtt->state() == session::session_state::connected &&
        c.mqtt->ready_for_more()) {
        c.blocked = true;
        blocked_.push_back(&c);
        arm_timer(session::clock::now() + blocked_poll);
    }
    c.pumping = false;
    client_done_check(c);
}

void pub_load::rate_tick() {
    if (finishing() || remaining_total_ == 0) return;
    const auto now = session::clock::now();
    std::uint64_t due = schedule_->take_due(now, std::min(max_burst, remaining_total_));
    auto& all = clients();
    std::size_t idle_in_a_row = 0;
    while (due > 0 && idle_in_a_row < all.size()) {
        auto& c = *all[cursor_];
        cursor_ = (cursor_ + 1) % all.size();
        if (c.remaining == 0 || !can_send(c)) {
            ++idle_in_a_row;
            continue;
        }
        idle_in_a_row = 0;
        publish_one(c, now);
        --due;
    }
    if (remaining_total_ == 0) return;
    if (due > 0) {
        // Every client is held back: the slots stay due and are sent as soon as one can.
        schedule_->give_back(due);
        arm_timer(now + blocked_poll);
    } else {
        arm_timer(schedule_->next_due());
    }
}

void pub_load::poll_blocked() {
    auto waiting = std::move(blocked_);
    blocked_.clear();
    for (auto* c : waiting) {
        c->blocked = false;
        pump(*c);
    }
}

void pub_load::arm_timer(session::clock::time_point at) {
    if (timer_at_ && *timer_at_ <= at) return;
    timer_at_ = at;
    timer_.expires_at(at);
    timer_.async_wait([this](const boost::system::error_code& ec) {
        if (ec) return;
        timer_at_.reset();
        if (!blocked_.empty()) poll_blocked();
        if (schedule_) rate_tick();
    });
}

void pub_load::publish_one(load_client& c, session::clock::time_point now) {
    codec::publish message;
    const std::uint64_t seq = c.next_sequence++;
    const std::uint64_t ts = unix_ns();
    const bool stamped = config().stamp;
    auto& payload = message.payload;
    if (message_) {
        std::string text;
        message_->render(c.number, seq, ts, text);
        payload.resize((stamped ? stamp_size : 0) + text.size());
        std::copy(text.begin(), text.end(), payload.begin() + static_cast<std::ptrdiff_t>(stamped ? stamp_size : 0));
    } else if (config().size) {
        payload = filler_;
    } else {
        payload.resize((stamped ? stamp_size : 0) + settings_.payload.size());
        std::copy(settings_.payload.begin(), settings_.payload.end(),
                  payload.begin() + static_cast<std::ptrdiff_t>(stamped ? stamp_size : 0));
    }
    if (stamped) write_stamp(payload, stamp{run_id_, c.number, seq, ts});
    message.topic = topic_.constant() ? settings_.topic : topic_.render(c.number, seq, ts);
    message.qos = static_cast<codec::qos>(settings_.qos);
    message.retain = settings_.retain;
    message.props = settings_.props;
    const std::size_t size = payload.size();
    --c.remaining;
    --remaining_total_;
    ++c.outstanding;
    ++published_;
    bytes_ += size;
    timeline_.add(now, size);
    const auto token = c.mqtt->publish(std::move(message), now);
    if (settings_.qos > 0) c.ack_started.emplace(token, now);
    c.driver->poke();
}

void pub_load::on_done(load_client& c, const session::publish_done& done) {
    const auto now = session::clock::now();
    if (c.outstanding > 0) --c.outstanding;
    last_done_ = now;
    if (done.qos != codec::qos::at_most_once) {
        if (auto it = c.ack_started.find(done.token); it != c.ack_started.end()) {
            ack_latency_.record(ns_between(it->second, now));
            c.ack_started.erase(it);
        }
        if (done.rejected()) {
            if (rejected_ == 0) {
                warn(fmt::format("the broker rejected a message from client {}: (0x{:02x}) {}", c.number,
                                 static_cast<unsigned>(done.reason), done.reason_name));
            }
            ++rejected_;
        } else {
            ++acknowledged_;
        }
    }
    if (!settings_.rate && !c.pumping && c.remaining > 0) {
        pump(c);
        return;
    }
    client_done_check(c);
}

void pub_load::client_done_check(load_client& c) {
    if (!started_ || c.finished || c.remaining > 0 || c.outstanding > 0 || c.pumping) return;
    c.finished = true;
    c.mqtt->disconnect(session::clock::now(), session::disconnect_mode::after_inflight);
    c.driver->poke();
    ++clients_done_;
    if (clients_done_ >= clients_publishing_) finish(rejected_ > 0 ? exit_status::publish_rejected : exit_status::ok);
}

std::string pub_load::progress_text() const {
    const std::uint64_t last_second = published_ - last_progress_count_;
    last_progress_count_ = published_;
    std::string line = fmt::format("published {}  ({} msg/s)", published_, last_second);
    if (settings_.qos > 0) {
        line += fmt::format("  acked {}  p99 {:.2f} ms", acknowledged_,
                            static_cast<double>(ack_latency_.value_at(0.99)) / 1e6);
    }
    return line;
}

void pub_load::fill_summary(load_summary& s) {
    s.qos = settings_.qos;
    s.target_rate = settings_.rate;
    const auto end = started_ ? last_done_ : start_;
    s.duration_s = std::chrono::duration<double>(end - start_).count();
    s.messages = published_;
    s.bytes = bytes_;
    s.acknowledged = acknowledged_;
    s.rejected = rejected_;
    s.latency = ack_latency_;
    s.timeline = timeline_;
    s.timeline.close(std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(s.duration_s))));
}

}  // namespace wsmqtt::load
