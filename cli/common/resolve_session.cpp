#include "cli/common/client_id.hpp"
#include "cli/common/flag_values.hpp"
#include "cli/common/resolve.hpp"
#include "cli/common/topic_check.hpp"

namespace wsmqtt::cli::detail {
namespace {

constexpr std::uint32_t never_expires = 0xFFFFFFFF;

// MQTT 3.1 servers may refuse ids longer than 23 bytes (3.1 spec, CONNECT payload).
constexpr std::size_t v3_1_max_id = 23;

void resolve_client_id(const raw_connection_flags& raw, connection_config& config,
                       std::vector<std::string>& errors) {
    if (raw.id && raw.id_prefix) {
        errors.emplace_back("-i/--id and -I/--id-prefix cannot be used together");
        return;
    }
    if (raw.id) {
        config.client_id = *raw.id;
    } else if (raw.id_prefix) {
        config.client_id = random_client_id(*raw.id_prefix);
        config.client_id_generated = true;
    } else if (config.version == protocol_version::v5) {
        // An empty id asks the MQTT 5 broker to assign one (CONNACK's Assigned Client Identifier).
        config.client_id.clear();
    } else {
        // 3.1.1 brokers may refuse an empty id and 3.1 forbids it; a random one never collides
        // with another running client, unlike a fixed name.
        config.client_id = random_client_id();
        config.client_id_generated = true;
    }

    const char* flag = raw.id ? "-i/--id" : "-I/--id-prefix";
    if (!is_mqtt_utf8(config.client_id)) {
        errors.push_back(std::string(flag) + " " + quote(config.client_id) +
                         " is not valid UTF-8 (or contains a NUL)");
    } else if (config.client_id.size() > 65535) {
        errors.push_back(std::string(flag) + " is longer than 65535 bytes");
    } else if (config.version == protocol_version::v3_1 &&
               (config.client_id.empty() || config.client_id.size() > v3_1_max_id)) {
        errors.push_back(std::string("MQTT 3.1 client ids are 1 to 23 bytes; ") + flag + " gives " +
                         std::to_string(config.client_id.size()) + " (" + quote(config.client_id) + ")");
    }
}

}  // namespace

void resolve_session(const raw_connection_flags& raw, connection_config& config,
                     std::vector<std::string>& errors) {
    resolve_client_id(raw, config, errors);

    if (raw.keepalive) {
        if (auto k = parse_keepalive(*raw.keepalive))
            config.keepalive = *k;
        else
            errors.push_back(k.error().message);
    }
    if (raw.connect_timeout) {
        if (auto t = parse_connect_timeout(*raw.connect_timeout))
            config.connect_timeout = *t;
        else
            errors.push_back(t.error().message);
    }

    if (raw.max_packet_size) {
        // 1..268435460: a whole packet, fixed header included (spec 3.1.2.11.4 forbids 0).
        const std::string& text = *raw.max_packet_size;
        const auto n = parse_whole_number<std::uint32_t>(text, 1, 268'435'460);
        if (!n) {
            errors.push_back("--max-packet-size " + detail::quote(text) +
                             " must be a number of bytes from 1 to 268435460");
        } else {
            config.max_packet_size = *n;
        }
    }

    config.clean_session = !raw.disable_clean_session;
    // A session kept for later is found again by its client id, so it needs one the user
    // chose: a generated id (or -I's random suffix) changes every run and the session would
    // be unreachable. mosquitto refuses the same combinations.
    const bool chosen_id = raw.id && !raw.id->empty();

    if (config.version == protocol_version::v5) {
        if (raw.session_expiry) {
            if (auto x = parse_session_expiry(*raw.session_expiry))
                config.session_expiry_interval = *x;
            else
                errors.push_back(x.error().message);
        } else if (raw.disable_clean_session) {
            config.session_expiry_interval = never_expires;
        }
        if (config.session_expiry_interval == never_expires && !chosen_id)
            errors.emplace_back(
                "a session that never expires (-c without -x, or -x never) needs a client id (-i): "
                "it is found again by that id; or give -x SECONDS");
    } else {
        if (raw.session_expiry)
            errors.push_back("-x/--session-expiry-interval needs MQTT 5, but -V asks for " +
                             std::string(version_name(config.version)) + "; use -V 5 or drop -x");
        if (raw.disable_clean_session && !chosen_id)
            errors.emplace_back(
                "-c/--disable-clean-session needs a client id (-i): a kept session is found again by "
                "its client id, and a generated one (or -I) changes every run");
    }
}

void resolve_will(const raw_connection_flags& raw, connection_config& config,
                  std::vector<std::string>& errors) {
    if (!raw.will_topic) {
        std::vector<std::string> orphans;
        if (raw.will_payload) orphans.emplace_back("--will-payload");
        if (raw.will_qos) orphans.emplace_back("--will-qos");
        if (raw.will_retain) orphans.emplace_back("--will-retain");
        if (!orphans.empty()) errors.push_back(join_names(orphans) + " given without --will-topic");
        return;
    }
    will_message will;
    will.topic = *raw.will_topic;
    if (auto problem = topic_name_problem(will.topic))
        errors.push_back("--will-topic " + quote(will.topic) + " " + *problem);
    will.payload = raw.will_payload.value_or("");
    if (will.payload.size() > 65535) errors.emplace_back("--will-payload is longer than 65535 bytes");
    if (raw.will_qos) {
        if (auto q = parse_qos(*raw.will_qos, "--will-qos"))
            will.qos = *q;
        else
            errors.push_back(q.error().message);
    }
    will.retain = raw.will_retain;
    config.will = std::move(will);
}

}  // namespace wsmqtt::cli::detail
