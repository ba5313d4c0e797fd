#include "cli/sub/sub_flags.hpp"

#include <charconv>
#include <cmath>

#include "cli/common/flag_values.hpp"
#include "cli/common/option_helpers.hpp"
#include "cli/common/topic_check.hpp"
#include "cli/sub/property_args.hpp"
#include "core/codec/topic.hpp"

namespace wsmqtt::cli {
namespace {

constexpr const char* group_sub = "Subscribing";
constexpr const char* group_end = "Ending";
constexpr const char* group_out = "Output";

// Seconds, fractions allowed, at most a day (or `max_seconds`); rounded up to milliseconds.
std::optional<std::chrono::milliseconds> parse_seconds(std::string_view text, bool allow_zero,
                                                       double max_seconds = 86'400.0) {
    const auto value = parse_decimal(text, max_seconds);
    if (!value || (!allow_zero && *value <= 0.0)) return std::nullopt;
    return std::chrono::milliseconds{static_cast<std::int64_t>(std::ceil(*value * 1000.0))};
}

void check_filters(const char* flag, const std::vector<std::string>& filters, std::vector<std::string>& errors) {
    for (const auto& f : filters) {
        if (auto problem = topic_filter_problem(f)) {
            errors.push_back(std::string{flag} + " '" + f + "' " + *problem);
        } else if (!codec::validate_topic_filter(f)) {
            errors.push_back(std::string{flag} + " '" + f + "' is not a valid shared subscription ($share/GROUP/FILTER)");
        }
    }
}

bool is_shared(std::string_view filter) { return codec::parse_shared_subscription(filter).has_value(); }

}  // namespace

sub_flags::sub_flags(CLI::App& app) {
    add_repeated(app, "-t,--topic", topics_, "FILTER", "Topic filter to subscribe to (repeatable)", group_sub);
    add_repeated(app, "-q,--qos", qos_, "0|1|2",
             "Maximum QoS: one for every -t, or one per -t in order (default 0)", group_sub);
    app.add_flag("--no-local", no_local_, "MQTT 5: do not receive our own publications")->group(group_sub);
    app.add_flag("--retain-as-published", retain_as_published_,
                 "MQTT 5: keep the retain flag of forwarded messages as published")
        ->group(group_sub);
    add_value(app, "--retain-handling", retain_handling_, "0|1|2",
          "MQTT 5: retained messages at subscribe: 0 always, 1 for new subscriptions only, 2 never", group_sub);
    add_value(app, "--subscription-identifier", subscription_id_, "N",
          "MQTT 5: Subscription Identifier sent with the SUBSCRIBE (1..268435455)", group_sub);
    app.add_option("-D,--property", properties_,
                   "MQTT 5 property: connect|subscribe|unsubscribe NAME VALUE (user-property: KEY VALUE)")
        ->type_name("CMD NAME VALUE")
        ->expected(3, 4)
        ->group(group_sub);
    add_repeated(app, "-U,--unsubscribe", unsubscribe_, "FILTER", "Unsubscribe from FILTER after connecting (repeatable)",
             group_sub);

    add_value(app, "-C,--count", count_, "N", "Exit 0 after N messages", group_end);
    add_value(app, "-W,--timeout", timeout_, "SECONDS",
          "Exit 10 when not done this many seconds after connecting", group_end);
    app.add_flag("-R,--no-retained", no_retained_, "Do not print stale (retained) messages")->group(group_end);
    app.add_flag("--retained-only", retained_only_, "Print retained messages only; exit at the first live one")
        ->group(group_end);
    app.add_flag("-E", exit_after_subscribe_, "Exit once subscribed")->group(group_end);
    add_repeated(app, "-T,--filter-out", filter_out_, "FILTER", "Do not print messages matching FILTER (repeatable)",
             group_end);
    app.add_flag("--remove-retained", remove_retained_, "Clear each retained message received (not -T ones)")
        ->group(group_end);

    app.add_flag("-v,--verbose", verbose_, "Print 'topic payload'")->group(group_out);
    app.add_flag("-N", no_eol_, "Do not print a newline after each message")->group(group_out);
    add_value(app, "-F", format_, "FORMAT", "mosquitto_sub output format (%t %p %x %j %J %I ...)", group_out);
    add_value(app, "--format", output_format_, "json", "One JSON object per message (NDJSON)", group_out);
    add_value(app, "--payload-encoding", payload_encoding_, "utf8|base64|hex",
          "--format json: payload encoding (default: utf8 when valid, else base64)", group_out);
    app.add_flag("--pretty", pretty_, "Indent --format json and %j/%J output")->group(group_out);
    app.add_flag("--no-color", no_color_, "Never colour -v output (also: NO_COLOR)")->group(group_out);
    app.add_flag("--quiet", quiet_, "Do not print warnings (errors are still printed)")->group(group_out);

    // --reconnect-delay/-max/-attempts and --no-reconnect are connection flags (cli/common).
}

std::optional<sub_config> sub_flags::finish(const connection_config& connection,
                                            std::vector<std::string>& errors) const {
    const std::size_t errors_before = errors.size();
    const bool v5 = connection.version == protocol_version::v5;
    const auto need_v5 = [&](const char* flag) {
        if (!v5) errors.push_back(std::string{flag} + " is an MQTT 5 option; add -V 5");
    };
    sub_config config;

    std::vector<std::string> topics = topics_;
    if (!topics_.empty() && connection.broker.topic) {
        errors.push_back("-t/--topic and a topic in the -L URL's path were both given; use one");
    } else if (topics.empty() && connection.broker.topic) {
        topics.push_back(*connection.broker.topic);
    }
    if (topics.empty() && unsubscribe_.empty()) errors.push_back("no topic: give -t/--topic (or -U/--unsubscribe)");
    check_filters("-t/--topic", topics, errors);
    check_filters("-U/--unsubscribe", unsubscribe_, errors);
    check_filters("-T/--filter-out", filter_out_, errors);

    std::vector<std::uint8_t> qos;
    for (const auto& q : qos_) {
        if (auto parsed = parse_qos(q, "-q/--qos")) {
            qos.push_back(*parsed);
        } else {
            errors.push_back(parsed.error().message);
        }
    }
    if (qos.size() > 1 && qos.size() != topics.size()) {
        errors.push_back("-q/--qos given " + std::to_string(qos.size()) + " times for " +
                         std::to_string(topics.size()) + " topics; give one for all or one per -t");
    }

    std::uint8_t retain_handling = 0;
    if (retain_handling_) {
        need_v5("--retain-handling");
        if (*retain_handling_ == "0" || *retain_handling_ == "1" || *retain_handling_ == "2") {
            retain_handling = static_cast<std::uint8_t>((*retain_handling_)[0] - '0');
        } else {
            errors.push_back("--retain-handling '" + *retain_handling_ + "' must be 0, 1 or 2");
        }
    } else if (no_retained_ && v5) {
        retain_handling = 2;  // as mosquitto_sub: under MQTT 5, -R asks the broker not to send them
    }
    if (no_local_) need_v5("--no-local");
    if (retain_as_published_) need_v5("--retain-as-published");

    for (std::size_t i = 0; i < topics.size(); ++i) {
        codec::subscription s;
        s.filter = topics[i];
        const std::uint8_t q = qos.empty() ? 0 : qos.size() == 1 ? qos[0] : i < qos.size() ? qos[i] : 0;
        s.max_qos = static_cast<codec::qos>(q);
        s.no_local = no_local_;
        s.retain_as_published = retain_as_published_;
        s.retain_handling = retain_handling;
        if (no_local_ && is_shared(s.filter)) {
            errors.push_back("--no-local cannot be used with the shared subscription '" + s.filter + "'");
        }
        config.subscriptions.push_back(std::move(s));
    }
    config.unsubscribe = unsubscribe_;
    config.filter_out = filter_out_;

    if (subscription_id_) {
        need_v5("--subscription-identifier");
        const auto id = parse_whole_number<std::uint64_t>(*subscription_id_, 0, UINT64_MAX);
        if (!id || *id < 1 || *id > 268'435'455) {
            errors.push_back("--subscription-identifier '" + *subscription_id_ + "' must be from 1 to 268435455");
        } else {
            config.subscribe_props.subscription_identifiers.push_back(static_cast<std::uint32_t>(*id));
        }
    }
    if (!properties_.empty()) need_v5("-D/--property");
    const property_targets targets{&config.connect_props, &config.subscribe_props, &config.unsubscribe_props};
    for (const auto& words : properties_) {
        if (auto problem = apply_property_arg(words, targets)) errors.push_back(*problem);
    }

    if (count_) {
        const auto n = parse_whole_number<std::uint64_t>(*count_, 0, UINT64_MAX);
        if (!n || *n < 1 || *n > 4'294'967'295u) {
            errors.push_back("-C/--count '" + *count_ + "' must be a number from 1 to 4294967295");
        } else {
            config.count = static_cast<std::uint32_t>(*n);
        }
    }
    if (timeout_) {
        if (auto t = parse_seconds(*timeout_, false, 4'294'967.0)) {
            config.timeout = *t;
        } else {
            errors.push_back("-W/--timeout '" + *timeout_ + "' must be a number of seconds greater than 0");
        }
    }
    if (no_retained_ && retained_only_) errors.push_back("-R/--no-retained and --retained-only exclude each other");
    config.no_retained = no_retained_;
    config.retained_only = retained_only_;
    config.exit_after_subscribe = exit_after_subscribe_;
    config.remove_retained = remove_retained_;

    auto& out = config.output;
    out.end_of_line = !no_eol_;
    out.pretty = pretty_;
    if (verbose_) out.mode = output::output_mode::verbose;
    if (format_ && output_format_) errors.push_back("give only one of -F and --format");
    if (format_) {
        out.mode = output::output_mode::format;
        out.format = *format_;
    }
    if (output_format_) {
        if (*output_format_ == "json") {
            out.mode = output::output_mode::json;
        } else {
            errors.push_back("--format '" + *output_format_ + "' is not known; use --format json (or -F FORMAT)");
        }
    }
    if (payload_encoding_) {
        if (out.mode != output::output_mode::json) errors.push_back("--payload-encoding needs --format json");
        if (*payload_encoding_ == "utf8" || *payload_encoding_ == "utf-8") {
            out.encoding = output::payload_encoding::utf8;
        } else if (*payload_encoding_ == "base64") {
            out.encoding = output::payload_encoding::base64;
        } else if (*payload_encoding_ == "hex") {
            out.encoding = output::payload_encoding::hex;
        } else {
            errors.push_back("--payload-encoding '" + *payload_encoding_ + "' must be utf8, base64 or hex");
        }
    }
    config.colour_allowed = !no_color_;
    config.quiet = quiet_;

    // The shared reconnect flags (cli/common), kept here in sub_config's own shape.
    config.reconnect = connection.reconnect.enabled;
    config.reconnect_delay = connection.reconnect.initial_delay;
    config.reconnect_max = connection.reconnect.max_delay;

    if (errors.size() != errors_before) return std::nullopt;
    return config;
}

}  // namespace wsmqtt::cli
