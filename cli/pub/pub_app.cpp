#include "cli/pub/pub_app.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "cli/common/diagnostic.hpp"
#include "cli/common/topic_check.hpp"

namespace wsmqtt::cli {

namespace {

using namespace std::chrono_literals;

// Bytes of payload handed to the session and not yet completed; one message always may go.
constexpr std::size_t max_outstanding_bytes = 32u << 20;
// Encoded packets waiting for the socket: about this many bytes' worth, at most max_write_queue.
constexpr std::size_t write_queue_bytes = 8u << 20;
constexpr std::size_t max_write_queue = 1024;
// How often a publisher held back by a full write queue looks again (the driver has no
// "drained" event).
constexpr auto write_queue_poll = 1ms;

std::string printable(std::string_view text) {
    std::string out;
    for (char c : text.substr(0, 200)) {
        const auto u = static_cast<unsigned char>(c);
        out += (u < 0x20 || u == 0x7f) ? '?' : c;
    }
    if (text.size() > 200) out += "...";
    return out;
}

}  // namespace

pub_app::pub_app(pub_config config, bytes payload)
    : config_(std::move(config)),
      payload_(std::move(payload)),
      repeats_left_(config_.source == payload_source::stdin_records ? 0 : config_.repeat),
      splitter_(config_.record_separator),
      input_done_(config_.source != payload_source::stdin_records) {}

void pub_app::on_action(client_runner& runner, const session::action& a) {
    if (std::holds_alternative<session::connected>(a)) {
        if (!started_) start(runner);
        pump();
    } else if (const auto* done = std::get_if<session::publish_done>(&a)) {
        on_done(*done);
        pump();
    }
}

void pub_app::start(client_runner& runner) {
    started_ = true;
    runner_ = &runner;
    wake_ = std::make_unique<boost::asio::steady_timer>(runner.io());
    if (config_.rate) pacer_.emplace(*config_.rate);
    if (config_.source == payload_source::stdin_records) {
        reader_ = std::make_unique<stdin_reader>(runner.io().get_executor());
        if (runner.debug_enabled()) {
            runner.debug(reader_->blocking_mode() ? "stdin: a file, read with plain reads"
                                                  : "stdin: read asynchronously");
        }
    }
}

void pub_app::on_interrupt(client_runner& runner) {
    if (interrupted_) return;
    interrupted_ = true;
    runner_ = &runner;
    if (reader_) reader_->stop();
    records_.clear();
    repeats_left_ = 0;
    if (wake_) wake_->cancel();
    // What the session holds goes out and is acknowledged if that takes less than the grace
    // period; then DISCONNECT regardless. Either way the exit status is 130.
    runner.finish(exit_status::interrupted, session::disconnect_mode::after_inflight);
    grace_ = std::make_unique<boost::asio::steady_timer>(runner.io(), interrupt_grace);
    grace_->async_wait([&runner](const boost::system::error_code& ec) {
        if (!ec) runner.finish(exit_status::interrupted, session::disconnect_mode::immediately);
    });
}

bool pub_app::have_next() const noexcept { return repeats_left_ > 0 || !records_.empty(); }

void pub_app::pump() {
    if (pumping_) {
        pump_again_ = true;
        return;
    }
    pumping_ = true;
    do {
        pump_again_ = false;
        pump_once();
    } while (pump_again_);
    pumping_ = false;
}

void pub_app::pump_once() {
    if (!started_ || interrupted_ || finishing_) return;
    auto& mqtt = runner_->mqtt();
    for (;;) {
        if (!have_next()) {
            if (input_done_) {
                finish_if_done();
            } else {
                request_input();
            }
            return;
        }
        // Back-pressure: resumed by the next publish_done.
        if (!mqtt.ready_for_more()) return;
        if (!outstanding_.empty() && outstanding_bytes_ >= max_outstanding_bytes) return;
        const auto now = session::clock::now();
        // QoS 0 leaves the session at once; its bytes wait in the driver's write queue.
        const std::size_t queue_cap = std::clamp<std::size_t>(write_queue_bytes / (last_size_ + 64), 1, max_write_queue);
        if (runner_->write_queue_length() >= queue_cap) {
            wake_at(now + write_queue_poll);
            return;
        }
        // --repeat-delay: like mosquitto_pub, the delay runs from the previous delivery.
        if (config_.repeat_delay && published_ > 0) {
            if (!outstanding_.empty()) return;
            if (last_done_ && now < *last_done_ + *config_.repeat_delay) {
                wake_at(*last_done_ + *config_.repeat_delay);
                return;
            }
        }
        if (pacer_ && !pacer_->try_take(now)) {
            wake_at(pacer_->next());
            return;
        }
        publish_next(now);
        // Carries out what the session produced now (a no-op inside the driver's own loop), so
        // the write queue seen above is up to date.
        runner_->poke();
        if (interrupted_ || finishing_) return;
    }
}

void pub_app::publish_next(session::clock::time_point now) {
    codec::publish message;
    if (repeats_left_ > 0) {
        --repeats_left_;
        message.payload = repeats_left_ > 0 ? payload_ : std::move(payload_);
        message.topic = config_.topic;
    } else {
        bytes record = std::move(records_.front());
        records_.pop_front();
        ++records_seen_;
        if (config_.line_topic) {
            auto split = split_line_topic(record, *config_.line_topic);
            if (split) {
                message.topic = std::move(split->topic);
                message.payload = std::move(split->payload);
            } else if (!config_.topic.empty()) {
                message.topic = config_.topic;
                message.payload = std::move(record);
            } else {
                ++skipped_;
                runner_->warn(fmt::format("record {}: no '{}' separating a topic (--line-topic); skipped",
                                          records_seen_, printable(*config_.line_topic)));
                return;
            }
            if (auto problem = topic_name_problem(message.topic)) {
                ++skipped_;
                runner_->warn(fmt::format("record {}: topic '{}' {}; skipped", records_seen_,
                                          printable(message.topic), *problem));
                return;
            }
        } else {
            message.topic = config_.topic;
            message.payload = std::move(record);
        }
    }
    message.qos = static_cast<codec::qos>(config_.qos);
    message.retain = config_.retain;
    message.props = config_.props.publish;
    const std::size_t size = message.payload.size();
    std::string topic = message.topic;
    const auto token = runner_->mqtt().publish(std::move(message), now);
    outstanding_.emplace(token, sent_message{size, std::move(topic)});
    outstanding_bytes_ += size;
    last_size_ = size;
    ++published_;
}

void pub_app::request_input() {
    if (!reader_ || reader_->busy() || input_done_) return;
    reader_->read([this](std::span<const std::uint8_t> chunk, bool eof, const std::string& error) {
        on_input(chunk, eof, error);
    });
}

void pub_app::on_input(std::span<const std::uint8_t> chunk, bool eof, const std::string& error) {
    if (interrupted_) return;
    if (!error.empty()) {
        runner_->fail(exit_status::usage, "stdin", "cannot read stdin: " + error);
        finishing_ = true;
        return;
    }
    if (eof) {
        splitter_.finish(records_);
        input_done_ = true;
    } else {
        splitter_.feed(chunk, records_);
    }
    pump();
}

void pub_app::wake_at(session::clock::time_point when) {
    if (wake_at_ && *wake_at_ <= when) return;  // an earlier wake-up is armed
    wake_at_ = when;
    wake_->expires_at(when);
    wake_->async_wait([this](const boost::system::error_code& ec) {
        if (ec) return;
        wake_at_.reset();
        pump();
    });
}

void pub_app::on_done(const session::publish_done& done) {
    std::string topic = config_.topic;
    if (auto it = outstanding_.find(done.token); it != outstanding_.end()) {
        outstanding_bytes_ -= it->second.size;
        topic = std::move(it->second.topic);
        outstanding_.erase(it);
    }
    last_done_ = session::clock::now();
    if (!done.rejected()) return;
    ++rejected_;
    std::string line = done.local
                           ? fmt::format("the message to '{}' was not sent: (0x{:02x}) {}", printable(topic),
                                         static_cast<unsigned>(done.reason), done.reason_name)
                           : fmt::format("the broker rejected the message to '{}': (0x{:02x}) {}", printable(topic),
                                         static_cast<unsigned>(done.reason), done.reason_name);
    if (done.reason_string) line += " — " + *done.reason_string;
    print_error(runner_->program(), "publish", line);
}

void pub_app::finish_if_done() {
    if (!started_ || finishing_ || interrupted_ || !outstanding_.empty() || have_next() || !input_done_) return;
    finishing_ = true;
    exit_status status = exit_status::ok;
    if (rejected_ > 0) {
        status = exit_status::publish_rejected;
    } else if (skipped_ > 0) {
        status = exit_status::usage;
    }
    if (runner_->debug_enabled()) {
        runner_->debug(fmt::format("published {} message(s), {} rejected, {} skipped", published_, rejected_,
                                   skipped_));
    }
    runner_->finish(status);
}

}  // namespace wsmqtt::cli
