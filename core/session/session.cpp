#include "core/session/session.hpp"

#include <algorithm>
#include <utility>

#include "core/session/describe.hpp"

namespace wsmqtt::session {

using codec::packet_type;
using detail::duration_text;
using detail::packet_name;

session::session(session_config cfg)
    : cfg_(std::make_shared<const session_config>(std::move(cfg))), client_id_(cfg_->client_id) {}

session::session(std::shared_ptr<const session_config> shared, std::string client_id)
    : cfg_(std::move(shared)), client_id_(std::move(client_id)) {}

std::vector<action> session::take_actions() {
    std::vector<action> out;
    out.swap(actions_);
    return out;
}

void session::send(codec::packet p, time_point now) {
    if (state_ == session_state::connected) keepalive_.on_sent(now);
    emit(send_packet{std::move(p)});
}

void session::start(time_point now) {
    if (state_ != session_state::idle) return;
    codec::connect c;
    c.version = cfg_->version;
    c.client_id = client_id_;
    c.clean_start = cfg_->clean_start;
    c.keep_alive = cfg_->keep_alive;
    c.username = cfg_->username;
    c.password = cfg_->password;
    c.will = cfg_->will;
    if (v5()) c.props = cfg_->connect_props;
    if (!v5() && c.will) c.will->props = {};
    closing_reason_.reset();
    closing_message_.clear();
    reconnect_at_.reset();
    state_ = session_state::awaiting_connack;
    if (cfg_->connect_timeout.count() > 0) connack_deadline_ = now + cfg_->connect_timeout;
    emit(send_packet{std::move(c)});
}

void session::fail(close_reason reason, std::string message, time_point now,
                   std::optional<codec::reason_code> tell_broker) {
    if (state_ == session_state::closing || state_ == session_state::ended) return;
    // v5 lets the client say why it closes (spec 4.13.2); a dead broker would not read it.
    if (tell_broker && v5() && state_ == session_state::connected) {
        send(codec::disconnect{*tell_broker, {}}, now);
    }
    keepalive_.stop();
    connack_deadline_.reset();
    state_ = session_state::closing;
    closing_reason_ = reason;
    closing_message_ = message;
    emit(close_connection{reason, std::move(message)});
}

void session::on_undecodable(time_point now, std::string message, bool too_large) {
    fail(close_reason::transport_lost, std::move(message), now,
         too_large ? codec::reason_code::packet_too_large : codec::reason_code::malformed_packet);
}

void session::on_packet(codec::packet p, time_point now) {
    if (state_ != session_state::awaiting_connack && state_ != session_state::connected) return;
    keepalive_.on_received(now);
    qos0_since_heard_ = 0;
    const packet_type type = codec::type_of(p);

    if (state_ == session_state::awaiting_connack && type != packet_type::connack) {
        fail(close_reason::protocol_error, "broker sent " + packet_name(type) + " before CONNACK", now,
             codec::reason_code::protocol_error);
        return;
    }
    switch (type) {
    case packet_type::connack: on_connack(std::get<codec::connack>(p), now); break;
    case packet_type::publish: on_publish(std::move(std::get<codec::publish>(p)), now); break;
    case packet_type::puback: {
        const auto& a = std::get<codec::puback>(p);
        on_ack(type, a.packet_id, a.reason, a.props, now);
        break;
    }
    case packet_type::pubrec: {
        const auto& a = std::get<codec::pubrec>(p);
        on_ack(type, a.packet_id, a.reason, a.props, now);
        break;
    }
    case packet_type::pubcomp: {
        const auto& a = std::get<codec::pubcomp>(p);
        on_ack(type, a.packet_id, a.reason, a.props, now);
        break;
    }
    case packet_type::pubrel: on_pubrel(std::get<codec::pubrel>(p), now); break;
    case packet_type::suback: on_suback(std::get<codec::suback>(p), now); break;
    case packet_type::unsuback: on_unsuback(std::get<codec::unsuback>(p), now); break;
    case packet_type::pingresp: break;  // liveness already noted
    case packet_type::disconnect: {
        const auto& d = std::get<codec::disconnect>(p);
        if (!v5()) {
            fail(close_reason::protocol_error, "broker sent DISCONNECT, which MQTT 3.1.1 brokers never send", now);
            break;
        }
        emit(disconnected_by_broker{d.reason, std::string{codec::reason_name(d.reason, type)},
                                    d.props.reason_string, d.props.server_reference});
        std::string msg = "broker disconnected: " + detail::reason_text(d.reason, type);
        if (d.props.reason_string) msg += ": " + *d.props.reason_string;
        fail(close_reason::broker_disconnect, std::move(msg), now);
        break;
    }
    case packet_type::auth:
        fail(close_reason::protocol_error,
             cfg_->connect_props.authentication_method
                 ? std::string{"broker sent AUTH; extended authentication is not supported"}
                 : std::string{"broker sent AUTH although we asked for no extended authentication"},
             now, codec::reason_code::protocol_error);
        break;
    default:
        fail(close_reason::protocol_error,
             "broker sent " + packet_name(type) + ", a packet only clients send", now,
             codec::reason_code::protocol_error);
        break;
    }
}

void session::on_connack(const codec::connack& ack, time_point now) {
    if (state_ == session_state::connected) {
        fail(close_reason::protocol_error, "broker sent a second CONNACK", now,
             codec::reason_code::protocol_error);
        return;
    }
    connack_deadline_.reset();
    const bool refused = v5() ? ack.return_code >= 0x80 : ack.return_code != 0;
    if (refused) {
        connect_refused r;
        r.code = ack.return_code;
        r.reason_string = ack.props.reason_string;
        r.server_reference = ack.props.server_reference;
        std::string msg = "connection refused by broker: ";
        if (v5()) {
            const auto rc = static_cast<codec::reason_code>(ack.return_code);
            r.name = std::string{codec::reason_name(rc, packet_type::connack)};
            msg += detail::reason_text(rc, packet_type::connack);
        } else {
            r.name = std::string{codec::connack_return_name(ack.return_code)};
            msg += "(" + std::to_string(ack.return_code) + ") " + r.name;
        }
        if (r.reason_string) msg += ": " + *r.reason_string;
        emit(std::move(r));
        fail(close_reason::connect_refused, std::move(msg), now);
        return;
    }
    if (ack.session_present && cfg_->clean_start) {
        // MQTT-3.2.2-4 (v5) / MQTT-3.2.2-1 (3.1.1): a clean start never has a session present.
        fail(close_reason::protocol_error,
             "broker sent CONNACK with session present although we asked for a clean start", now,
             codec::reason_code::protocol_error);
        return;
    }

    limits_ = broker_limits{};
    std::uint16_t keep = cfg_->keep_alive;
    if (v5()) {
        const auto& pr = ack.props;
        if (pr.receive_maximum) limits_.receive_maximum = *pr.receive_maximum;
        if (pr.maximum_qos) limits_.maximum_qos = static_cast<codec::qos>(std::min<std::uint8_t>(*pr.maximum_qos, 2));
        if (pr.retain_available) limits_.retain_available = *pr.retain_available != 0;
        if (pr.topic_alias_maximum) limits_.topic_alias_maximum = *pr.topic_alias_maximum;
        limits_.maximum_packet_size = pr.maximum_packet_size;
        if (pr.wildcard_subscription_available) limits_.wildcard_subscription_available = *pr.wildcard_subscription_available != 0;
        if (pr.subscription_identifier_available) limits_.subscription_identifiers_available = *pr.subscription_identifier_available != 0;
        if (pr.shared_subscription_available) limits_.shared_subscription_available = *pr.shared_subscription_available != 0;
        if (pr.server_keep_alive) keep = *pr.server_keep_alive;  // spec 3.2.2.3.14: it overrides ours
        if (pr.assigned_client_identifier) client_id_ = *pr.assigned_client_identifier;
    }
    const std::size_t ours = cfg_->max_inflight == 0 ? packet_id_pool::capacity : cfg_->max_inflight;
    window_ = std::min<std::size_t>(ours, limits_.receive_maximum);
    out_aliases_.reset(v5() && cfg_->auto_topic_alias ? limits_.topic_alias_maximum : 0);
    in_aliases_.reset(v5() ? cfg_->connect_props.topic_alias_maximum.value_or(0) : 0);

    const bool again = ever_connected_;
    ever_connected_ = true;
    attempt_ = 0;
    state_ = session_state::connected;
    keepalive_.start(keep, now);

    connected c;
    c.session_present = ack.session_present;
    c.reconnect = again;
    c.client_id = client_id_;
    c.keep_alive = keep;
    c.send_window = window_;
    c.limits = limits_;
    c.connack = ack;
    emit(std::move(c));

    resume(ack.session_present, again, now);
    pump(now);
    check_disconnect(now);
}

void session::resume(bool session_present, bool again, time_point now) {
    resume_report rep;
    rep.session_present = session_present;
    rep.qos0_may_be_lost = qos0_may_be_lost_;
    qos0_may_be_lost_ = 0;
    if (session_present) {
        // MQTT-4.4.0-1: resend unacknowledged PUBLISHes (DUP=1) and PUBRELs, same ids, same order.
        out_.restamp(now);
        for (const auto& f : out_.in_flight()) {
            if (f.stage == flow_stage::awaiting_pubcomp) {
                send(codec::pubrel{f.msg.packet_id, codec::reason_code::success, {}}, now);
                ++rep.resent_pubrels;
            } else {
                codec::publish m = f.msg;
                m.dup = true;
                send_publish(std::move(m), now);
                ++rep.resent_publishes;
                if (f.msg.qos == codec::qos::at_least_once) ++rep.may_be_duplicated;
            }
        }
    } else {
        // MQTT-3.2.2-5 (v5): without a session on the broker our session state is void. The
        // messages themselves are the user's: publish them again as new ones unless told not to.
        in_.clear();
        auto [requeued, taken_over] = out_.requeue_after_session_loss(ids_);
        // Past PUBREC the broker owned the message (and normally forwarded it already).
        rep.assumed_delivered = taken_over.size();
        for (const auto token : taken_over) {
            emit(publish_done{token, 0, codec::qos::exactly_once, codec::reason_code::success,
                              "success", std::nullopt, false});
        }
        if (cfg_->republish_after_session_loss) {
            rep.republished = requeued;
            rep.may_be_duplicated += requeued;
        } else {
            for (std::size_t i = 0; i < requeued; ++i) {
                auto m = out_.pop_front();
                emit(publish_done{m.token, 0, m.msg.qos, codec::reason_code::unspecified_error,
                                  "lost with the broker's session", std::nullopt, true});
            }
        }
        rep.resubscriptions = queue_resubscriptions();
    }
    // A SUBSCRIBE or UNSUBSCRIBE whose answer was lost with the connection is asked again.
    for (auto& entry : awaiting_ack_) {
        std::visit([&](const auto& pkt) { send(pkt, now); }, entry.second.packet);
    }
    if (again) emit(rep);
}

void session::on_timer(time_point now) {
    switch (state_) {
    case session_state::awaiting_connack:
        if (connack_deadline_ && now >= *connack_deadline_) {
            fail(close_reason::connack_timeout,
                 "timed out after " + duration_text(cfg_->connect_timeout) + " waiting for CONNACK", now);
        }
        break;
    case session_state::connected:
        check_ack_timeout(now);
        if (state_ != session_state::connected) break;
        switch (keepalive_.poll(now)) {
        case keepalive_event::send_ping:
            emit(send_packet{codec::pingreq{}});
            keepalive_.on_ping_sent(now);
            break;
        case keepalive_event::timed_out:
            fail(close_reason::keepalive_timeout,
                 "no answer from the broker within " +
                     duration_text(std::chrono::milliseconds{keepalive_.seconds() * 500}) +
                     " of PINGREQ (keep alive " + std::to_string(keepalive_.seconds()) + " s)",
                 now);
            break;
        case keepalive_event::none: break;
        }
        break;
    case session_state::waiting_to_reconnect:
        if (reconnect_at_ && now >= *reconnect_at_) {
            reconnect_at_.reset();
            state_ = session_state::idle;
            emit(open_connection{attempt_});
        }
        break;
    default: break;
    }
}

std::optional<time_point> session::next_deadline() const {
    std::optional<time_point> best;
    const auto consider = [&](std::optional<time_point> t) {
        if (t && (!best || *t < *best)) best = t;
    };
    switch (state_) {
    case session_state::awaiting_connack: consider(connack_deadline_); break;
    case session_state::connected:
        consider(keepalive_.next_deadline());
        if (cfg_->ack_timeout) {
            if (const auto oldest = out_.oldest_sent()) consider(*oldest + *cfg_->ack_timeout);
        }
        break;
    case session_state::waiting_to_reconnect: consider(reconnect_at_); break;
    default: break;
    }
    return best;
}

void session::on_connection_lost(time_point now, std::string_view what) {
    if (state_ == session_state::ended || state_ == session_state::waiting_to_reconnect) return;
    keepalive_.stop();
    connack_deadline_.reset();
    qos0_may_be_lost_ += qos0_since_heard_;
    qos0_since_heard_ = 0;
    const close_reason reason = closing_reason_.value_or(close_reason::transport_lost);
    std::string message = closing_reason_ ? closing_message_
                                          : (what.empty() ? std::string{"connection lost"} : std::string{what});
    closing_reason_.reset();
    closing_message_.clear();

    const bool terminal = reason == close_reason::normal || reason == close_reason::protocol_error ||
                          reason == close_reason::ack_timeout || reason == close_reason::connect_refused;
    if (terminal || !ever_connected_) {
        end(reason, std::move(message));
        return;
    }
    const auto delay = cfg_->reconnect.delay_for(attempt_ + 1);
    if (!delay) {
        if (cfg_->reconnect.enabled && attempt_ > 0) {
            message += "; gave up after " + std::to_string(attempt_) + " reconnect attempts";
        }
        end(reason, std::move(message));
        return;
    }
    ++attempt_;
    state_ = session_state::waiting_to_reconnect;
    reconnect_at_ = now + *delay;
    emit(reconnect_scheduled{*delay, attempt_, std::move(message)});
}

void session::end(close_reason reason, std::string message) {
    const std::size_t undelivered = out_.drop_all(ids_);
    state_ = session_state::ended;
    reconnect_at_.reset();
    emit(session_ended{reason, std::move(message), undelivered});
}

void session::disconnect(time_point now, disconnect_mode mode, codec::reason_code reason,
                         codec::properties props) {
    if (state_ == session_state::ended || state_ == session_state::closing) return;
    if (mode == disconnect_mode::after_inflight && !idle()) {
        disconnect_ = std::make_unique<pending_disconnect>(pending_disconnect{reason, std::move(props)});
        return;
    }
    switch (state_) {
    case session_state::connected:
        send(codec::disconnect{reason, v5() ? std::move(props) : codec::properties{}}, now);
        fail(close_reason::normal, "disconnected", now);
        break;
    case session_state::awaiting_connack: fail(close_reason::normal, "disconnected", now); break;
    default: end(close_reason::normal, "disconnected"); break;
    }
}

void session::check_disconnect(time_point now) {
    if (!disconnect_ || state_ != session_state::connected || !idle()) return;
    auto d = std::move(*disconnect_);
    disconnect_.reset();
    disconnect(now, disconnect_mode::immediately, d.reason, std::move(d.props));
}

bool session::idle() const noexcept {
    return out_.queued() == 0 && out_.in_flight_count() == 0 && waiting_requests_.empty() &&
           awaiting_ack_.empty();
}

bool session::ready_for_more() const noexcept {
    return state_ != session_state::ended && out_.queued() < std::max<std::size_t>(cfg_->max_queued, 1);
}

}  // namespace wsmqtt::session
