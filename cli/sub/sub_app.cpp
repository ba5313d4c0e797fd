#include "cli/sub/sub_app.hpp"

#include <boost/asio/post.hpp>
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <unistd.h>
#include <utility>

#include "cli/common/diagnostic.hpp"
#include "core/codec/topic.hpp"

namespace wsmqtt::cli {
namespace {

// A batch bigger than this is written at once rather than at the end of the read.
constexpr std::size_t max_batch_bytes = 256 * 1024;

std::string describe_denial(const session::filter_result& r) {
    return fmt::format("'{}' (0x{:02x}) {}", r.filter, r.code, r.name);
}

std::string seconds_text(std::chrono::milliseconds ms) {
    if (ms.count() % 1000 == 0) return std::to_string(ms.count() / 1000);
    return fmt::format("{:.3f}", static_cast<double>(ms.count()) / 1000.0);
}

}  // namespace

sub_app::sub_app(sub_config config, output::formatter formatter, stdout_writer& out)
    : config_(std::move(config)), formatter_(std::move(formatter)), out_(out) {}

void sub_app::on_action(client_runner& runner, const session::action& a) {
    if (const auto* d = std::get_if<session::deliver>(&a)) {
        on_message(runner, d->message);
    } else if (std::holds_alternative<session::connected>(a)) {
        if (!started_) {
            started_ = true;
            on_connected(runner);
        }
    } else if (const auto* s = std::get_if<session::subscribed>(&a)) {
        on_subscribed(runner, *s);
    } else if (const auto* u = std::get_if<session::unsubscribed>(&a)) {
        on_unsubscribed(runner, *u);
    } else if (const auto* p = std::get_if<session::publish_done>(&a)) {
        if (p->rejected()) {
            runner.warn(fmt::format("the broker refused to clear a retained message: (0x{:02x}) {}",
                                    static_cast<unsigned>(p->reason), p->reason_name));
        }
    } else if (std::holds_alternative<session::session_ended>(a)) {
        // Whatever was received before the end is still printed, before the runner's error line.
        flush(runner);
        if (timeout_) timeout_->cancel();
    }
}

void sub_app::on_interrupt(client_runner& runner) {
    if (finished_) return;
    flush(runner);
    finished_ = true;
    runner.finish(exit_status::ok, session::disconnect_mode::immediately);
}

void sub_app::on_connected(client_runner& runner) {
    const auto now = session::clock::now();
    if (!config_.subscriptions.empty()) {
        runner.mqtt().subscribe(config_.subscriptions, now, config_.subscribe_props);
        ++requests_pending_;
    }
    if (!config_.unsubscribe.empty()) {
        runner.mqtt().unsubscribe(config_.unsubscribe, now, config_.unsubscribe_props);
        ++requests_pending_;
    }
    if (config_.timeout) {
        // As mosquitto_sub: the clock starts once the broker has accepted us.
        timeout_.emplace(runner.io(), *config_.timeout);
        timeout_->async_wait([this, &runner](const boost::system::error_code& ec) {
            if (ec || finished_) return;
            if (!flush(runner)) return;
            finished_ = true;
            std::string what = fmt::format("-W {}: timed out", seconds_text(*config_.timeout));
            if (config_.count) {
                what += fmt::format(" after {} of {} message(s)", printed_, *config_.count);
            } else {
                what += fmt::format(" ({} message(s) received)", printed_);
            }
            runner.fail(exit_status::timed_out, "timeout", what);
        });
    }
}

void sub_app::on_subscribed(client_runner& runner, const session::subscribed& s) {
    std::vector<const session::filter_result*> denied;
    for (const auto& r : s.results) {
        if (r.failed()) denied.push_back(&r);
    }
    const std::string because = s.reason_string ? " — " + *s.reason_string : std::string{};
    if (!denied.empty() && denied.size() == s.results.size()) {
        if (finished_) return;
        flush(runner);
        finished_ = true;
        std::string what = denied.size() == 1 ? "the broker denied the subscription " : "the broker denied every subscription: ";
        for (std::size_t i = 0; i < denied.size(); ++i) {
            if (i > 0) what += ", ";
            what += describe_denial(*denied[i]);
        }
        runner.fail(exit_status::subscribe_rejected, "subscribe", what + because);
        return;
    }
    for (const auto* r : denied) {
        runner.warn("the broker denied the subscription " + describe_denial(*r) + because);
    }
    if (!s.resubscribe) request_done(runner);
}

void sub_app::on_unsubscribed(client_runner& runner, const session::unsubscribed& u) {
    for (const auto& r : u.results) {
        if (r.failed()) runner.warn("the broker refused to unsubscribe " + describe_denial(r));
    }
    request_done(runner);
}

void sub_app::request_done(client_runner& runner) {
    if (requests_pending_ > 0) --requests_pending_;
    if (requests_pending_ > 0 || finished_) return;
    // -E, or only -U: nothing more to wait for.
    if (config_.exit_after_subscribe || config_.subscriptions.empty()) end(runner);
}

bool sub_app::filtered_out(const std::string& topic) const {
    for (const auto& f : config_.filter_out) {
        if (codec::topic_matches(f, topic)) return true;
    }
    return false;
}

void sub_app::on_message(client_runner& runner, const codec::publish& message) {
    if (finished_) return;
    if (filtered_out(message.topic)) return;
    if (config_.remove_retained && message.retain && !message.payload.empty()) {
        codec::publish clear;
        clear.topic = message.topic;
        clear.qos = codec::qos::at_least_once;
        clear.retain = true;
        runner.mqtt().publish(std::move(clear), session::clock::now());
    }
    if (config_.retained_only && !message.retain) {
        end(runner);
        return;
    }
    if (config_.no_retained && message.retain) return;
    print(runner, message);
    ++printed_;
    if (config_.count && printed_ >= *config_.count) end(runner);
}

void sub_app::print(client_runner& runner, const codec::publish& message) {
    auto& buffer = out_.buffer();
    const std::size_t before = buffer.size();
    const output::received_message view{message, runner.mqtt().version(), std::chrono::system_clock::now()};
    if (formatter_.render(view, buffer) == output::render_status::payload_not_json) {
        // mosquitto_sub's own line, so scripts that look for it keep working; the message is not printed.
        buffer.resize(before);
        flush(runner);  // keep stdout and stderr in order
        const std::string line = "Error: Message payload is not valid JSON on topic " + message.topic + ".\n";
        [[maybe_unused]] const auto n = ::write(STDERR_FILENO, line.data(), line.size());
        return;
    }
    if (out_.pending() >= max_batch_bytes) {
        flush(runner);
    } else {
        schedule_flush(runner);
    }
}

void sub_app::schedule_flush(client_runner& runner) {
    if (flush_posted_ || out_.pending() == 0) return;
    flush_posted_ = true;
    boost::asio::post(runner.io(), [this, &runner] {
        flush_posted_ = false;
        flush(runner);
    });
}

bool sub_app::flush(client_runner& runner) {
    if (out_.pending() == 0 && out_.state() == write_state::open) return true;
    switch (out_.flush()) {
        case write_state::open: return true;
        case write_state::closed:
            // `| head -n 1` has what it wanted: leave quietly and successfully.
            if (!finished_) {
                finished_ = true;
                runner.finish(exit_status::ok, session::disconnect_mode::immediately);
            }
            return false;
        case write_state::failed:
            if (!finished_) {
                finished_ = true;
                runner.fail(exit_status::internal, "output",
                            std::string{"cannot write to stdout: "} + std::strerror(out_.error()));
            }
            return false;
    }
    return false;
}

void sub_app::end(client_runner& runner) {
    if (finished_) return;
    if (!flush(runner)) return;
    finished_ = true;
    if (timeout_) timeout_->cancel();
    // Messages that arrive from here on are not ours to acknowledge: they stay with the broker.
    runner.mqtt().hold_incoming();
    runner.finish(exit_status::ok, session::disconnect_mode::after_inflight);
}

}  // namespace wsmqtt::cli
