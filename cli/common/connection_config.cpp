#include "cli/common/connection_config.hpp"

#include <fmt/format.h>

namespace wsmqtt::cli {

std::string_view version_name(protocol_version v) noexcept {
    switch (v) {
        case protocol_version::v3_1:
            return "MQTT 3.1";
        case protocol_version::v3_1_1:
            return "MQTT 3.1.1";
        case protocol_version::v5:
            return "MQTT 5";
    }
    return "MQTT";
}

std::string describe(const connection_config& config) {
    std::string out = fmt::format("broker {}, {}", config.broker.to_string(), version_name(config.version));
    if (config.client_id.empty())
        out += ", client id assigned by the broker";
    else
        out += fmt::format(", client id '{}'{}", config.client_id,
                           config.client_id_generated ? " (generated)" : "");
    out += config.keepalive == 0 ? std::string(", keepalive off")
                                 : fmt::format(", keepalive {} s", config.keepalive);
    out += config.clean_session ? ", clean session" : ", persistent session";
    if (config.session_expiry_interval) {
        if (*config.session_expiry_interval == 0xFFFFFFFFu)
            out += ", session never expires";
        else
            out += fmt::format(", session expires after {} s", *config.session_expiry_interval);
    }
    if (config.username) out += fmt::format(", user '{}'", *config.username);
    if (config.password) out += config.username ? " with password" : ", password without user name";
    if (config.will)
        out += fmt::format(", will on '{}' (QoS {}{})", config.will->topic, config.will->qos,
                           config.will->retain ? ", retained" : "");
    if (config.proxy) out += fmt::format(", via proxy {}", config.proxy->to_string());
    out +=
        fmt::format(", connect timeout {} s", static_cast<double>(config.connect_timeout.count()) / 1000.0);
    if (config.wait_broker)
        out += fmt::format(", waiting up to {} s for the broker",
                           static_cast<double>(config.wait_broker->count()) / 1000.0);
    return out;
}

}  // namespace wsmqtt::cli
