#include "cli/load/sub_load.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "cli/load/stamp.hpp"

namespace wsmqtt::load {

using cli::exit_status;

sub_load::sub_load(std::string program, load_config config, transport::transport_config transport,
                   session::session_config session_template, sub_load_settings settings)
    : load_runner(std::move(program), std::move(config), std::move(transport), std::move(session_template)),
      settings_(std::move(settings)),
      timeout_(io()) {}

void sub_load::on_client_action(load_client& c, const session::action& a) {
    if (const auto* con = std::get_if<session::connected>(&a)) {
        // A resumed session keeps its subscriptions; otherwise the session itself resubscribes
        // after a reconnect, so only the first CONNACK subscribes.
        if (!con->reconnect) c.mqtt->subscribe(settings_.subscriptions, session::clock::now(), settings_.subscribe_props);
    } else if (const auto* sub = std::get_if<session::subscribed>(&a)) {
        if (sub->resubscribe) return;
        const bool all_failed = std::all_of(sub->results.begin(), sub->results.end(),
                                            [](const session::filter_result& r) { return r.failed(); });
        if (all_failed) {
            ++denied_clients_;
            const auto& r = sub->results.front();
            fail(exit_status::subscribe_rejected, "subscribe",
                 fmt::format("the broker refused the subscription to '{}' of client {}: (0x{:02x}) {}", r.filter,
                             c.number, r.code, r.name));
            return;
        }
        client_ready(c);
    } else if (const auto* d = std::get_if<session::deliver>(&a)) {
        on_message(c, d->message);
    }
}

void sub_load::on_all_ready() {
    if (config().stats) {
        std::fputs(fmt::format("{}: {} client(s) subscribed\n", program(), clients().size()).c_str(), stderr);
    }
    if (settings_.timeout) {
        timeout_.expires_after(*settings_.timeout);
        timeout_.async_wait([this](const boost::system::error_code& ec) {
            if (ec) return;
            const bool short_of_count = settings_.count && messages_ < *settings_.count;
            finish(short_of_count ? exit_status::timed_out : exit_status::ok);
        });
    }
}

void sub_load::on_message(load_client& c, const codec::publish& message) {
    if (finishing()) return;
    const auto now = session::clock::now();
    if (first_) {
        first_ = false;
        first_at_ = now;
        timeline_.start(now);
    }
    last_at_ = now;
    ++messages_;
    bytes_ += message.payload.size();
    timeline_.add(now, message.payload.size());
    if (auto s = read_stamp(message.payload)) {
        const auto unix_now = static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                                             std::chrono::system_clock::now().time_since_epoch())
                                                             .count());
        latency_.record(unix_now > s->sent_ns ? unix_now - s->sent_ns : 0);
        const std::uint64_t key = (std::uint64_t{s->run} << 32) | s->publisher;
        c.publishers[key].record(s->sequence);
    } else {
        ++unstamped_;
    }
    if (settings_.count && messages_ >= *settings_.count) finish(exit_status::ok);
}

std::string sub_load::progress_text() const {
    const std::uint64_t last_second = messages_ - last_progress_count_;
    last_progress_count_ = messages_;
    std::string line = fmt::format("received {}  ({} msg/s)", messages_, last_second);
    if (latency_.count() > 0) {
        line += fmt::format("  p50 {:.2f} ms  p99 {:.2f} ms", static_cast<double>(latency_.value_at(0.5)) / 1e6,
                            static_cast<double>(latency_.value_at(0.99)) / 1e6);
    }
    return line;
}

void sub_load::fill_summary(load_summary& s) {
    s.qos = settings_.subscriptions.empty() ? 0 : static_cast<std::uint8_t>(settings_.subscriptions.front().max_qos);
    s.duration_s = first_ ? 0.0 : std::chrono::duration<double>(last_at_ - first_at_).count();
    s.messages = messages_;
    s.bytes = bytes_;
    s.latency = latency_;
    s.unstamped = unstamped_;
    s.timeline = timeline_;
    s.timeline.close(std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(s.duration_s))));
    std::map<std::uint64_t, sequence_counts> by_publisher;
    for (const auto& c : clients()) {
        for (const auto& [key, tracker] : c->publishers) {
            const auto counts = tracker.counts();
            by_publisher[key] += counts;
            s.sequences += counts;
        }
    }
    s.stamped = !by_publisher.empty();
    for (const auto& [key, counts] : by_publisher) {
        s.publishers.push_back({static_cast<std::uint32_t>(key >> 32), static_cast<std::uint32_t>(key), counts});
    }
}

}  // namespace wsmqtt::load
