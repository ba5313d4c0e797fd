#include "core/session/outgoing_flow.hpp"

#include <utility>

namespace wsmqtt::session {

void outgoing_flow::enqueue(std::uint64_t token, codec::publish msg) {
    queue_.push_back(queued_message{token, std::move(msg)});
}

std::vector<queued_message> outgoing_flow::pump(std::size_t window, packet_id_pool& ids,
                                                time_point now) {
    std::vector<queued_message> out;
    while (auto m = pump_one(window, ids, now)) out.push_back(std::move(*m));
    return out;
}

std::optional<queued_message> outgoing_flow::pump_one(std::size_t window, packet_id_pool& ids,
                                                      time_point now) {
    if (queue_.empty()) return std::nullopt;
    queued_message& front = queue_.front();
    if (front.msg.qos != codec::qos::at_most_once) {
        if (flights_.size() >= window) return std::nullopt;
        const auto id = ids.allocate();
        if (!id) return std::nullopt;  // all 65,535 ids in flight: wait for an ack, never reuse
        front.msg.packet_id = *id;
        front.msg.dup = false;
        const flow_stage stage = front.msg.qos == codec::qos::at_least_once
                                     ? flow_stage::awaiting_puback
                                     : flow_stage::awaiting_pubrec;
        flights_.push_back(in_flight_message{front.token, front.msg, stage, now});
        by_id_[*id] = std::prev(flights_.end());
    } else {
        front.msg.packet_id = 0;
    }
    return pop_front();
}

queued_message outgoing_flow::pop_front() {
    queued_message m = std::move(queue_.front());
    queue_.pop_front();
    return m;
}

ack_result outgoing_flow::finish(std::list<in_flight_message>::iterator it, ack_outcome outcome,
                                 packet_id_pool& ids) {
    ack_result r{outcome, it->token, it->stage};
    ids.release(it->msg.packet_id);
    by_id_.erase(it->msg.packet_id);
    flights_.erase(it);
    return r;
}

ack_result outgoing_flow::on_puback(std::uint16_t id, codec::reason_code rc, packet_id_pool& ids) {
    const auto found = by_id_.find(id);
    if (found == by_id_.end()) return {};
    const auto it = found->second;
    if (it->stage != flow_stage::awaiting_puback) return {ack_outcome::wrong_stage, it->token, it->stage};
    return finish(it, codec::is_failure(rc) ? ack_outcome::rejected : ack_outcome::completed, ids);
}

ack_result outgoing_flow::on_pubrec(std::uint16_t id, codec::reason_code rc, packet_id_pool& ids) {
    const auto found = by_id_.find(id);
    if (found == by_id_.end()) return {};
    const auto it = found->second;
    switch (it->stage) {
    case flow_stage::awaiting_puback: return {ack_outcome::wrong_stage, it->token, it->stage};
    case flow_stage::awaiting_pubcomp: return {ack_outcome::resend_pubrel, it->token, it->stage};
    case flow_stage::awaiting_pubrec: break;
    }
    // v5 4.3.3: a PUBREC with a failure reason ends the flow; no PUBREL follows.
    if (codec::is_failure(rc)) return finish(it, ack_outcome::rejected, ids);
    it->stage = flow_stage::awaiting_pubcomp;
    return {ack_outcome::send_pubrel, it->token, flow_stage::awaiting_pubrec};
}

ack_result outgoing_flow::on_pubcomp(std::uint16_t id, packet_id_pool& ids) {
    const auto found = by_id_.find(id);
    if (found == by_id_.end()) return {};
    const auto it = found->second;
    if (it->stage != flow_stage::awaiting_pubcomp) return {ack_outcome::wrong_stage, it->token, it->stage};
    return finish(it, ack_outcome::completed, ids);
}

void outgoing_flow::restamp(time_point now) noexcept {
    for (auto& f : flights_) f.sent_at = now;
}

std::pair<std::size_t, std::vector<std::uint64_t>> outgoing_flow::requeue_after_session_loss(
    packet_id_pool& ids) {
    std::vector<std::uint64_t> taken_over;
    std::list<queued_message> again;
    for (auto& f : flights_) {
        ids.release(f.msg.packet_id);
        if (f.stage == flow_stage::awaiting_pubcomp) {
            taken_over.push_back(f.token);
            continue;
        }
        f.msg.packet_id = 0;
        f.msg.dup = false;
        again.push_back(queued_message{f.token, std::move(f.msg)});
    }
    flights_.clear();
    by_id_.clear();
    const std::size_t requeued = again.size();
    queue_.splice(queue_.begin(), again);
    return {requeued, std::move(taken_over)};
}

std::size_t outgoing_flow::drop_all(packet_id_pool& ids) {
    const std::size_t n = queue_.size() + flights_.size();
    for (const auto& f : flights_) ids.release(f.msg.packet_id);
    flights_.clear();
    by_id_.clear();
    queue_.clear();
    return n;
}

std::optional<time_point> outgoing_flow::oldest_sent() const noexcept {
    if (flights_.empty()) return std::nullopt;
    return flights_.front().sent_at;
}

const in_flight_message* outgoing_flow::oldest() const noexcept {
    return flights_.empty() ? nullptr : &flights_.front();
}

}  // namespace wsmqtt::session
