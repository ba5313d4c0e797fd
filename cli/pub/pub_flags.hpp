#pragma once
// wsmqtt-pub's own flags (mosquitto_pub's spelling and meaning, plus a few of ours), bound on the
// shared CLI::App and validated into a pub_config after parsing.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/common/connection_config.hpp"
#include "cli/pub/pub_properties.hpp"
#include "core/session/reconnect_policy.hpp"

namespace wsmqtt::cli {

enum class payload_source : std::uint8_t {
    message,       // -m
    file,          // -f
    stdin_whole,   // -s
    stdin_records, // -l (newline-separated) or -0 (NUL-separated)
    null_message,  // -n
};

// What --topic-alias asks for. The session gives a topic an alias automatically when the broker's
// CONNACK allows aliases (MQTT 5 Topic Alias Maximum > 0): the first PUBLISH to a topic on a
// connection carries the topic and the alias, later ones only the alias.
enum class topic_alias_mode : std::uint8_t {
    automatic,  // --topic-alias auto (the default)
    off,        // --topic-alias off: always send the full topic
};

struct pub_config {
    std::string topic;  // empty only with --line-topic and no -t
    payload_source source = payload_source::message;
    std::string message;  // -m
    std::string file;     // -f
    char record_separator = '\n';             // -l: '\n'; -0: '\0'
    std::optional<std::string> line_topic;    // --line-topic SEP: each record is TOPIC SEP PAYLOAD
    std::uint8_t qos = 0;
    bool retain = false;
    std::uint16_t max_inflight = 20;
    std::uint64_t repeat = 1;                       // --repeat: times the one message is published
    std::optional<std::chrono::microseconds> repeat_delay;  // --repeat-delay: after each completion
    std::optional<double> rate;                     // --rate: messages per second
    property_sets props;                            // -D and the friendly property flags
    topic_alias_mode topic_alias = topic_alias_mode::automatic;
    std::optional<std::chrono::milliseconds> ack_timeout;  // --ack-timeout
    session::reconnect_policy reconnect;            // connection_config::reconnect (shared flags)
    bool quiet = false;

    bool reads_stdin() const noexcept {
        return source == payload_source::stdin_whole || source == payload_source::stdin_records;
    }
};

class pub_flags {
public:
    explicit pub_flags(CLI::App& app);
    pub_flags(const pub_flags&) = delete;
    pub_flags& operator=(const pub_flags&) = delete;

    // Appends one line per problem; the topic may come from an mqtt:// URL's path. `version_given`
    // says whether -V was on the command line: MQTT 5 properties under an explicit 3.1/3.1.1
    // are an error, without -V they ask for MQTT 5 (see wants_mqtt5).
    std::optional<pub_config> finish(const connection_config& connection, bool version_given,
                                     std::vector<std::string>& errors) const;

    // True when a flag that only MQTT 5 can carry was given (-D, --user-property, ...): like
    // mosquitto_pub, that makes the client speak MQTT 5 unless -V says otherwise.
    bool wants_mqtt5() const noexcept;

    // Load mode's --size supplies the payload: then no -m/-f/-s/-l/-n is needed.
    void allow_missing_payload(bool allow) noexcept { payload_optional_ = allow; }

private:
    std::optional<std::string> topic_, message_, file_, qos_, max_inflight_, line_topic_, repeat_, repeat_delay_,
        rate_, content_type_, response_topic_, correlation_data_, message_expiry_, topic_alias_, ack_timeout_;
    std::vector<std::vector<std::string>> properties_;
    std::vector<std::string> user_properties_;
    bool stdin_file_ = false, stdin_line_ = false, null_delimited_ = false, null_message_ = false,
         retain_ = false, quiet_ = false, payload_format_indicator_ = false;
    bool payload_optional_ = false;
};

}  // namespace wsmqtt::cli
