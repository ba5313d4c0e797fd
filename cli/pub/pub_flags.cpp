#include "cli/pub/pub_flags.hpp"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <system_error>

#include "cli/common/flag_values.hpp"
#include "cli/common/topic_check.hpp"

namespace wsmqtt::cli {
namespace {

std::string shown_value(std::string_view text) {
    std::string out = "'";
    for (char c : text.substr(0, 100)) {
        const auto u = static_cast<unsigned char>(c);
        out += (u < 0x20 || u == 0x7f) ? '?' : c;
    }
    return out + "'";
}

// Seconds with fractions ("0.25"), up to a day; zero only when `allow_zero`.
std::optional<double> seconds_value(std::string_view text, bool allow_zero) {
    const auto value = parse_decimal(text, 86400);
    if (!value || (!allow_zero && *value == 0)) return std::nullopt;
    return value;
}

template <class Duration>
Duration to_duration(double seconds) {
    return std::chrono::duration_cast<Duration>(std::chrono::duration<double>(seconds));
}

}  // namespace

pub_flags::pub_flags(CLI::App& app) {
    const char* group = "Publishing";
    app.add_option("-t,--topic", topic_, "MQTT topic to publish to")->group(group);
    app.add_option("-m,--message", message_, "message payload to send")->group(group);
    app.add_option("-f,--file", file_, "send the contents of a file as the message (binary-safe)")
        ->type_name("FILE")
        ->group(group);
    app.add_flag("-s,--stdin-file", stdin_file_, "read all of stdin and send it as one message")->group(group);
    app.add_flag("-l,--stdin-line", stdin_line_,
                 "send each line of stdin as a message, over one connection (newline dropped, \\r kept)")
        ->group(group);
    app.add_flag("-0,--null-delimited", null_delimited_,
                 "like -l, but messages on stdin are separated by NUL bytes (printf '%s\\0', find -print0)")
        ->group(group);
    app.add_flag("-n,--null-message", null_message_, "send a zero-length message")->group(group);
    app.add_option("--line-topic", line_topic_,
                   "with -l/-0: each record is TOPIC SEP PAYLOAD (split at the first SEP), so one stream feeds "
                   "many topics")
        ->type_name("SEP")
        ->group(group);
    app.add_option("-q,--qos", qos_, "quality of service: 0, 1 or 2 (default 0)")->type_name("0|1|2")->group(group);
    app.add_flag("-r,--retain", retain_, "ask the broker to retain the message")->group(group);
    app.add_option("--repeat", repeat_, "publish the -m/-f/-s/-n message N times (default 1)")
        ->type_name("N")
        ->group(group);
    app.add_option("--repeat-delay", repeat_delay_,
                   "with --repeat: wait SECONDS (fractions allowed) after each message is delivered before "
                   "publishing the next")
        ->type_name("SECONDS")
        ->group(group);
    app.add_option("--rate", rate_, "publish at most this many messages per second, evenly spaced (also -l)")
        ->type_name("MSGS_PER_SECOND")
        ->group(group);
    app.add_option("-M,--max-inflight", max_inflight_, "QoS 1/2 messages in flight at once (default 20)")
        ->group(group);
    app.add_option("--ack-timeout", ack_timeout_,
                   "give up (exit 10) when a QoS 1/2 message is not acknowledged within SECONDS")
        ->type_name("SECONDS")
        ->group(group);
    app.add_flag("--quiet", quiet_, "do not print warnings (errors are still printed)")->group(group);

    const char* props = "MQTT 5 properties (imply -V 5)";
    app.add_option("-D,--property", properties_,
                   "MQTT 5 property as mosquitto_pub: COMMAND IDENTIFIER VALUE, or COMMAND user-property NAME "
                   "VALUE (COMMAND: connect, publish, will, disconnect); repeatable")
        ->expected(3, 4)
        ->allow_extra_args(false)
        ->type_name("CMD ID [NAME] VALUE")
        ->group(props);
    app.add_option("--user-property", user_properties_, "PUBLISH user property NAME=VALUE (repeatable)")
        ->type_name("NAME=VALUE")
        ->group(props);
    app.add_option("--content-type", content_type_, "PUBLISH content type (e.g. application/json)")->group(props);
    app.add_option("--response-topic", response_topic_, "PUBLISH response topic")->group(props);
    app.add_option("--correlation-data", correlation_data_, "PUBLISH correlation data (the bytes as given)")
        ->group(props);
    app.add_option("--message-expiry", message_expiry_, "PUBLISH message expiry interval in seconds")
        ->type_name("SECONDS")
        ->group(props);
    app.add_flag("--payload-format-indicator", payload_format_indicator_,
                 "mark the payload as UTF-8 text (payload format indicator 1)")
        ->group(props);
    app.add_option("--topic-alias", topic_alias_,
                   "auto (default): use topic aliases for repeated topics when the broker allows them; off: "
                   "always send the full topic")
        ->type_name("auto|off")
        ->group(props);
    // --reconnect-delay/-max/-attempts and --no-reconnect are connection flags (cli/common).
}

bool pub_flags::wants_mqtt5() const noexcept {
    return !properties_.empty() || !user_properties_.empty() || content_type_ || response_topic_ ||
           correlation_data_ || message_expiry_ || payload_format_indicator_;
}

std::optional<pub_config> pub_flags::finish(const connection_config& connection, bool version_given,
                                            std::vector<std::string>& errors) const {
    const std::size_t errors_before = errors.size();
    pub_config config;

    // ---- payload source
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
        // An ifstream opens a directory and reads nothing from it: that would publish an empty message.
        std::error_code ec;
        if (std::filesystem::is_directory(*file_, ec))
            errors.push_back("-f/--file " + shown_value(*file_) + " is a directory, not a file");
    }
    if (stdin_file_) {
        ++sources;
        config.source = payload_source::stdin_whole;
    }
    if (stdin_line_ || null_delimited_) {
        ++sources;
        config.source = payload_source::stdin_records;
        config.record_separator = null_delimited_ ? '\0' : '\n';
    }
    if (null_message_) {
        ++sources;
        config.source = payload_source::null_message;
    }
    if (sources == 0 && payload_optional_) config.source = payload_source::null_message;
    if (sources == 0 && !payload_optional_) errors.emplace_back("no payload: give one of -m, -f, -s, -l, -0 or -n");
    if (sources > 1) errors.emplace_back("give only one of -m, -f, -s, -l (or -0) and -n");
    const bool records = config.source == payload_source::stdin_records;

    // ---- topic
    if (line_topic_) {
        if (line_topic_->empty()) errors.emplace_back("--line-topic needs a non-empty separator");
        if (sources == 1 && !records) errors.emplace_back("--line-topic works with -l or -0 only");
        config.line_topic = *line_topic_;
    }
    if (topic_ && connection.broker.topic) {
        errors.emplace_back("-t/--topic and a topic in the -L URL's path were both given; use one");
    }
    if (topic_) {
        config.topic = *topic_;
    } else if (connection.broker.topic) {
        config.topic = *connection.broker.topic;
    } else if (!line_topic_) {
        errors.emplace_back("no topic: give -t/--topic (or --line-topic SEP with -l)");
    }
    if (topic_ || connection.broker.topic) {
        if (auto problem = topic_name_problem(config.topic)) {
            errors.push_back(std::string{topic_ ? "-t/--topic" : "-L/--url"} + ": topic " + *problem);
        }
    }

    // ---- delivery
    if (qos_) {
        if (auto q = parse_qos(*qos_, "-q/--qos")) {
            config.qos = *q;
        } else {
            errors.push_back(q.error().message);
        }
    }
    config.retain = retain_;
    if (max_inflight_) {
        if (auto v = parse_whole_number<unsigned>(*max_inflight_, 1, 65535)) {
            config.max_inflight = static_cast<std::uint16_t>(*v);
        } else {
            errors.push_back("-M/--max-inflight " + shown_value(*max_inflight_) + " must be a number from 1 to 65535");
        }
    }
    if (repeat_) {
        if (auto v = parse_whole_number<std::uint64_t>(*repeat_, 1, 1'000'000'000'000ULL)) {
            config.repeat = *v;
        } else {
            errors.push_back("--repeat " + shown_value(*repeat_) + " must be a number of times from 1");
        }
        if (records) errors.emplace_back("--repeat works with -m, -f, -s and -n, not with -l/-0");
    }
    if (repeat_delay_) {
        if (auto s = seconds_value(*repeat_delay_, true)) {
            config.repeat_delay = to_duration<std::chrono::microseconds>(*s);
        } else {
            errors.push_back("--repeat-delay " + shown_value(*repeat_delay_) +
                             " must be a number of seconds from 0 to 86400 (fractions allowed)");
        }
        if (!repeat_) errors.emplace_back("--repeat-delay needs --repeat N");
    }
    if (rate_) {
        double value = 0;
        const auto* end = rate_->data() + rate_->size();
        const auto [ptr, ec] = std::from_chars(rate_->data(), end, value, std::chars_format::fixed);
        if (rate_->empty() || rate_->front() == '-' || ec != std::errc{} || ptr != end || !std::isfinite(value) ||
            value <= 0 || value > 10'000'000) {
            errors.push_back("--rate " + shown_value(*rate_) +
                             " must be a number of messages per second above 0 (fractions allowed, e.g. 0.5)");
        } else {
            config.rate = value;
        }
    }
    if (ack_timeout_) {
        if (auto s = seconds_value(*ack_timeout_, false)) {
            config.ack_timeout = to_duration<std::chrono::milliseconds>(*s);
            if (config.ack_timeout->count() == 0) config.ack_timeout = std::chrono::milliseconds{1};
        } else {
            errors.push_back("--ack-timeout " + shown_value(*ack_timeout_) +
                             " must be a number of seconds above 0 and at most 86400");
        }
    }

    config.reconnect = connection.reconnect;  // the shared reconnect flags

    // ---- MQTT 5 properties
    for (const auto& args : properties_) add_property_argument(config.props, args, errors);
    for (const auto& text : user_properties_) add_publish_user_property(config.props, text, errors);
    using codec::property_id;
    if (content_type_) {
        add_publish_property(config.props, property_id::content_type, "--content-type", *content_type_, errors);
    }
    if (response_topic_) {
        add_publish_property(config.props, property_id::response_topic, "--response-topic", *response_topic_,
                             errors);
    }
    if (correlation_data_) {
        add_publish_property(config.props, property_id::correlation_data, "--correlation-data",
                             *correlation_data_, errors);
    }
    if (message_expiry_) {
        add_publish_property(config.props, property_id::message_expiry_interval, "--message-expiry",
                             *message_expiry_, errors);
    }
    if (payload_format_indicator_) {
        add_publish_property(config.props, property_id::payload_format_indicator, "--payload-format-indicator",
                             "1", errors);
    }
    if (topic_alias_) {
        if (*topic_alias_ == "auto") {
            config.topic_alias = topic_alias_mode::automatic;
        } else if (*topic_alias_ == "off") {
            config.topic_alias = topic_alias_mode::off;
        } else {
            errors.push_back("--topic-alias " + shown_value(*topic_alias_) +
                             " must be auto or off (a fixed alias: -D publish topic-alias N)");
        }
    }
    if (config.props.will_used && !connection.will) {
        errors.emplace_back("-D will ... needs a will: give --will-topic");
    }
    if (config.props.any && connection.version != protocol_version::v5) {
        // Without -V the caller switched to MQTT 5 already (wants_mqtt5); -V 311 is explicit.
        errors.push_back(std::string("MQTT 5 properties (-D, --user-property, --content-type, ...) need MQTT 5, ") +
                         (version_given ? "but -V asks for " + std::string(version_name(connection.version)) +
                                              "; use -V 5 or drop them"
                                        : "and this connection is " + std::string(version_name(connection.version))));
    }
    config.quiet = quiet_;
    if (errors.size() != errors_before) return std::nullopt;
    return config;
}

}  // namespace wsmqtt::cli
