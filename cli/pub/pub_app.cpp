#include "cli/pub/pub_app.hpp"

#include <fmt/format.h>

#include "cli/common/diagnostic.hpp"

#include <utility>

namespace wsmqtt::cli {

pub_app::pub_app(pub_config config, std::vector<std::vector<std::uint8_t>> payloads)
    : config_(std::move(config)), payloads_(std::move(payloads)) {}

void pub_app::on_action(client_runner& runner, const session::action& a) {
    if (std::holds_alternative<session::connected>(a)) {
        if (!started_) {
            started_ = true;
            publish_all(runner);
        }
    } else if (const auto* done = std::get_if<session::publish_done>(&a)) {
        if (outstanding_ > 0) --outstanding_;
        if (done->rejected()) {
            ++rejected_;
            std::string line = fmt::format("the broker rejected the message to '{}': (0x{:02x}) {}", config_.topic,
                                           static_cast<unsigned>(done->reason), done->reason_name);
            if (done->reason_string) line += " — " + *done->reason_string;
            print_error(runner.program(), "publish", line);
        }
        finish_if_done(runner);
    }
}

void pub_app::on_interrupt(client_runner& runner) {
    interrupted_ = true;
    runner.finish(exit_status::interrupted, session::disconnect_mode::immediately);
}

void pub_app::publish_all(client_runner& runner) {
    const auto now = session::clock::now();
    for (auto& payload : payloads_) {
        codec::publish message;
        message.topic = config_.topic;
        message.payload = std::move(payload);
        message.qos = static_cast<codec::qos>(config_.qos);
        message.retain = config_.retain;
        runner.mqtt().publish(std::move(message), now);
        ++outstanding_;
    }
    payloads_.clear();
    finish_if_done(runner);
}

void pub_app::finish_if_done(client_runner& runner) {
    if (!started_ || outstanding_ > 0 || interrupted_) return;
    runner.finish(rejected_ > 0 ? exit_status::publish_rejected : exit_status::ok);
}

}  // namespace wsmqtt::cli
