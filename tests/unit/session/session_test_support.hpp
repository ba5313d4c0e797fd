#pragma once
// Helpers for driving a session with packets and time only.
#include <gtest/gtest.h>

#include <chrono>
#include <type_traits>
#include <variant>
#include <vector>

#include "core/session/session.hpp"

namespace wsmqtt::session::test {

using namespace std::chrono_literals;
namespace codec = wsmqtt::codec;

inline const time_point t0 = time_point{} + std::chrono::hours{1000};

template <class T>
std::vector<T> all_of(const std::vector<action>& actions) {
    std::vector<T> out;
    for (const auto& a : actions) {
        if (const auto* p = std::get_if<T>(&a)) out.push_back(*p);
    }
    return out;
}

template <class T>
std::vector<T> sent(const std::vector<action>& actions) {
    std::vector<T> out;
    for (const auto& a : actions) {
        if (const auto* s = std::get_if<send_packet>(&a)) {
            if (const auto* p = std::get_if<T>(&s->packet)) out.push_back(*p);
        }
    }
    return out;
}

inline std::size_t sent_count(const std::vector<action>& actions) { return all_of<send_packet>(actions).size(); }

inline codec::publish make_publish(std::string topic, codec::qos q, std::string payload = "x") {
    codec::publish p;
    p.topic = std::move(topic);
    p.qos = q;
    p.payload.assign(payload.begin(), payload.end());
    return p;
}

inline session_config config(codec::protocol_version v = codec::protocol_version::v5) {
    session_config c;
    c.version = v;
    c.client_id = "tester";
    c.keep_alive = 60;
    return c;
}

// Starts `s` and answers its CONNECT with `ack`; returns the actions of both steps.
inline std::vector<action> connect(session& s, codec::connack ack = {}, time_point now = t0) {
    s.start(now);
    auto a = s.take_actions();
    s.on_packet(ack, now);
    auto b = s.take_actions();
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

// Drives a lost connection through to the next CONNACK (reconnect delay honoured).
inline std::vector<action> reconnect(session& s, codec::connack ack, time_point& now) {
    s.on_connection_lost(now, "connection reset");
    auto lost = s.take_actions();
    const auto deadline = s.next_deadline();
    EXPECT_TRUE(deadline.has_value());
    if (deadline) now = *deadline;
    s.on_timer(now);
    auto opened = s.take_actions();
    EXPECT_EQ(all_of<open_connection>(opened).size(), 1u);
    auto out = connect(s, ack, now);
    lost.insert(lost.end(), out.begin(), out.end());
    return lost;
}

inline codec::connack connack_v5(codec::properties props = {}, bool session_present = false) {
    codec::connack a;
    a.session_present = session_present;
    a.props = std::move(props);
    return a;
}

}  // namespace wsmqtt::session::test
