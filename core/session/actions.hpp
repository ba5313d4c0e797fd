#pragma once
// What the session asks its driver to do or report. The driver drains them in order after every
// input (session::take_actions) and carries them out in that order.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/codec/packets.hpp"

namespace wsmqtt::session {

// Encode with session::version() and write; packets must go out in the order given.
struct send_packet {
    codec::packet packet;
};

// What the broker's CONNACK allows us (v5 properties; 3.1.1 gets the defaults).
struct broker_limits {
    std::uint16_t receive_maximum = 65'535;
    codec::qos maximum_qos = codec::qos::exactly_once;
    bool retain_available = true;
    std::uint16_t topic_alias_maximum = 0;
    std::optional<std::uint32_t> maximum_packet_size;
    bool wildcard_subscription_available = true;
    bool subscription_identifiers_available = true;
    bool shared_subscription_available = true;
};

struct connected {
    bool session_present = false;
    bool reconnect = false;        // not the first CONNACK of this session object
    std::string client_id;         // as sent, or the Assigned Client Identifier
    std::uint16_t keep_alive = 0;  // effective (Server Keep Alive wins)
    std::size_t send_window = 0;   // min(max_inflight, Receive Maximum)
    broker_limits limits;
    codec::connack connack;
};

// CONNACK refusal (3.1.1 return code 1..5 or v5 reason >= 0x80). The connection is to be closed
// (a close_connection follows).
struct connect_refused {
    std::uint8_t code = 0;
    std::string name;  // "not authorized", "bad user name or password", ...
    std::optional<std::string> reason_string;
    std::optional<std::string> server_reference;
};

// An application message for the user; topic aliases resolved. QoS 2: exactly once.
struct deliver {
    codec::publish message;
};

// One publish(...) finished. QoS 0: handed to the transport; QoS 1: PUBACK; QoS 2: PUBCOMP, or a
// PUBACK/PUBREC with a failure reason. `local` rejections never reached the broker (the broker's
// CONNACK said it cannot take them: maximum QoS, retain, packet size).
struct publish_done {
    std::uint64_t token = 0;
    std::uint16_t packet_id = 0;
    codec::qos qos = codec::qos::at_most_once;
    codec::reason_code reason = codec::reason_code::success;
    std::string reason_name;
    std::optional<std::string> reason_string;
    bool local = false;
    bool rejected() const noexcept { return codec::is_failure(reason); }
};

struct filter_result {
    std::string filter;
    std::uint8_t code = 0;     // SUBACK return/reason code or UNSUBACK reason (0 under 3.1.1)
    std::string name;          // "granted qos 1", "not authorized", "failure" (3.1.1 0x80), ...
    bool failed() const noexcept { return code >= 0x80; }
};

struct subscribed {
    std::uint64_t token = 0;
    std::uint16_t packet_id = 0;
    bool resubscribe = false;  // re-issued by the session after the broker lost the session
    std::vector<filter_result> results;
    std::optional<std::string> reason_string;
};

struct unsubscribed {
    std::uint64_t token = 0;
    std::uint16_t packet_id = 0;
    std::vector<filter_result> results;
    std::optional<std::string> reason_string;
};

enum class close_reason : std::uint8_t {
    normal,             // we sent DISCONNECT (disconnect())
    keepalive_timeout,  // no packet within K/2 after PINGREQ
    connack_timeout,    // no CONNACK within connect_timeout
    ack_timeout,        // a QoS 1/2 flow outlived ack_timeout (the CLI's exit 10)
    protocol_error,     // the broker violated the protocol; message says how
    connect_refused,    // CONNACK refusal
    broker_disconnect,  // the broker sent DISCONNECT (v5)
    transport_lost,     // the driver reported on_connection_lost without being asked to close
};

std::string_view close_reason_name(close_reason r) noexcept;

// Close the transport now, then call on_connection_lost(now).
struct close_connection {
    close_reason reason = close_reason::normal;
    std::string message;  // one line, e.g. "broker sent PUBCOMP for packet id 7, a QoS 1 publish"
};

struct disconnected_by_broker {
    codec::reason_code reason = codec::reason_code::normal_disconnection;
    std::string reason_name;
    std::optional<std::string> reason_string;
    std::optional<std::string> server_reference;
};

// A suspicious but tolerated event ("broker sent PUBACK for packet id 9 that is not in flight").
struct warning {
    std::string message;
};

// After on_connection_lost: the session will want a new connection when the timer at
// next_deadline() fires (that on_timer emits open_connection).
struct reconnect_scheduled {
    std::chrono::milliseconds delay{0};
    std::uint32_t attempt = 0;
    std::string why;  // what ended the connection, e.g. "the broker closed the connection"
};

// Open a new transport connection now; call start(now) when it is up, on_connection_lost(now)
// when it fails.
struct open_connection {
    std::uint32_t attempt = 0;
};

// At the CONNACK after a reconnect: what the loss may have cost, for the CLI to warn about.
struct resume_report {
    bool session_present = false;
    std::size_t resent_publishes = 0;    // DUP=1 re-sends (session present)
    std::size_t resent_pubrels = 0;      // PUBREL re-sends (session present)
    std::size_t republished = 0;         // sent afresh as new messages (session lost)
    std::size_t assumed_delivered = 0;   // QoS 2 past PUBREC when the broker lost the session
    std::size_t qos0_may_be_lost = 0;    // QoS 0 written after the broker's last sign of life
    std::size_t may_be_duplicated = 0;   // QoS 1 re-sends plus republished messages
    std::size_t resubscriptions = 0;     // SUBSCRIBEs re-issued because the session was lost
};

// The session is over: no reconnect follows. `undelivered` counts publishes never completed.
struct session_ended {
    close_reason reason = close_reason::normal;
    std::string message;
    std::size_t undelivered = 0;
};

using action = std::variant<send_packet, connected, connect_refused, deliver, publish_done, subscribed,
                            unsubscribed, close_connection, disconnected_by_broker, warning,
                            reconnect_scheduled, open_connection, resume_report, session_ended>;

}  // namespace wsmqtt::session
