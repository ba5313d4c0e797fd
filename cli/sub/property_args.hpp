#pragma once
// mosquitto's `-D COMMAND NAME VALUE [VALUE2]`: one MQTT 5 property for one packet type, given on
// the command line. Pure; the flag parser hands each occurrence's words here.
#include <optional>
#include <string>
#include <vector>

#include "core/codec/properties.hpp"

namespace wsmqtt::cli {

// Where -D properties go. wsmqtt-sub takes connect, subscribe and unsubscribe.
struct property_targets {
    codec::properties* connect = nullptr;
    codec::properties* subscribe = nullptr;
    codec::properties* unsubscribe = nullptr;
};

// Applies one -D occurrence (`words` = COMMAND NAME VALUE [VALUE2]) to the matching target.
// Returns a one-line error (unknown command or property, property not allowed in that packet,
// bad value, wrong number of words), or nullopt.
std::optional<std::string> apply_property_arg(const std::vector<std::string>& words, const property_targets& targets);

}  // namespace wsmqtt::cli
