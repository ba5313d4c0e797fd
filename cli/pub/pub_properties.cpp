#include "cli/pub/pub_properties.hpp"

#include <optional>

namespace wsmqtt::cli {
namespace {

using codec::packet_type;
using codec::property_id;

enum class command : std::uint8_t { connect, publish, will, disconnect, ignored, refused, unknown };

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

command command_of(std::string_view lowered) {
    if (lowered == "connect") return command::connect;
    if (lowered == "publish") return command::publish;
    if (lowered == "will") return command::will;
    if (lowered == "disconnect") return command::disconnect;
    if (lowered == "subscribe" || lowered == "unsubscribe") return command::ignored;
    if (lowered == "puback" || lowered == "pubrec" || lowered == "pubrel" || lowered == "pubcomp" ||
        lowered == "suback" || lowered == "unsuback" || lowered == "auth")
        return command::refused;
    return command::unknown;
}

// What a valid value looks like, for the error message.
std::string_view expected_value(property_id id) {
    switch (id) {
    case property_id::payload_format_indicator:
    case property_id::request_problem_information:
    case property_id::request_response_information:
    case property_id::maximum_qos:
    case property_id::retain_available:
    case property_id::wildcard_subscription_available:
    case property_id::subscription_identifier_available:
    case property_id::shared_subscription_available: return "0 or 1";
    case property_id::receive_maximum:
    case property_id::topic_alias: return "a number from 1 to 65535";
    case property_id::topic_alias_maximum:
    case property_id::server_keep_alive: return "a number from 0 to 65535";
    case property_id::maximum_packet_size: return "a number from 1 to 4294967295";
    case property_id::subscription_identifier: return "a number from 1 to 268435455";
    case property_id::message_expiry_interval:
    case property_id::session_expiry_interval:
    case property_id::will_delay_interval: return "a number of seconds from 0 to 4294967295";
    case property_id::response_topic: return "a topic name without + or # (valid UTF-8)";
    case property_id::correlation_data:
    case property_id::authentication_data: return "at most 65535 bytes";
    default: return "valid UTF-8 without NUL, at most 65535 bytes";
    }
}

std::string shown(std::string_view value) {
    std::string out = "'";
    for (char c : value.substr(0, 100)) {
        const auto u = static_cast<unsigned char>(c);
        out += (u < 0x20 || u == 0x7f) ? '?' : c;
    }
    if (value.size() > 100) out += "...";
    return out + "'";
}

void set(codec::properties& props, property_id id, std::string_view what, std::string_view value,
         std::string_view value2, std::vector<std::string>& errors) {
    if (!codec::set_property(props, id, value, value2)) {
        errors.push_back(std::string(what) + " " + shown(id == property_id::user_property ? value2 : value) +
                         ": expected " + std::string(expected_value(id)));
        if (id == property_id::user_property && !value.empty()) {
            errors.back() += " (name " + shown(value) + ")";
        }
    }
}

}  // namespace

void add_property_argument(property_sets& sets, const std::vector<std::string>& args,
                           std::vector<std::string>& errors) {
    if (args.size() < 3 || args.size() > 4) {
        errors.emplace_back("-D/--property takes COMMAND IDENTIFIER VALUE, or COMMAND user-property NAME VALUE "
                            "(e.g. -D publish content-type text/plain)");
        return;
    }
    const std::string cmd_name = lower(args[0]);
    const std::string prop_name = lower(args[1]);
    const std::string what = "-D " + cmd_name + " " + prop_name;
    const command cmd = command_of(cmd_name);
    if (cmd == command::unknown) {
        errors.push_back("-D/--property: unknown command " + shown(args[0]) +
                         "; use connect, publish, will or disconnect");
        return;
    }
    const std::optional<property_id> id = codec::property_from_name(prop_name);
    if (!id) {
        errors.push_back("-D/--property: unknown property " + shown(args[1]) +
                         " (names as in the MQTT 5 spec with '-' between words, e.g. message-expiry-interval)");
        return;
    }
    const bool pair = *id == property_id::user_property;
    if (args.size() != (pair ? 4u : 3u)) {
        errors.push_back(what + (pair ? " takes a NAME and a VALUE" : " takes one VALUE"));
        return;
    }
    if (cmd == command::refused) {
        errors.push_back(what + ": properties for " + cmd_name + " are not supported (as in mosquitto_pub)");
        return;
    }
    bool allowed = false;
    switch (cmd) {
    case command::connect: allowed = codec::property_allowed(*id, packet_type::connect); break;
    case command::publish:
        // A client never sends a subscription identifier (spec 3.3.4, MQTT-3.3.4-6).
        allowed = codec::property_allowed(*id, packet_type::publish) && *id != property_id::subscription_identifier;
        break;
    case command::will: allowed = codec::property_allowed_in_will(*id); break;
    case command::disconnect: allowed = codec::property_allowed(*id, packet_type::disconnect); break;
    case command::ignored:
        allowed = codec::property_allowed(*id, cmd_name == "subscribe" ? packet_type::subscribe
                                                                       : packet_type::unsubscribe);
        break;
    default: break;
    }
    if (!allowed) {
        errors.push_back(what + ": " + prop_name + " is not allowed in " + cmd_name);
        return;
    }
    const std::string_view value = pair ? args[3] : args[2];
    const std::string_view name = pair ? std::string_view(args[2]) : std::string_view{};
    const std::string_view first = pair ? name : value;
    sets.any = true;
    switch (cmd) {
    case command::connect: set(sets.connect, *id, what, first, value, errors); break;
    case command::publish: set(sets.publish, *id, what, first, value, errors); break;
    case command::will:
        sets.will_used = true;
        set(sets.will, *id, what, first, value, errors);
        break;
    case command::disconnect: set(sets.disconnect, *id, what, first, value, errors); break;
    case command::ignored: {
        codec::properties scratch;  // still checked, so a typo is reported
        set(scratch, *id, what, first, value, errors);
        sets.notes.push_back(what + ": wsmqtt-pub sends no " + cmd_name + "; ignored");
        break;
    }
    default: break;
    }
}

void add_publish_property(property_sets& sets, codec::property_id id, std::string_view flag, std::string_view value,
                          std::vector<std::string>& errors) {
    sets.any = true;
    set(sets.publish, id, flag, value, {}, errors);
}

void add_publish_user_property(property_sets& sets, std::string_view text, std::vector<std::string>& errors) {
    const auto eq = text.find('=');
    if (eq == std::string_view::npos || eq == 0) {
        errors.push_back("--user-property " + shown(text) + " must be NAME=VALUE");
        return;
    }
    sets.any = true;
    set(sets.publish, codec::property_id::user_property, "--user-property", text.substr(0, eq), text.substr(eq + 1),
        errors);
}

}  // namespace wsmqtt::cli
