#include "cli/sub/property_args.hpp"

#include "cli/common/property_flags.hpp"

namespace wsmqtt::cli {

std::optional<std::string> apply_property_arg(const std::vector<std::string>& words, const property_targets& targets) {
    property_destinations to{"wsmqtt-sub"};
    to.connect = targets.connect;
    to.subscribe = targets.subscribe;
    to.unsubscribe = targets.unsubscribe;
    property_outcome out = apply_property_words(words, to);
    if (!out.ok()) return std::move(out.error);
    return std::nullopt;
}

}  // namespace wsmqtt::cli
