// SUBSCRIBE / UNSUBSCRIBE requests, their acknowledgements, and the record of granted
// subscriptions that is replayed when the broker did not keep the session.
#include <algorithm>
#include <utility>

#include "core/session/describe.hpp"
#include "core/session/session.hpp"

namespace wsmqtt::session {

using codec::packet_type;

std::uint64_t session::subscribe(std::vector<codec::subscription> filters, time_point now,
                                 codec::properties props) {
    const std::uint64_t token = ++next_token_;
    codec::subscribe s;
    s.subscriptions = std::move(filters);
    if (v5()) s.props = std::move(props);
    waiting_requests_.push_back(request{token, false, std::move(s)});
    pump(now);
    return token;
}

std::uint64_t session::unsubscribe(std::vector<std::string> filters, time_point now,
                                   codec::properties props) {
    const std::uint64_t token = ++next_token_;
    // The user no longer wants these: never replay them after a session loss.
    for (auto& sub : active_subscriptions_) {
        std::erase_if(sub.subscriptions, [&](const codec::subscription& s) {
            return std::find(filters.begin(), filters.end(), s.filter) != filters.end();
        });
    }
    std::erase_if(active_subscriptions_, [](const codec::subscribe& s) { return s.subscriptions.empty(); });
    codec::unsubscribe u;
    u.filters = std::move(filters);
    if (v5()) u.props = std::move(props);
    waiting_requests_.push_back(request{token, false, std::move(u)});
    pump(now);
    return token;
}

void session::pump_requests(time_point now) {
    while (!waiting_requests_.empty()) {
        const auto id = ids_.allocate();
        if (!id) return;  // every id in use: wait for one to be released
        request req = std::move(waiting_requests_.front());
        waiting_requests_.pop_front();
        std::visit([&](auto& pkt) { pkt.packet_id = *id; }, req.packet);
        std::visit([&](const auto& pkt) { send(pkt, now); }, req.packet);
        awaiting_ack_.emplace(*id, std::move(req));
    }
}

std::size_t session::queue_resubscriptions() {
    for (const auto& sub : active_subscriptions_) {
        waiting_requests_.push_back(request{++next_token_, true, sub});
    }
    const std::size_t n = active_subscriptions_.size();
    // They are recorded again when their SUBACKs grant them.
    active_subscriptions_.clear();
    return n;
}

namespace {

std::string suback_code_name(std::uint8_t code, bool v5) {
    if (!v5) {
        switch (code) {
        case 0: return "granted qos 0";
        case 1: return "granted qos 1";
        case 2: return "granted qos 2";
        case 0x80: return "failure";
        default: return "reserved return code";
        }
    }
    return std::string{codec::reason_name(static_cast<codec::reason_code>(code), packet_type::suback)};
}

}  // namespace

void session::on_suback(const codec::suback& ack, time_point now) {
    const auto it = awaiting_ack_.find(ack.packet_id);
    if (it == awaiting_ack_.end() || !std::holds_alternative<codec::subscribe>(it->second.packet)) {
        fail(close_reason::protocol_error,
             "broker sent SUBACK for packet id " + std::to_string(ack.packet_id) +
                 " that matches no SUBSCRIBE",
             now, codec::reason_code::protocol_error);
        return;
    }
    request req = std::move(it->second);
    awaiting_ack_.erase(it);
    ids_.release(ack.packet_id);
    auto& sub = std::get<codec::subscribe>(req.packet);
    if (ack.return_codes.size() != sub.subscriptions.size()) {
        fail(close_reason::protocol_error,
             "broker sent SUBACK for packet id " + std::to_string(ack.packet_id) + " with " +
                 std::to_string(ack.return_codes.size()) + " return codes for " +
                 std::to_string(sub.subscriptions.size()) + " topic filters",
             now, codec::reason_code::protocol_error);
        return;
    }
    subscribed out{req.token, ack.packet_id, req.resubscribe, {}, ack.props.reason_string};
    codec::subscribe granted = sub;
    granted.subscriptions.clear();
    for (std::size_t i = 0; i < ack.return_codes.size(); ++i) {
        const std::uint8_t code = ack.return_codes[i];
        out.results.push_back(filter_result{sub.subscriptions[i].filter, code, suback_code_name(code, v5())});
        if (code < 0x80) granted.subscriptions.push_back(sub.subscriptions[i]);
    }
    if (!granted.subscriptions.empty()) {
        granted.packet_id = 0;
        active_subscriptions_.push_back(std::move(granted));
    }
    emit(std::move(out));
    pump(now);
    check_disconnect(now);
}

void session::on_unsuback(const codec::unsuback& ack, time_point now) {
    const auto it = awaiting_ack_.find(ack.packet_id);
    if (it == awaiting_ack_.end() || !std::holds_alternative<codec::unsubscribe>(it->second.packet)) {
        fail(close_reason::protocol_error,
             "broker sent UNSUBACK for packet id " + std::to_string(ack.packet_id) +
                 " that matches no UNSUBSCRIBE",
             now, codec::reason_code::protocol_error);
        return;
    }
    request req = std::move(it->second);
    awaiting_ack_.erase(it);
    ids_.release(ack.packet_id);
    const auto& unsub = std::get<codec::unsubscribe>(req.packet);
    if (v5() && ack.reasons.size() != unsub.filters.size()) {
        fail(close_reason::protocol_error,
             "broker sent UNSUBACK for packet id " + std::to_string(ack.packet_id) + " with " +
                 std::to_string(ack.reasons.size()) + " reason codes for " +
                 std::to_string(unsub.filters.size()) + " topic filters",
             now, codec::reason_code::protocol_error);
        return;
    }
    unsubscribed out{req.token, ack.packet_id, {}, ack.props.reason_string};
    for (std::size_t i = 0; i < unsub.filters.size(); ++i) {
        const auto rc = v5() ? ack.reasons[i] : codec::reason_code::success;
        out.results.push_back(filter_result{unsub.filters[i], static_cast<std::uint8_t>(rc),
                                            std::string{codec::reason_name(rc, packet_type::unsuback)}});
    }
    emit(std::move(out));
    pump(now);
    check_disconnect(now);
}

}  // namespace wsmqtt::session
