#pragma once
// Our outgoing PUBLISH flows: a FIFO of messages waiting for a window slot or a packet id, and the
// in-flight table of QoS 1 (PUBLISH -> PUBACK) and QoS 2 (PUBLISH -> PUBREC -> PUBREL -> PUBCOMP)
// flows in the order their PUBLISHes went out (the order a resend after reconnect must keep,
// spec 4.6). QoS 0 messages queue with the others so that the user's order is kept on the wire.
#include <cstddef>
#include <cstdint>
#include <list>
#include <optional>
#include <unordered_map>
#include <vector>

#include "core/codec/packets.hpp"
#include "core/session/keepalive_timer.hpp"
#include "core/session/packet_id_pool.hpp"

namespace wsmqtt::session {

enum class flow_stage : std::uint8_t { awaiting_puback, awaiting_pubrec, awaiting_pubcomp };

struct queued_message {
    std::uint64_t token = 0;
    codec::publish msg;  // topic as the user gave it (aliases are applied at send time)
};

struct in_flight_message {
    std::uint64_t token = 0;
    codec::publish msg;  // packet_id set
    flow_stage stage = flow_stage::awaiting_puback;
    time_point sent_at{};
};

enum class ack_outcome : std::uint8_t {
    completed,        // PUBACK or PUBCOMP ended the flow
    rejected,         // PUBACK or PUBREC with a reason >= 0x80 ended the flow
    send_pubrel,      // first PUBREC: answer PUBREL
    resend_pubrel,    // duplicate PUBREC: answer PUBREL again, nothing completes
    unknown_id,       // no flow has this id
    wrong_stage,      // the id exists but this ack does not belong there (e.g. PUBACK for QoS 2)
};

struct ack_result {
    ack_outcome outcome = ack_outcome::unknown_id;
    std::uint64_t token = 0;
    flow_stage stage = flow_stage::awaiting_puback;  // the stage the flow was in
};

class outgoing_flow {
public:
    void enqueue(std::uint64_t token, codec::publish msg);

    // Moves messages from the front of the queue into flight while `window` QoS>0 flows and
    // packet ids allow; QoS 0 messages pass through without an id. Stops at the first message that
    // cannot go, so order is kept. Returned in send order, with packet ids set.
    std::vector<queued_message> pump(std::size_t window, packet_id_pool& ids, time_point now);
    // One step of pump(): the front message if it may go now.
    std::optional<queued_message> pump_one(std::size_t window, packet_id_pool& ids, time_point now);
    // The next message to go (nullptr when the queue is empty) and its removal without sending
    // (e.g. rejected locally because the broker cannot take it).
    const queued_message* front() const noexcept { return queue_.empty() ? nullptr : &queue_.front(); }
    queued_message pop_front();

    ack_result on_puback(std::uint16_t id, codec::reason_code rc, packet_id_pool& ids);
    ack_result on_pubrec(std::uint16_t id, codec::reason_code rc, packet_id_pool& ids);
    ack_result on_pubcomp(std::uint16_t id, packet_id_pool& ids);

    // In send order, for a resend after reconnect with a session present.
    const std::list<in_flight_message>& in_flight() const noexcept { return flights_; }
    void restamp(time_point now) noexcept;

    // The broker lost the session: flows not yet past PUBREC go back to the front of the queue
    // (in order, ids freed) to be published afresh; QoS 2 flows past PUBREC are handed back as
    // taken over by the broker. Returns {requeued count, tokens assumed delivered}.
    std::pair<std::size_t, std::vector<std::uint64_t>> requeue_after_session_loss(packet_id_pool& ids);

    // Drops everything (the session ends); returns how many messages were dropped.
    std::size_t drop_all(packet_id_pool& ids);

    std::size_t queued() const noexcept { return queue_.size(); }
    std::size_t in_flight_count() const noexcept { return flights_.size(); }
    std::optional<time_point> oldest_sent() const noexcept;
    const in_flight_message* oldest() const noexcept;

private:
    ack_result finish(std::list<in_flight_message>::iterator it, ack_outcome outcome, packet_id_pool& ids);

    // A list, not a deque: a deque allocates half a kilobyte before its first element, and a
    // process holding a thousand sessions pays that for every idle queue.
    std::list<queued_message> queue_;
    std::list<in_flight_message> flights_;
    std::unordered_map<std::uint16_t, std::list<in_flight_message>::iterator> by_id_;
};

}  // namespace wsmqtt::session
