#pragma once
// MQTT 5 properties from the command line: mosquitto's `-D COMMAND IDENTIFIER VALUE` (and
// `-D COMMAND user-property NAME VALUE`) plus wsmqtt-pub's friendly flags, sorted into the packets
// they go into. Pure: no I/O, unit-tested.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/codec/properties.hpp"

namespace wsmqtt::cli {

struct property_sets {
    codec::properties connect;
    codec::properties publish;
    codec::properties will;
    codec::properties disconnect;
    bool any = false;  // at least one property was given (they need MQTT 5)
    bool will_used = false;
    std::vector<std::string> notes;  // warnings: properties accepted but without effect here
};

// One `-D` occurrence: args are COMMAND IDENTIFIER VALUE or COMMAND user-property NAME VALUE.
// Commands and identifiers are matched case-insensitively, as mosquitto does. Commands: connect,
// publish, will, disconnect; subscribe and unsubscribe are accepted and ignored (wsmqtt-pub sends
// neither, as mosquitto_pub); puback, pubrec, pubrel, pubcomp, suback, unsuback and auth are
// refused like mosquitto refuses them. Appends a message to errors on a problem.
void add_property_argument(property_sets& sets, const std::vector<std::string>& args,
                           std::vector<std::string>& errors);

// A PUBLISH property set by a friendly flag (`--content-type text`): `flag` names it in messages.
void add_publish_property(property_sets& sets, codec::property_id id, std::string_view flag, std::string_view value,
                          std::vector<std::string>& errors);

// `--user-property NAME=VALUE` (split at the first '=').
void add_publish_user_property(property_sets& sets, std::string_view text, std::vector<std::string>& errors);

}  // namespace wsmqtt::cli
