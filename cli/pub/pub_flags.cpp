#include "cli/pub/pub_flags.hpp"

#include <charconv>

#include "cli/common/flag_values.hpp"
#include "cli/common/topic_check.hpp"

namespace wsmqtt::cli {

pub_flags::pub_flags(CLI::App& app) {
    const char* group = "Publishing";
    app.add_option("-t,--topic", topic_, "MQTT topic to publish to")->group(group);
    app.add_option("-m,--message", message_, "message payload to send")->group(group);
    app.add_option("-f,--file", file_, "send the contents of a file as the message")->group(group);
    app.add_flag("-s,--stdin-file", stdin_file_, "read all of stdin and send it as one message")->group(group);
    app.add_flag("-l,--stdin-line", stdin_line_, "send each line of stdin as a separate message")->group(group);
    app.add_flag("-n,--null-message", null_message_, "send a zero-length message")->group(group);
    app.add_option("-q,--qos", qos_, "quality of service: 0, 1 or 2 (default 0)")->group(group);
    app.add_flag("-r,--retain", retain_, "ask the broker to retain the message")->group(group);
    app.add_option("-M,--max-inflight", max_inflight_, "QoS 1/2 messages in flight at once (default 20)")
        ->group(group);
    app.add_flag("--quiet", quiet_, "do not print warnings (errors are still printed)")->group(group);
}

std::optional<pub_config> pub_flags::finish(const connection_config& connection,
                                            std::vector<std::string>& errors) const {
    const std::size_t errors_before = errors.size();
    pub_config config;

    if (topic_ && connection.broker.topic) {
        errors.push_back("-t/--topic and a topic in the -L URL's path were both given; use one");
    }
    if (topic_) {
        config.topic = *topic_;
    } else if (connection.broker.topic) {
        config.topic = *connection.broker.topic;
    } else {
        errors.push_back("no topic: give -t/--topic");
    }
    if (topic_ || connection.broker.topic) {
        if (auto problem = topic_name_problem(config.topic)) errors.push_back("topic " + *problem);
    }

    int sources = 0;
    if (message_) {
        ++sources;
        config.source = payload_source::message;
        config.message = *message_;
    }
    if (file_) {
        ++sources;
        config.source = payload_source::file;
        config.file = *file_;
    }
    if (stdin_file_) {
        ++sources;
        config.source = payload_source::stdin_whole;
    }
    if (stdin_line_) {
        ++sources;
        config.source = payload_source::stdin_lines;
    }
    if (null_message_) {
        ++sources;
        config.source = payload_source::null_message;
    }
    if (sources == 0) errors.push_back("no payload: give one of -m, -f, -s, -l or -n");
    if (sources > 1) errors.push_back("give only one of -m, -f, -s, -l and -n");

    if (qos_) {
        if (auto q = parse_qos(*qos_, "-q/--qos")) {
            config.qos = *q;
        } else {
            errors.push_back(q.error().message);
        }
    }
    config.retain = retain_;
    if (max_inflight_) {
        unsigned value = 0;
        const auto* end = max_inflight_->data() + max_inflight_->size();
        auto [ptr, ec] = std::from_chars(max_inflight_->data(), end, value);
        if (ec != std::errc{} || ptr != end || value < 1 || value > 65535) {
            errors.push_back("-M/--max-inflight '" + *max_inflight_ + "' must be a number from 1 to 65535");
        } else {
            config.max_inflight = static_cast<std::uint16_t>(value);
        }
    }
    config.quiet = quiet_;
    if (errors.size() != errors_before) return std::nullopt;
    return config;
}

}  // namespace wsmqtt::cli
