#include "core/codec/encoder.hpp"

#include <algorithm>

#include "core/codec/property_wire.hpp"
#include "core/codec/topic.hpp"
#include "core/codec/wire.hpp"

namespace wsmqtt::codec {
namespace {

using detail::writer;
using pt = packet_type;

constexpr std::uint8_t first_byte(pt t, std::uint8_t flags = 0) noexcept {
    return static_cast<std::uint8_t>((static_cast<unsigned>(t) << 4) | flags);
}

void check(writer& w, const boost::system::result<void>& r) {
    if (!r) w.fail(static_cast<codec_error>(r.error().value()));
}

// Writes the body (variable header + payload) of each packet and returns its first byte. Run
// twice: once counting (and validating), once writing; validation only needs the first pass.
class body_encoder {
public:
    body_encoder(writer& w, protocol_version v) noexcept : w_(w), v5_(is_v5(v)) {}

    std::uint8_t operator()(const connect& c) {
        const bool v5 = is_v5(c.version);
        if (w_.counting()) {
            const auto level = static_cast<unsigned>(c.version);
            if (level < 3 || level > 5) w_.fail(codec_error::protocol_version_unsupported);
            if (!v5 && c.password && !c.username) w_.fail(codec_error::password_without_username);
            if (c.will) {
                if (static_cast<unsigned>(c.will->qos) > 2) w_.fail(codec_error::invalid_qos);
                check(w_, validate_topic_name(c.will->topic));
            }
        }
        w_.utf8_string(c.version == protocol_version::v31 ? "MQIsdp" : "MQTT");
        w_.u8(static_cast<std::uint8_t>(c.version));
        std::uint8_t flags = c.clean_start ? 0x02 : 0x00;
        if (c.will) {
            flags = static_cast<std::uint8_t>(flags | 0x04 | (static_cast<unsigned>(c.will->qos) << 3) |
                                              (c.will->retain ? 0x20 : 0x00));
        }
        if (c.password) flags |= 0x40;
        if (c.username) flags |= 0x80;
        w_.u8(flags);
        w_.u16(c.keep_alive);
        if (v5) detail::write_properties(w_, c.props, pt::connect);
        w_.utf8_string(c.client_id);
        if (c.will) {
            if (v5) detail::write_properties(w_, c.will->props, pt::connect, true);
            w_.utf8_string(c.will->topic);
            w_.binary(c.will->payload);
        }
        if (c.username) w_.utf8_string(*c.username);
        if (c.password) w_.binary(*c.password);
        return first_byte(pt::connect);
    }

    std::uint8_t operator()(const connack& c) {
        if (v5_ && w_.counting() && !reason_allowed(static_cast<reason_code>(c.return_code), pt::connack))
            w_.fail(codec_error::invalid_reason_code);
        w_.u8(c.session_present ? 1 : 0);
        w_.u8(c.return_code);
        if (v5_) detail::write_properties(w_, c.props, pt::connack);
        return first_byte(pt::connack);
    }

    std::uint8_t operator()(const publish& p) {
        const auto q = static_cast<unsigned>(p.qos);
        if (w_.counting()) {
            if (q > 2) w_.fail(codec_error::invalid_qos);
            if (q == 0 && p.dup) w_.fail(codec_error::invalid_dup);
            if (q > 0 && p.packet_id == 0) w_.fail(codec_error::zero_packet_id);
            // v5 allows an empty topic name when a topic alias stands for it (3.3.2.3.4).
            if (!(v5_ && p.topic.empty() && p.props.topic_alias)) check(w_, validate_topic_name(p.topic));
        }
        w_.utf8_string(p.topic);
        if (q > 0) w_.u16(p.packet_id);
        if (v5_) detail::write_properties(w_, p.props, pt::publish);
        w_.raw(p.payload);
        const auto flags = static_cast<std::uint8_t>((p.dup ? 0x08 : 0) | (q << 1) | (p.retain ? 0x01 : 0));
        return first_byte(pt::publish, flags);
    }

    std::uint8_t operator()(const puback& p) { return ack(pt::puback, p); }
    std::uint8_t operator()(const pubrec& p) { return ack(pt::pubrec, p); }
    std::uint8_t operator()(const pubrel& p) { return ack(pt::pubrel, p); }
    std::uint8_t operator()(const pubcomp& p) { return ack(pt::pubcomp, p); }

    std::uint8_t operator()(const subscribe& s) {
        if (w_.counting()) {
            if (s.packet_id == 0) w_.fail(codec_error::zero_packet_id);
            if (s.subscriptions.empty()) w_.fail(codec_error::empty_subscription);
        }
        w_.u16(s.packet_id);
        if (v5_) detail::write_properties(w_, s.props, pt::subscribe);
        for (const auto& sub : s.subscriptions) {
            const auto q = static_cast<unsigned>(sub.max_qos);
            if (w_.counting()) {
                if (q > 2) w_.fail(codec_error::invalid_qos);
                check(w_, validate_topic_filter(sub.filter));
                if (v5_ && sub.retain_handling > 2) w_.fail(codec_error::protocol_error);
                // [MQTT-3.8.3-4]: no-local on a shared subscription is a protocol error.
                if (v5_ && sub.no_local && parse_shared_subscription(sub.filter))
                    w_.fail(codec_error::protocol_error);
            }
            w_.utf8_string(sub.filter);
            unsigned options = q;
            if (v5_) {
                options |= (sub.no_local ? 0x04u : 0u) | (sub.retain_as_published ? 0x08u : 0u) |
                           (unsigned{sub.retain_handling} << 4);
            }
            w_.u8(static_cast<std::uint8_t>(options));
        }
        return first_byte(pt::subscribe, 0x02);
    }

    std::uint8_t operator()(const suback& s) {
        if (w_.counting()) {
            if (s.packet_id == 0) w_.fail(codec_error::zero_packet_id);
            for (const auto code : s.return_codes) {
                const bool ok = v5_ ? reason_allowed(static_cast<reason_code>(code), pt::suback)
                                    : (code <= 2 || code == 0x80);
                if (!ok) w_.fail(codec_error::invalid_reason_code);
            }
        }
        w_.u16(s.packet_id);
        if (v5_) detail::write_properties(w_, s.props, pt::suback);
        w_.raw(s.return_codes);
        return first_byte(pt::suback);
    }

    std::uint8_t operator()(const unsubscribe& u) {
        if (w_.counting()) {
            if (u.packet_id == 0) w_.fail(codec_error::zero_packet_id);
            if (u.filters.empty()) w_.fail(codec_error::empty_subscription);
            for (const auto& f : u.filters) check(w_, validate_topic_filter(f));
        }
        w_.u16(u.packet_id);
        if (v5_) detail::write_properties(w_, u.props, pt::unsubscribe);
        for (const auto& f : u.filters) w_.utf8_string(f);
        return first_byte(pt::unsubscribe, 0x02);
    }

    std::uint8_t operator()(const unsuback& u) {
        if (w_.counting() && u.packet_id == 0) w_.fail(codec_error::zero_packet_id);
        w_.u16(u.packet_id);
        if (v5_) {
            detail::write_properties(w_, u.props, pt::unsuback);
            for (const auto rc : u.reasons) {
                if (w_.counting() && !reason_allowed(rc, pt::unsuback)) w_.fail(codec_error::invalid_reason_code);
                w_.u8(static_cast<std::uint8_t>(rc));
            }
        }
        return first_byte(pt::unsuback);
    }

    std::uint8_t operator()(const pingreq&) { return first_byte(pt::pingreq); }
    std::uint8_t operator()(const pingresp&) { return first_byte(pt::pingresp); }

    std::uint8_t operator()(const disconnect& d) {
        if (v5_) reason_and_properties(pt::disconnect, d.reason, d.props);
        return first_byte(pt::disconnect);
    }

    std::uint8_t operator()(const auth& a) {
        if (!v5_) w_.fail(codec_error::unknown_packet_type);  // AUTH exists only in MQTT 5
        reason_and_properties(pt::auth, a.reason, a.props);
        return first_byte(pt::auth);
    }

private:
    template <class Ack>
    std::uint8_t ack(pt type, const Ack& a) {
        if (w_.counting() && a.packet_id == 0) w_.fail(codec_error::zero_packet_id);
        w_.u16(a.packet_id);
        if (v5_) reason_and_properties(type, a.reason, a.props);
        return first_byte(type, type == pt::pubrel ? 0x02 : 0x00);
    }

    // The v5 tail shared by acks, DISCONNECT and AUTH: both omitted when success and no
    // properties, the properties omitted when empty.
    void reason_and_properties(pt type, reason_code rc, const properties& props) {
        if (w_.counting() && !reason_allowed(rc, type)) w_.fail(codec_error::invalid_reason_code);
        if (rc == reason_code::success && props.empty()) return;
        w_.u8(static_cast<std::uint8_t>(rc));
        if (!props.empty()) detail::write_properties(w_, props, type);
    }

    writer& w_;
    bool v5_;
};

std::uint8_t encode_body(writer& w, const packet& p, protocol_version v) {
    body_encoder enc(w, v);
    return std::visit(enc, p);
}

}  // namespace

boost::system::result<std::size_t> encoded_size(const packet& p, protocol_version version) {
    writer counter;
    encode_body(counter, p, version);
    if (!counter.ok()) return counter.error();
    if (counter.count() > max_remaining_length) return codec_error::remaining_length_too_long;
    return 1 + detail::varint_size(static_cast<std::uint32_t>(counter.count())) + counter.count();
}

boost::system::result<void> encode(const packet& p, protocol_version version, std::vector<std::uint8_t>& out) {
    writer counter;
    const std::uint8_t first = encode_body(counter, p, version);
    if (!counter.ok()) return counter.error();
    if (counter.count() > max_remaining_length) return codec_error::remaining_length_too_long;
    const auto remaining = static_cast<std::uint32_t>(counter.count());
    const std::size_t needed = out.size() + 1 + detail::varint_size(remaining) + remaining;
    if (needed > out.capacity()) out.reserve(std::max(needed, out.capacity() * 2));
    writer w(out);
    w.u8(first);
    w.varint(remaining);
    encode_body(w, p, version);
    return {};
}

boost::system::result<std::vector<std::uint8_t>> encode(const packet& p, protocol_version version) {
    std::vector<std::uint8_t> out;
    if (auto r = encode(p, version, out); !r) return r.error();
    return out;
}

}  // namespace wsmqtt::codec
