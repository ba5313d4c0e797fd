#include "tests/fake_broker/scenario.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <variant>

#include "core/codec/encoder.hpp"

namespace wsmqtt::fake_broker {

namespace {

using bytes = std::vector<std::uint8_t>;
using codec::packet_type;

const std::vector<scenario_info> all_scenarios = {
    {"normal", "a well-behaved broker for one client: CONNACK, acks, SUBACK, PINGRESP"},
    {"connack-varint", "answers CONNECT with a remaining length of 5 bytes of 0xFF"},
    {"connack-garbage", "answers CONNECT with a CONNACK whose acknowledge flags are 0xFE (reserved bits)"},
    {"connack-short", "answers CONNECT with a CONNACK of remaining length 1"},
    {"connack-long", "answers CONNECT with a CONNACK of remaining length 3 (3.1.1 says 2)"},
    {"connack-property", "v5: a CONNACK carrying Payload Format Indicator, a property not allowed there"},
    {"text-frame", "WebSocket: the CONNACK in a text frame"},
    {"slowloris", "the CONNACK one byte every --dribble-ms milliseconds"},
    {"fragmented", "every packet spread over --frame-size byte frames; after SUBACK one PUBLISH of --size bytes"},
    {"batched", "after SUBACK, --count PUBLISHes (payloads 1..N) in one WebSocket message / TCP write"},
    {"trickle", "after SUBACK, --count PUBLISHes (payloads 1..N) one every --dribble-ms, until the client speaks"},
    {"publish-varint", "after SUBACK / instead of PUBACK: a PUBLISH with a remaining length of 5 bytes of 0xFF"},
    {"topic-overrun", "after SUBACK / instead of PUBACK: a PUBLISH whose topic length runs past the packet"},
    {"unknown-type-0", "after SUBACK / instead of PUBACK: packet type 0 (reserved)"},
    {"unknown-type-15", "after SUBACK / instead of PUBACK: packet type 15 (AUTH, unknown under 3.1.1)"},
    {"publish-property", "v5, after SUBACK / instead of PUBACK: a PUBLISH carrying Session Expiry Interval"},
    {"close-mid-packet", "after SUBACK / instead of PUBACK: 5 bytes of a PUBLISH, then a WebSocket close (TCP FIN)"},
    {"oversized-publish", "after SUBACK / instead of PUBACK: a whole PUBLISH with --size bytes of payload"},
    {"huge-announced", "after SUBACK / instead of PUBACK: a PUBLISH header announcing 268,435,455 bytes, "
                       "--size bytes of it, then a close"},
    {"puback-unknown-id", "answers a QoS 1 PUBLISH with a PUBACK for an id never sent, then the right PUBACK"},
    {"no-puback", "answers PINGREQ but never acknowledges a PUBLISH"},
    {"mute-after-connack", "sends CONNACK, then reads and never answers anything (PINGREQ included)"},
    {"silent", "accepts the TCP connection and never answers (no WebSocket upgrade either)"},
};

void log(const peer& p, const std::string& line) {
    std::fprintf(stderr, "fake-broker: %zu: %s\n", p.id(), line.c_str());
}

void put_u16(bytes& out, std::size_t v) {
    out.push_back(static_cast<std::uint8_t>((v >> 8) & 0xFF));
    out.push_back(static_cast<std::uint8_t>(v & 0xFF));
}

void put_varint(bytes& out, std::size_t v) {
    do {
        auto b = static_cast<std::uint8_t>(v % 128);
        v /= 128;
        if (v > 0) b |= 0x80;
        out.push_back(b);
    } while (v > 0);
}

void put_string(bytes& out, std::string_view s) {
    put_u16(out, s.size());
    out.insert(out.end(), s.begin(), s.end());
}

bytes encode_or_empty(const codec::packet& p, codec::protocol_version v) {
    auto e = codec::encode(p, v);
    return e ? std::move(*e) : bytes{};
}

codec::publish make_publish(std::string topic, std::string_view payload) {
    codec::publish pub;
    pub.topic = std::move(topic);
    pub.payload.assign(payload.begin(), payload.end());
    return pub;
}

// A v5 CONNACK padded with a user property to about `size` bytes, so that spreading it over
// one-byte frames makes many frames; a 3.1.1 CONNACK is 4 bytes whatever we do.
codec::connack padded_connack(std::size_t size, codec::protocol_version v) {
    codec::connack ack;
    if (!codec::is_v5(v)) return ack;
    for (std::size_t pad = 0; pad < size; ++pad) {
        ack.props.user_properties = {{"pad", std::string(pad, 'x')}};
        auto n = codec::encoded_size(ack, v);
        if (!n || *n >= size) break;
    }
    return ack;
}

// A PUBLISH to `topic` that encodes to about `size` bytes in total.
codec::publish sized_publish(const std::string& topic, std::size_t size, codec::protocol_version v) {
    codec::publish pub = make_publish(topic, "");
    const auto size_of = [&] {
        auto n = codec::encoded_size(pub, v);
        return n ? *n : std::size_t{0};
    };
    const std::size_t overhead = size_of();
    if (size > overhead) pub.payload.assign(size - overhead, 'x');
    while (size_of() > size && !pub.payload.empty()) pub.payload.pop_back();
    return pub;
}

// What replaces the acknowledgement (or follows the SUBACK) in the injecting scenarios; empty
// for scenarios that inject nothing.
bytes injection(const scenario_options& o, const std::string& topic, codec::protocol_version v) {
    const std::string& n = o.name;
    if (n == "publish-varint") return {0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
    if (n == "topic-overrun") return {0x30, 0x05, 0x00, 0x10, 'a', 'b', 'c'};
    if (n == "unknown-type-0") return {0x00, 0x00};
    if (n == "unknown-type-15") return {0xF0, 0x00};
    if (n == "close-mid-packet") return {0x30, 0x0A, 0x00, 0x03, 'a'};
    if (n == "publish-property") {
        bytes body;
        put_string(body, topic);
        const bytes props = {0x11, 0x00, 0x00, 0x00, 0x3C};  // session expiry interval 60
        put_varint(body, props.size());
        body.insert(body.end(), props.begin(), props.end());
        body.push_back('x');
        bytes out = {0x30};
        put_varint(out, body.size());
        out.insert(out.end(), body.begin(), body.end());
        return out;
    }
    if (n == "oversized-publish") {
        codec::publish pub = make_publish(topic, "");
        pub.payload.assign(o.size, 'x');
        return encode_or_empty(pub, v);
    }
    if (n == "huge-announced") {
        bytes out = {0x30, 0xFF, 0xFF, 0xFF, 0x7F};
        put_string(out, topic);
        if (codec::is_v5(v)) out.push_back(0x00);
        out.resize(out.size() + o.size, 'x');
        return out;
    }
    if (n == "batched") {
        bytes out;
        for (std::size_t i = 1; i <= o.count; ++i) {
            auto one = encode_or_empty(make_publish(topic, std::to_string(i)), v);
            out.insert(out.end(), one.begin(), one.end());
        }
        return out;
    }
    if (n == "fragmented") return encode_or_empty(sized_publish(topic, o.size, v), v);
    return {};
}

// Bytes sent in place of a good CONNACK; empty when the CONNACK is a good one.
bytes bad_connack(const std::string& n) {
    if (n == "connack-varint") return {0x20, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
    if (n == "connack-garbage") return {0x20, 0x02, 0xFE, 0x00};
    if (n == "connack-short") return {0x20, 0x01, 0x00};
    if (n == "connack-long") return {0x20, 0x03, 0x00, 0x00, 0x00};
    if (n == "connack-property") return {0x20, 0x05, 0x00, 0x00, 0x02, 0x01, 0x01};
    return {};
}

std::string describe(const codec::packet& pk) {
    return std::visit(
        [](const auto& x) -> std::string {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, codec::connect>) {
                return "CONNECT client_id=" + x.client_id + " version=" +
                       std::string{codec::version_name(x.version)} + " keepalive=" + std::to_string(x.keep_alive) +
                       " clean=" + (x.clean_start ? "1" : "0") + " will=" + (x.will ? "1" : "0") +
                       (x.props.maximum_packet_size
                            ? " maximum_packet_size=" + std::to_string(*x.props.maximum_packet_size)
                            : std::string{});
            } else if constexpr (std::is_same_v<T, codec::publish>) {
                return "PUBLISH topic=" + x.topic + " qos=" + std::to_string(static_cast<int>(x.qos)) +
                       " id=" + std::to_string(x.packet_id) + " dup=" + (x.dup ? "1" : "0") +
                       " bytes=" + std::to_string(x.payload.size());
            } else if constexpr (std::is_same_v<T, codec::subscribe>) {
                return "SUBSCRIBE id=" + std::to_string(x.packet_id) + " filter=" +
                       (x.subscriptions.empty() ? std::string{} : x.subscriptions.front().filter);
            } else if constexpr (std::is_same_v<T, codec::disconnect>) {
                return "DISCONNECT reason=" + std::to_string(static_cast<int>(x.reason));
            } else {
                return std::string{codec::packet_type_name(codec::type_of(codec::packet{x}))};
            }
        },
        pk);
}

class runner {
public:
    runner(peer& p, scenario_options o) : p_(p), o_(std::move(o)) {}

    asio::awaitable<void> run() {
        if (o_.name == "silent") {
            log(p_, "accepted; staying silent");
            co_await p_.drain();
            log(p_, "client closed: " + p_.last_error());
            co_return;
        }
        if (!co_await p_.handshake()) {
            log(p_, p_.last_error());
            co_return;
        }
        auto first = co_await p_.read_packet();
        if (!first || !std::holds_alternative<codec::connect>(*first)) {
            log(p_, "no CONNECT: " + (first ? describe(*first) : p_.last_error()));
            co_return;
        }
        log(p_, describe(*first));
        if (!co_await send_connack()) co_return;
        co_await serve();
    }

private:
    bool named(std::string_view n) const { return o_.name == n; }
    codec::protocol_version v() const { return p_.version(); }

    asio::awaitable<bool> send_packet(const codec::packet& pk) {
        if (!named("fragmented")) co_return co_await p_.send(pk);
        const bytes b = encode_or_empty(pk, v());
        co_return co_await send_spread(b);
    }

    asio::awaitable<bool> send_spread(const bytes& b) {
        if (!o_.one_message_per_byte) co_return co_await p_.send_fragmented(b, o_.frame_size);
        for (std::size_t at = 0; at < b.size(); at += o_.frame_size) {
            const std::size_t len = std::min(o_.frame_size, b.size() - at);
            if (!co_await p_.send_raw(std::span<const std::uint8_t>(b).subspan(at, len))) co_return false;
        }
        co_return true;
    }

    asio::awaitable<bool> send_connack() {
        if (auto bad = bad_connack(o_.name); !bad.empty()) {
            co_await p_.send_raw(bad);
            log(p_, "sent a bad CONNACK (" + o_.name + ")");
            co_await finish_draining();
            co_return false;
        }
        const bytes good = encode_or_empty(codec::connack{}, v());
        if (named("text-frame")) {
            co_await p_.send_raw(good, true);
            log(p_, "sent the CONNACK in a text frame");
            co_await finish_draining();
            co_return false;
        }
        if (named("slowloris")) {
            co_return co_await p_.send_dribbled(good, o_.dribble_ms);
        }
        if (named("fragmented")) {
            const bytes padded = encode_or_empty(padded_connack(o_.size, v()), v());
            log(p_, "CONNACK of " + std::to_string(padded.size()) + " bytes in pieces of " +
                        std::to_string(o_.frame_size));
            co_return co_await send_spread(padded);
        }
        co_return co_await p_.send(codec::connack{});
    }

    asio::awaitable<void> finish_draining() {
        co_await p_.drain();
        log(p_, "connection closed: " + p_.last_error());
    }

    // Sends this scenario's injection once. Returns false when the connection is done.
    asio::awaitable<bool> inject(const std::string& topic) {
        if (injected_) co_return true;
        const bytes b = injection(o_, topic, v());
        if (b.empty()) co_return true;
        injected_ = true;
        if (named("fragmented")) {
            log(p_, "PUBLISH of " + std::to_string(b.size()) + " bytes in pieces of " + std::to_string(o_.frame_size));
            co_return co_await send_spread(b);
        }
        if (!co_await p_.send_raw(b)) co_return false;
        log(p_, "sent " + o_.name + " (" + std::to_string(b.size()) + " bytes)");
        if (named("close-mid-packet") || named("huge-announced")) {
            co_await p_.close();
            log(p_, "closed mid-packet");
            co_return false;
        }
        co_return true;
    }

    // One PUBLISH every dribble_ms until `count` are out or the client sends something (its
    // DISCONNECT, say), which the serve loop then reads.
    asio::awaitable<bool> trickle(const std::string& topic) {
        asio::steady_timer timer(co_await asio::this_coro::executor);
        for (std::size_t i = 1; i <= o_.count; ++i) {
            if (p_.client_spoke()) {
                log(p_, "client spoke after " + std::to_string(i - 1) + " PUBLISHes; stopping");
                co_return true;
            }
            if (!co_await p_.send(make_publish(topic, std::to_string(i)))) co_return false;
            timer.expires_after(std::chrono::milliseconds(o_.dribble_ms));
            co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
        }
        log(p_, "sent " + std::to_string(o_.count) + " PUBLISHes");
        co_return true;
    }

    asio::awaitable<bool> acknowledge(const codec::publish& pub) {
        if (pub.qos == codec::qos::at_least_once) {
            if (named("puback-unknown-id")) {
                const auto stray = static_cast<std::uint16_t>(pub.packet_id + 1000);
                if (!co_await send_packet(codec::puback{stray, codec::reason_code::success, {}})) co_return false;
                log(p_, "sent PUBACK for id " + std::to_string(stray) + " (never sent)");
            }
            co_return co_await send_packet(codec::puback{pub.packet_id, codec::reason_code::success, {}});
        }
        if (pub.qos == codec::qos::exactly_once) {
            co_return co_await send_packet(codec::pubrec{pub.packet_id, codec::reason_code::success, {}});
        }
        co_return true;
    }

    asio::awaitable<void> serve() {
        if (named("mute-after-connack")) {
            log(p_, "CONNACK sent; from now on reading and answering nothing");
            co_await finish_draining();
            co_return;
        }
        for (;;) {
            auto pk = co_await p_.read_non_ping(true);
            if (!pk) {
                log(p_, "connection closed: " + p_.last_error());
                co_return;
            }
            log(p_, describe(*pk));
            bool go_on = true;
            if (auto* sub = std::get_if<codec::subscribe>(&*pk)) {
                codec::suback ack;
                ack.packet_id = sub->packet_id;
                for (const auto& s : sub->subscriptions) ack.return_codes.push_back(static_cast<std::uint8_t>(s.max_qos));
                go_on = co_await send_packet(ack);
                if (go_on && !sub->subscriptions.empty()) go_on = co_await inject(sub->subscriptions.front().filter);
                if (go_on && named("trickle") && !sub->subscriptions.empty()) {
                    go_on = co_await trickle(sub->subscriptions.front().filter);
                }
            } else if (auto* pub = std::get_if<codec::publish>(&*pk)) {
                // fragmented and batched send their PUBLISHes to a subscriber; a publisher's
                // PUBLISH is acknowledged (spread over frames, for fragmented).
                const bool to_subscriber_only = named("fragmented") || named("batched");
                if (!injected_ && !to_subscriber_only && !injection(o_, pub->topic, v()).empty()) {
                    go_on = co_await inject(pub->topic);
                } else if (!named("no-puback")) {
                    go_on = co_await acknowledge(*pub);
                }
            } else if (auto* rel = std::get_if<codec::pubrel>(&*pk)) {
                go_on = co_await send_packet(codec::pubcomp{rel->packet_id, codec::reason_code::success, {}});
            } else if (auto* unsub = std::get_if<codec::unsubscribe>(&*pk)) {
                codec::unsuback ack;
                ack.packet_id = unsub->packet_id;
                ack.reasons.assign(unsub->filters.size(), codec::reason_code::success);
                go_on = co_await send_packet(ack);
            } else if (std::holds_alternative<codec::disconnect>(*pk)) {
                co_await p_.close();
                log(p_, "closed after DISCONNECT");
                co_return;
            }
            if (!go_on) {
                if (!p_.last_error().empty()) log(p_, "stopped: " + p_.last_error());
                co_return;
            }
        }
    }

    peer& p_;
    scenario_options o_;
    bool injected_ = false;
};

}  // namespace

const std::vector<scenario_info>& scenarios() { return all_scenarios; }

bool is_scenario(std::string_view name) {
    return std::any_of(all_scenarios.begin(), all_scenarios.end(), [&](const auto& s) { return s.name == name; });
}

asio::awaitable<void> run_scenario(peer& p, scenario_options options) {
    runner r(p, std::move(options));
    co_await r.run();
}

}  // namespace wsmqtt::fake_broker
