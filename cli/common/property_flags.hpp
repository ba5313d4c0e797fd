#pragma once
// mosquitto's `-D COMMAND IDENTIFIER VALUE` (and `-D COMMAND user-property NAME VALUE`): one MQTT 5
// property for one packet, given on the command line. One parser for both binaries (and one fuzz
// target, tests/fuzz/property); each binary says which packets it sends through
// property_destinations. Pure: no I/O.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/codec/properties.hpp"

namespace wsmqtt::cli {

// The COMMAND word, matched case-insensitively as mosquitto does.
enum class property_command : std::uint8_t {
    connect,
    publish,
    will,
    disconnect,
    subscribe,
    unsubscribe,
    // Packets a client never sends properties in from the command line (refused like mosquitto).
    puback,
    pubrec,
    pubrel,
    pubcomp,
    suback,
    unsuback,
    auth,
};

// Where one program's -D properties go. A null target: the program sends no such packet, so the
// command is refused, unless `ignored_note` is set for it (then checked, then ignored with a note).
struct property_destinations {
    std::string_view program;  // "wsmqtt-pub": named in messages
    codec::properties* connect = nullptr;
    codec::properties* publish = nullptr;
    codec::properties* will = nullptr;
    codec::properties* disconnect = nullptr;
    codec::properties* subscribe = nullptr;
    codec::properties* unsubscribe = nullptr;
    // wsmqtt-pub: subscribe and unsubscribe are accepted and ignored (as mosquitto_pub does).
    bool ignore_subscribe_commands = false;
};

struct property_outcome {
    std::optional<property_command> command;  // set once the COMMAND word was understood
    std::string error;                        // one line; empty when the property was taken
    std::string note;                         // a warning: accepted, but without effect here
    [[nodiscard]] bool ok() const noexcept { return error.empty(); }
};

// Applies one -D occurrence (`words` = COMMAND IDENTIFIER VALUE or COMMAND user-property NAME
// VALUE) to its target. Errors: wrong number of words, unknown command or property, a packet
// this program does not send, a property not allowed in that packet, a bad value.
property_outcome apply_property_words(const std::vector<std::string>& words, const property_destinations& targets);

// Sets one property from text, as -D does; on a bad value returns "WHAT 'value': expected ...".
// `what` names the flag ("-D publish content-type", "--content-type").
std::optional<std::string> set_property_text(codec::properties& props, codec::property_id id, std::string_view what,
                                             std::string_view value, std::string_view value2 = {});

// `text` quoted for a message: at most 100 bytes, control bytes as '?'.
std::string quote_property_text(std::string_view text);

}  // namespace wsmqtt::cli
