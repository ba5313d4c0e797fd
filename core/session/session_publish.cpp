// The PUBLISH flows of the session, both directions.
#include <utility>

#include "core/codec/encoder.hpp"
#include "core/session/describe.hpp"
#include "core/session/session.hpp"

namespace wsmqtt::session {

using codec::packet_type;
using detail::packet_name;

std::uint64_t session::publish(codec::publish msg, time_point now) {
    const std::uint64_t token = ++next_token_;
    if (state_ == session_state::ended) {
        emit(publish_done{token, 0, msg.qos, codec::reason_code::unspecified_error,
                          "the session has ended", std::nullopt, true});
        return token;
    }
    out_.enqueue(token, std::move(msg));
    pump(now);
    return token;
}

std::optional<publish_done> session::local_rejection(const codec::publish& msg) const {
    const auto reject = [&](codec::reason_code rc, std::string why) {
        return publish_done{0, 0, msg.qos, rc, std::move(why), std::nullopt, true};
    };
    if (static_cast<std::uint8_t>(msg.qos) > static_cast<std::uint8_t>(limits_.maximum_qos)) {
        return reject(codec::reason_code::qos_not_supported,
                      "qos not supported (broker maximum qos is " +
                          std::to_string(static_cast<int>(limits_.maximum_qos)) + ")");
    }
    if (msg.retain && !limits_.retain_available) {
        return reject(codec::reason_code::retain_not_supported, "retain not supported by the broker");
    }
    if (limits_.maximum_packet_size) {
        const auto size = codec::encoded_size(msg, cfg_->version);
        if (size && *size > *limits_.maximum_packet_size) {
            return reject(codec::reason_code::packet_too_large,
                          "packet too large (" + std::to_string(*size) + " bytes, broker maximum " +
                              std::to_string(*limits_.maximum_packet_size) + ")");
        }
    }
    return std::nullopt;
}

void session::pump(time_point now) {
    if (state_ != session_state::connected) return;
    pump_requests(now);
    while (const queued_message* next = out_.front()) {
        if (auto rejected = local_rejection(next->msg)) {
            rejected->token = next->token;
            out_.pop_front();
            emit(std::move(*rejected));
            continue;
        }
        auto m = out_.pump_one(window_, ids_, now);
        if (!m) break;
        const auto qos = m->msg.qos;
        send_publish(std::move(m->msg), now);
        if (qos == codec::qos::at_most_once) {
            ++qos0_since_heard_;
            emit(publish_done{m->token, 0, qos, codec::reason_code::success, "success", std::nullopt, false});
        }
    }
}

void session::send_publish(codec::publish msg, time_point now) {
    if (v5()) {
        out_aliases_.apply(msg);
    } else {
        msg.props = {};
    }
    send(std::move(msg), now);
}

void session::on_publish(codec::publish msg, time_point now) {
    if (v5()) {
        if (auto error = in_aliases_.resolve(msg)) {
            fail(close_reason::protocol_error, std::move(*error), now, codec::reason_code::topic_alias_invalid);
            return;
        }
    }
    if (holding_incoming_) return;
    const std::uint16_t id = msg.packet_id;
    switch (msg.qos) {
    case codec::qos::at_most_once: emit(deliver{std::move(msg)}); break;
    case codec::qos::at_least_once:
        emit(deliver{std::move(msg)});
        send(codec::puback{id, codec::reason_code::success, {}}, now);
        break;
    case codec::qos::exactly_once: {
        if (in_.on_publish(id) == incoming_qos2::duplicate) {
            // A re-send of a message we already delivered: acknowledge again, deliver nothing.
            send(codec::pubrec{id, codec::reason_code::success, {}}, now);
            break;
        }
        const std::uint16_t our_max = cfg_->connect_props.receive_maximum.value_or(65'535);
        if (v5() && in_.outstanding() > our_max) {
            fail(close_reason::protocol_error,
                 "broker exceeded our receive maximum " + std::to_string(our_max) + " (packet id " +
                     std::to_string(id) + " arrived with " + std::to_string(our_max) +
                     " QoS 2 messages unreleased)",
                 now, codec::reason_code::receive_maximum_exceeded);
            return;
        }
        emit(deliver{std::move(msg)});
        send(codec::pubrec{id, codec::reason_code::success, {}}, now);
        break;
    }
    }
}

void session::on_pubrel(const codec::pubrel& rel, time_point now) {
    if (in_.on_pubrel(rel.packet_id)) {
        send(codec::pubcomp{rel.packet_id, codec::reason_code::success, {}}, now);
        return;
    }
    // Legitimate after a reconnect when our PUBCOMP was lost; spec 4.3.3 still wants a PUBCOMP
    // (v5: "packet identifier not found") so the broker can finish its flow.
    emit(warning{"broker sent PUBREL for packet id " + std::to_string(rel.packet_id) +
                 " that was never received (answered PUBCOMP)"});
    send(codec::pubcomp{rel.packet_id,
                        v5() ? codec::reason_code::packet_identifier_not_found : codec::reason_code::success,
                        {}},
         now);
}

namespace {

std::string_view stage_text(flow_stage s) {
    switch (s) {
    case flow_stage::awaiting_puback: return "a QoS 1 publish awaiting PUBACK";
    case flow_stage::awaiting_pubrec: return "a QoS 2 publish awaiting PUBREC";
    case flow_stage::awaiting_pubcomp: return "a QoS 2 publish awaiting PUBCOMP";
    }
    return "a publish";
}

}  // namespace

void session::on_ack(packet_type type, std::uint16_t id, codec::reason_code rc,
                     const codec::properties& props, time_point now) {
    ack_result r;
    switch (type) {
    case packet_type::puback: r = out_.on_puback(id, rc, ids_); break;
    case packet_type::pubrec: r = out_.on_pubrec(id, rc, ids_); break;
    default: r = out_.on_pubcomp(id, ids_); break;
    }
    const std::string what = packet_name(type) + " for packet id " + std::to_string(id);
    switch (r.outcome) {
    case ack_outcome::completed:
    case ack_outcome::rejected: {
        const auto qos = type == packet_type::puback ? codec::qos::at_least_once : codec::qos::exactly_once;
        emit(publish_done{r.token, id, qos, rc, std::string{codec::reason_name(rc, type)},
                          props.reason_string, false});
        break;
    }
    case ack_outcome::send_pubrel:
    case ack_outcome::resend_pubrel:
        send(codec::pubrel{id, codec::reason_code::success, {}}, now);
        break;
    case ack_outcome::unknown_id:
        // Ignored like mosquitto does: after a reconnect a late ack for a completed flow is
        // harmless, and closing would lose the flows that are fine. v5 answers a stray PUBREC
        // with "packet identifier not found" so the broker can drop its state (spec 3.6.2.1).
        emit(warning{"broker sent " + what + " that is not in flight (ignored)"});
        if (type == packet_type::pubrec && v5()) {
            send(codec::pubrel{id, codec::reason_code::packet_identifier_not_found, {}}, now);
        }
        return;
    case ack_outcome::wrong_stage:
        fail(close_reason::protocol_error, "broker sent " + what + ", " + std::string{stage_text(r.stage)},
             now, codec::reason_code::protocol_error);
        return;
    }
    pump(now);
    check_disconnect(now);
}

void session::check_ack_timeout(time_point now) {
    if (!cfg_->ack_timeout) return;
    const in_flight_message* oldest = out_.oldest();
    if (!oldest || now < oldest->sent_at + *cfg_->ack_timeout) return;
    const char* awaited = oldest->stage == flow_stage::awaiting_puback   ? "PUBACK"
                          : oldest->stage == flow_stage::awaiting_pubrec ? "PUBREC"
                                                                         : "PUBCOMP";
    fail(close_reason::ack_timeout,
         std::string{"no "} + awaited + " for packet id " + std::to_string(oldest->msg.packet_id) +
             " within " + detail::duration_text(*cfg_->ack_timeout),
         now);
}

}  // namespace wsmqtt::session
