#pragma once
// What a renderer sees of one received PUBLISH: a view, built per message by the subscriber.
#include <chrono>

#include "core/codec/packets.hpp"
#include "core/codec/protocol_version.hpp"

namespace wsmqtt::output {

struct received_message {
    // The decoded PUBLISH. Its `topic` must already be resolved when the broker used a v5 topic
    // alias (the session does that); `props.topic_alias` is still shown by %A.
    const codec::publish& publish;
    codec::protocol_version version = codec::protocol_version::v311;
    std::chrono::system_clock::time_point received_at{};
};

}  // namespace wsmqtt::output
