#include "cli/common/property_flags.hpp"

#include <array>
#include <utility>

namespace wsmqtt::cli {
namespace {

using codec::packet_type;
using codec::property_id;

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

constexpr std::array<std::pair<std::string_view, property_command>, 13> command_names{{
    {"connect", property_command::connect},
    {"publish", property_command::publish},
    {"will", property_command::will},
    {"disconnect", property_command::disconnect},
    {"subscribe", property_command::subscribe},
    {"unsubscribe", property_command::unsubscribe},
    {"puback", property_command::puback},
    {"pubrec", property_command::pubrec},
    {"pubrel", property_command::pubrel},
    {"pubcomp", property_command::pubcomp},
    {"suback", property_command::suback},
    {"unsuback", property_command::unsuback},
    {"auth", property_command::auth},
}};

std::optional<property_command> command_of(std::string_view lowered) {
    for (const auto& [name, command] : command_names) {
        if (name == lowered) return command;
    }
    return std::nullopt;
}

codec::properties* target_of(property_command command, const property_destinations& targets) {
    switch (command) {
    case property_command::connect: return targets.connect;
    case property_command::publish: return targets.publish;
    case property_command::will: return targets.will;
    case property_command::disconnect: return targets.disconnect;
    case property_command::subscribe: return targets.subscribe;
    case property_command::unsubscribe: return targets.unsubscribe;
    default: return nullptr;
    }
}

// "connect, publish, will or disconnect": the commands this program takes.
std::string commands_taken(const property_destinations& targets) {
    std::vector<std::string_view> names;
    for (const auto& [name, command] : command_names) {
        if (target_of(command, targets) != nullptr) names.push_back(name);
    }
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i != 0) out += i + 1 == names.size() ? " or " : ", ";
        out += names[i];
    }
    return out.empty() ? std::string("none") : out;
}

bool allowed_in(property_id id, property_command command) {
    switch (command) {
    case property_command::connect: return codec::property_allowed(id, packet_type::connect);
    // A client never sends a subscription identifier in PUBLISH (spec 3.3.4, MQTT-3.3.4-6).
    case property_command::publish:
        return codec::property_allowed(id, packet_type::publish) && id != property_id::subscription_identifier;
    case property_command::will: return codec::property_allowed_in_will(id);
    case property_command::disconnect: return codec::property_allowed(id, packet_type::disconnect);
    case property_command::subscribe: return codec::property_allowed(id, packet_type::subscribe);
    case property_command::unsubscribe: return codec::property_allowed(id, packet_type::unsubscribe);
    default: return false;
    }
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

}  // namespace

std::string quote_property_text(std::string_view text) {
    std::string out = "'";
    for (char c : text.substr(0, 100)) {
        const auto u = static_cast<unsigned char>(c);
        out += (u < 0x20 || u == 0x7f) ? '?' : c;
    }
    if (text.size() > 100) out += "...";
    return out + "'";
}

std::optional<std::string> set_property_text(codec::properties& props, property_id id, std::string_view what,
                                             std::string_view value, std::string_view value2) {
    if (codec::set_property(props, id, value, value2)) return std::nullopt;
    const bool pair = id == property_id::user_property;
    std::string message = std::string(what) + " " + quote_property_text(pair ? value2 : value) +
                          ": invalid value, expected " + std::string(expected_value(id));
    if (pair && !value.empty()) message += " (name " + quote_property_text(value) + ")";
    return message;
}

property_outcome apply_property_words(const std::vector<std::string>& words, const property_destinations& targets) {
    property_outcome out;
    if (words.size() < 3 || words.size() > 4) {
        out.error = "-D/--property takes COMMAND IDENTIFIER VALUE, or COMMAND user-property NAME VALUE "
                    "(e.g. -D connect session-expiry-interval 60)";
        return out;
    }
    const std::string program = targets.program.empty() ? std::string("this program") : std::string(targets.program);
    const std::string cmd_name = lower(words[0]);
    const std::string prop_name = lower(words[1]);
    out.command = command_of(cmd_name);
    if (!out.command) {
        out.error = "-D/--property: unknown command " + quote_property_text(words[0]) + "; use " +
                    commands_taken(targets);
        return out;
    }
    const std::optional<property_id> id = codec::property_from_name(prop_name);
    if (!id) {
        out.error = "-D/--property: unknown property " + quote_property_text(words[1]) +
                    " (names as in the MQTT 5 spec with '-' between words, e.g. message-expiry-interval)";
        return out;
    }
    const std::string what = "-D " + cmd_name + " " + prop_name;
    const bool pair = *id == property_id::user_property;
    if (words.size() != (pair ? 4u : 3u)) {
        out.error = what + (pair ? " takes a NAME and a VALUE" : " takes one VALUE");
        return out;
    }
    codec::properties* target = target_of(*out.command, targets);
    const bool ignored = target == nullptr && targets.ignore_subscribe_commands &&
                         (*out.command == property_command::subscribe || *out.command == property_command::unsubscribe);
    if (target == nullptr && !ignored) {
        out.error = what + ": " + cmd_name + " is not a command " + program +
                    " sends properties with (not supported); use " + commands_taken(targets);
        return out;
    }
    if (!allowed_in(*id, *out.command)) {
        out.error = what + ": " + prop_name + " is not allowed in " + cmd_name;
        return out;
    }
    const std::string_view value = pair ? words[3] : words[2];
    const std::string_view first = pair ? std::string_view(words[2]) : value;
    codec::properties scratch;  // an ignored command's value is still checked, so a typo shows
    if (auto problem = set_property_text(ignored ? scratch : *target, *id, what, first, pair ? value : "")) {
        out.error = std::move(*problem);
        return out;
    }
    if (ignored) out.note = what + ": " + program + " sends no " + cmd_name + "; ignored";
    return out;
}

}  // namespace wsmqtt::cli
