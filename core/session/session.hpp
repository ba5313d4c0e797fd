#pragma once
// The MQTT client session as a state machine without I/O. Inputs: start (transport up), decoded
// packets, timer expiries, connection lost, and user commands. Outputs: actions (actions.hpp),
// drained by the driver with take_actions() after every input, plus next_deadline() for its one
// timer. Time is always passed in; nothing here reads a clock.
//
// Lifecycle: idle --start--> awaiting_connack --CONNACK--> connected
//   any --close_connection action--> closing --on_connection_lost--> waiting_to_reconnect | ended
//   waiting_to_reconnect --on_timer at the deadline: open_connection--> idle --start--> ...
// Before the first successful CONNACK a lost connection ends the session (the CLI reports the
// failing stage); afterwards reconnect_policy decides.
#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/codec/packets.hpp"
#include "core/session/actions.hpp"
#include "core/session/incoming_flow.hpp"
#include "core/session/keepalive_timer.hpp"
#include "core/session/outgoing_flow.hpp"
#include "core/session/packet_id_pool.hpp"
#include "core/session/session_config.hpp"
#include "core/session/topic_alias_table.hpp"

namespace wsmqtt::session {

enum class session_state : std::uint8_t {
    idle,                  // no transport; waiting for start()
    awaiting_connack,      // CONNECT sent
    connected,             // CONNACK accepted
    closing,               // close_connection emitted; waiting for on_connection_lost
    waiting_to_reconnect,  // reconnect deadline armed
    ended,                 // session_ended emitted; no further actions except for new commands
};

enum class disconnect_mode : std::uint8_t {
    after_inflight,  // wait until every queued and in-flight publish and request completed
    immediately,
};

class session {
public:
    explicit session(session_config cfg);
    // Many sessions with one configuration (wsmqtt-pub/sub --clients): the configuration (will,
    // CONNECT properties: over a kilobyte) is shared, each session has its own client id.
    session(std::shared_ptr<const session_config> shared, std::string client_id);

    // --- inputs from the driver ---
    void start(time_point now);  // transport up: sends CONNECT
    void on_packet(codec::packet p, time_point now);
    void on_timer(time_point now);  // early or spurious calls are harmless
    // The bytes from the broker did not decode (malformed, or larger than the Maximum Packet
    // Size we advertised). Under v5 the broker is told why (DISCONNECT 0x81 or 0x95, spec 4.13);
    // then the connection closes as a lost one, so the reconnect policy decides what follows.
    void on_undecodable(time_point now, std::string message, bool too_large);
    // The transport closed or failed (also after our own close_connection, and when a connect
    // attempt for open_connection failed). `what` describes a transport failure for the message.
    void on_connection_lost(time_point now, std::string_view what = {});

    // --- user commands; the returned token identifies the completion action ---
    std::uint64_t publish(codec::publish msg, time_point now);
    std::uint64_t subscribe(std::vector<codec::subscription> filters, time_point now,
                            codec::properties props = {});
    std::uint64_t unsubscribe(std::vector<std::string> filters, time_point now,
                              codec::properties props = {});
    void disconnect(time_point now, disconnect_mode mode = disconnect_mode::after_inflight,
                    codec::reason_code reason = codec::reason_code::normal_disconnection,
                    codec::properties props = {});

    // Stop taking application messages: from now on an incoming PUBLISH is neither delivered nor
    // acknowledged. A subscriber that has printed all it wanted (-C N) calls this, so that a
    // QoS 1/2 message arriving after the last one stays with the broker (and comes again to a kept
    // session) instead of being acknowledged and then dropped. QoS 0 messages are dropped.
    void hold_incoming() noexcept { holding_incoming_ = true; }

    // --- outputs ---
    std::vector<action> take_actions();
    std::optional<time_point> next_deadline() const;

    // --- queries ---
    session_state state() const noexcept { return state_; }
    codec::protocol_version version() const noexcept { return cfg_->version; }
    bool ready_for_more() const noexcept;  // false: stop reading input (back-pressure)
    std::size_t queued_count() const noexcept { return out_.queued(); }
    std::size_t in_flight_count() const noexcept { return out_.in_flight_count(); }
    std::size_t send_window() const noexcept { return window_; }
    bool idle() const noexcept;  // nothing queued, in flight or awaiting SUBACK/UNSUBACK
    const broker_limits& limits() const noexcept { return limits_; }
    std::uint16_t keep_alive() const noexcept { return keepalive_.seconds(); }
    const std::string& client_id() const noexcept { return client_id_; }
    const session_config& config() const noexcept { return *cfg_; }

private:
    struct request {  // a SUBSCRIBE or UNSUBSCRIBE from the user or a resubscription
        std::uint64_t token = 0;
        bool resubscribe = false;
        std::variant<codec::subscribe, codec::unsubscribe> packet;
    };

    // session.cpp
    void emit(action a) { actions_.push_back(std::move(a)); }
    void send(codec::packet p, time_point now);
    void fail(close_reason reason, std::string message, time_point now,
              std::optional<codec::reason_code> tell_broker = std::nullopt);
    void on_connack(const codec::connack& ack, time_point now);
    void resume(bool session_present, bool again, time_point now);
    void end(close_reason reason, std::string message);
    void check_disconnect(time_point now);
    bool v5() const noexcept { return codec::is_v5(cfg_->version); }

    // session_publish.cpp
    void pump(time_point now);
    std::optional<publish_done> local_rejection(const codec::publish& msg) const;
    void send_publish(codec::publish msg, time_point now);
    void on_publish(codec::publish msg, time_point now);
    void on_pubrel(const codec::pubrel& rel, time_point now);
    void on_ack(codec::packet_type type, std::uint16_t id, codec::reason_code rc,
                const codec::properties& props, time_point now);
    void check_ack_timeout(time_point now);

    // session_subscribe.cpp
    void pump_requests(time_point now);
    void on_suback(const codec::suback& ack, time_point now);
    void on_unsuback(const codec::unsuback& ack, time_point now);
    std::size_t queue_resubscriptions();  // returns how many were queued

    std::shared_ptr<const session_config> cfg_;  // never null
    session_state state_ = session_state::idle;
    std::vector<action> actions_;
    std::string client_id_;
    packet_id_pool ids_;
    outgoing_flow out_;
    incoming_flow in_;
    keepalive_timer keepalive_;
    outgoing_topic_aliases out_aliases_;
    incoming_topic_aliases in_aliases_;
    broker_limits limits_;
    std::size_t window_ = 0;
    std::uint64_t next_token_ = 0;

    std::optional<time_point> connack_deadline_;
    std::optional<time_point> reconnect_at_;
    std::uint32_t attempt_ = 0;
    bool ever_connected_ = false;
    std::optional<close_reason> closing_reason_;
    std::string closing_message_;
    bool holding_incoming_ = false;
    std::size_t qos0_since_heard_ = 0;  // QoS 0 written since the broker's last packet
    std::size_t qos0_may_be_lost_ = 0;  // carried from the lost connection to the next CONNACK

    struct pending_disconnect {
        codec::reason_code reason;
        codec::properties props;
    };
    // Behind a pointer: the properties are most of a kilobyte, held by each of a thousand load
    // clients that never wait to disconnect.
    std::unique_ptr<pending_disconnect> disconnect_;

    std::list<request> waiting_requests_;                // no packet id yet (a list: see outgoing_flow::queue_)
    std::map<std::uint16_t, request> awaiting_ack_;      // sent, by packet id
    std::vector<codec::subscribe> active_subscriptions_; // granted filters, for resubscription
};

}  // namespace wsmqtt::session
