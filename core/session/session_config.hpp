#pragma once
// Everything the session needs to know before it connects; the CLI fills it from flags.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/codec/packets.hpp"
#include "core/session/reconnect_policy.hpp"

namespace wsmqtt::session {

struct session_config {
    codec::protocol_version version = codec::protocol_version::v311;
    std::string client_id;   // empty: the broker assigns one (v5) / 3.1.1 needs clean_start
    bool clean_start = true; // `-c` sets false
    std::uint16_t keep_alive = 60;  // seconds; 0 disables keep alive
    std::optional<std::string> username;
    std::optional<std::vector<std::uint8_t>> password;
    std::optional<codec::will_message> will;
    // v5 CONNECT properties as sent: session expiry interval, receive maximum (our incoming
    // window, enforced), topic alias maximum (aliases we accept), maximum packet size, user
    // properties... Ignored under 3.1/3.1.1.
    codec::properties connect_props;

    std::uint16_t max_inflight = 20;  // `-M`; our own cap on outgoing QoS 1/2 flows (0 = no cap)
    std::size_t max_queued = 100;     // ready_for_more() is false at this many waiting publishes
    bool auto_topic_alias = true;     // use the broker's Topic Alias Maximum for repeated topics
    std::chrono::milliseconds connect_timeout{30'000};  // CONNACK wait; 0 = wait forever
    std::optional<std::chrono::milliseconds> ack_timeout;  // `--ack-timeout` for QoS 1/2 flows
    reconnect_policy reconnect;
    // When the broker did not keep the session, publish unacknowledged QoS 1/2 messages again as
    // new messages (they may arrive twice) instead of dropping them (they may be lost).
    bool republish_after_session_loss = true;
};

}  // namespace wsmqtt::session
