#include "cli/pub/pub_properties.hpp"

#include "cli/common/property_flags.hpp"

namespace wsmqtt::cli {

void add_property_argument(property_sets& sets, const std::vector<std::string>& args,
                           std::vector<std::string>& errors) {
    property_destinations to{"wsmqtt-pub"};
    to.connect = &sets.connect;
    to.publish = &sets.publish;
    to.will = &sets.will;
    to.disconnect = &sets.disconnect;
    to.ignore_subscribe_commands = true;  // mosquitto_pub accepts them too
    property_outcome out = apply_property_words(args, to);
    if (out.command) sets.any = true;  // asks for MQTT 5 even when the value is wrong
    if (out.command == property_command::will) sets.will_used = true;
    if (!out.ok()) {
        errors.push_back(std::move(out.error));
        return;
    }
    if (!out.note.empty()) sets.notes.push_back(std::move(out.note));
}

void add_publish_property(property_sets& sets, codec::property_id id, std::string_view flag, std::string_view value,
                          std::vector<std::string>& errors) {
    sets.any = true;
    if (auto problem = set_property_text(sets.publish, id, flag, value)) errors.push_back(std::move(*problem));
}

void add_publish_user_property(property_sets& sets, std::string_view text, std::vector<std::string>& errors) {
    const auto eq = text.find('=');
    if (eq == std::string_view::npos || eq == 0) {
        errors.push_back("--user-property " + quote_property_text(text) + " must be NAME=VALUE");
        return;
    }
    sets.any = true;
    if (auto problem = set_property_text(sets.publish, codec::property_id::user_property, "--user-property",
                                         text.substr(0, eq), text.substr(eq + 1))) {
        errors.push_back(std::move(*problem));
    }
}

}  // namespace wsmqtt::cli
