#include "core/session/topic_alias_table.hpp"

namespace wsmqtt::session {

void outgoing_topic_aliases::reset(std::uint16_t maximum) {
    maximum_ = maximum;
    aliases_.clear();
}

void outgoing_topic_aliases::apply(codec::publish& msg) {
    if (maximum_ == 0 || msg.props.topic_alias || msg.topic.empty()) return;
    if (const auto it = aliases_.find(msg.topic); it != aliases_.end()) {
        msg.props.topic_alias = it->second;
        msg.topic.clear();
        return;
    }
    if (aliases_.size() >= maximum_) return;
    const auto alias = static_cast<std::uint16_t>(aliases_.size() + 1);
    aliases_.emplace(msg.topic, alias);
    msg.props.topic_alias = alias;  // topic kept: this packet establishes the alias
}

void incoming_topic_aliases::reset(std::uint16_t maximum) {
    maximum_ = maximum;
    topics_.assign(maximum, std::string{});
}

std::optional<std::string> incoming_topic_aliases::resolve(codec::publish& msg) {
    if (!msg.props.topic_alias) {
        if (msg.topic.empty()) return std::string{"broker sent PUBLISH with an empty topic and no topic alias"};
        return std::nullopt;
    }
    const std::uint16_t alias = *msg.props.topic_alias;
    if (alias == 0 || alias > maximum_) {
        return "broker sent topic alias " + std::to_string(alias) +
               (maximum_ == 0 ? std::string{" but we allow no topic aliases (topic alias maximum 0)"}
                              : " above our topic alias maximum " + std::to_string(maximum_));
    }
    std::string& slot = topics_[alias - 1u];
    if (!msg.topic.empty()) {
        slot = msg.topic;
        return std::nullopt;
    }
    if (slot.empty()) {
        return "broker sent topic alias " + std::to_string(alias) +
               " with an empty topic before ever setting that alias";
    }
    msg.topic = slot;
    return std::nullopt;
}

}  // namespace wsmqtt::session
