#include "cli/sub/property_args.hpp"

#include <cctype>

namespace wsmqtt::cli {
namespace {

std::string lower(std::string_view text) {
    std::string out{text};
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

std::optional<std::string> apply_property_arg(const std::vector<std::string>& words, const property_targets& targets) {
    if (words.size() < 3 || words.size() > 4) {
        return std::string{"-D/--property takes COMMAND NAME VALUE (user-property: COMMAND user-property KEY VALUE)"};
    }
    const std::string command = lower(words[0]);
    codec::properties* target = nullptr;
    codec::packet_type type = codec::packet_type::connect;
    if (command == "connect") {
        target = targets.connect;
    } else if (command == "subscribe") {
        target = targets.subscribe;
        type = codec::packet_type::subscribe;
    } else if (command == "unsubscribe") {
        target = targets.unsubscribe;
        type = codec::packet_type::unsubscribe;
    }
    if (target == nullptr) {
        return "-D/--property: '" + words[0] + "' is not a command this program sends properties with; use " +
               (targets.unsubscribe ? "connect, subscribe or unsubscribe" : "connect");
    }
    const auto id = codec::property_from_name(words[1]);
    if (!id) return "-D/--property: unknown property '" + words[1] + "'";
    if (!codec::property_allowed(*id, type)) {
        return "-D/--property: " + std::string{codec::property_name(*id)} + " is not allowed in " +
               std::string{codec::packet_type_name(type)};
    }
    const bool pair = *id == codec::property_id::user_property;
    if (pair != (words.size() == 4)) {
        return pair ? std::string{"-D/--property: user-property takes a key and a value"}
                    : "-D/--property: " + words[1] + " takes one value";
    }
    if (auto set = codec::set_property(*target, *id, words[2], pair ? std::string_view{words[3]} : std::string_view{});
        !set) {
        return "-D/--property " + words[0] + " " + words[1] + ": invalid value '" + words[2] + "'";
    }
    return std::nullopt;
}

}  // namespace wsmqtt::cli
