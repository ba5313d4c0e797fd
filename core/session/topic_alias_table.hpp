#pragma once
// MQTT 5 topic aliases (spec 3.3.2.3.4), both directions. Aliases live for one network connection
// only, so both tables are reset on every CONNACK.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/codec/packets.hpp"

namespace wsmqtt::session {

// Ours -> broker. The first PUBLISH to a topic carries the topic and a fresh alias; later ones
// carry an empty topic and the alias. When all `maximum` aliases are taken, further topics go out
// unaliased (no eviction: a CLI publishes to few topics, and reassigning would cost a full topic
// anyway).
class outgoing_topic_aliases {
public:
    void reset(std::uint16_t maximum);  // broker's Topic Alias Maximum; 0 disables
    // Rewrites `msg` in place (topic and props.topic_alias). A message that already carries a
    // topic alias chosen by the user is left alone.
    void apply(codec::publish& msg);
    std::uint16_t maximum() const noexcept { return maximum_; }
    std::size_t assigned() const noexcept { return aliases_.size(); }

private:
    std::uint16_t maximum_ = 0;
    std::unordered_map<std::string, std::uint16_t> aliases_;
};

// Broker -> us. Resolves an incoming PUBLISH's alias into its topic, or says precisely what the
// broker did wrong.
class incoming_topic_aliases {
public:
    void reset(std::uint16_t maximum);  // our Topic Alias Maximum as sent in CONNECT
    // On success `msg.topic` is the full topic name. On a violation returns the one-line message.
    std::optional<std::string> resolve(codec::publish& msg);

private:
    std::uint16_t maximum_ = 0;
    std::vector<std::string> topics_;  // index alias-1; empty string: not set
};

}  // namespace wsmqtt::session
