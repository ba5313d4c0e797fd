#pragma once
// wsmqtt-sub's own flags (mosquitto_sub's spelling and meaning, plus the MQTT 5 subscription
// options and reconnect controls), bound on the shared CLI::App and validated into a sub_config.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/common/connection_config.hpp"
#include "core/codec/packets.hpp"
#include "core/output/formatter.hpp"

namespace wsmqtt::cli {

struct sub_config {
    // One entry per -t, in order, with its QoS and the v5 options (same for every filter).
    std::vector<codec::subscription> subscriptions;
    std::vector<std::string> unsubscribe;  // -U, in order
    std::vector<std::string> filter_out;   // -T
    codec::properties connect_props;       // -D connect ...
    codec::properties subscribe_props;     // -D subscribe ... and --subscription-identifier
    codec::properties unsubscribe_props;   // -D unsubscribe ...

    std::optional<std::uint32_t> count;                  // -C: exit 0 after this many messages
    std::optional<std::chrono::milliseconds> timeout;    // -W: exit 10 when not done by then
    bool no_retained = false;                            // -R: do not print retained messages
    bool retained_only = false;                          // --retained-only
    bool exit_after_subscribe = false;                   // -E
    bool remove_retained = false;                        // --remove-retained

    output::formatter_options output;  // -v, -F, -N, --format json, --payload-encoding, --pretty
    bool colour_allowed = true;        // false for --no-color; the TTY/NO_COLOR check is main's

    bool reconnect = true;                              // --no-reconnect: a lost connection exits 9
    std::chrono::milliseconds reconnect_delay{1'000};   // --reconnect-delay
    std::chrono::milliseconds reconnect_max{30'000};    // --reconnect-max: back-off cap
    bool quiet = false;
};

class sub_flags {
public:
    explicit sub_flags(CLI::App& app);
    sub_flags(const sub_flags&) = delete;
    sub_flags& operator=(const sub_flags&) = delete;

    // Appends one line per problem; a topic may come from an mqtt:// URL's path.
    std::optional<sub_config> finish(const connection_config& connection, std::vector<std::string>& errors) const;

private:
    std::vector<std::string> topics_, qos_, unsubscribe_, filter_out_;
    std::vector<std::vector<std::string>> properties_;
    std::optional<std::string> retain_handling_, subscription_id_, count_, timeout_, format_, output_format_,
        payload_encoding_;
    bool no_local_ = false, retain_as_published_ = false, no_retained_ = false, retained_only_ = false,
         exit_after_subscribe_ = false, remove_retained_ = false, verbose_ = false, no_eol_ = false,
         pretty_ = false, quiet_ = false, no_color_ = false;
};

}  // namespace wsmqtt::cli
