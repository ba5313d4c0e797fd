#include "core/codec/decoder.hpp"

#include "core/codec/decode_internal.hpp"
#include "core/codec/property_wire.hpp"
#include "core/codec/topic.hpp"

namespace wsmqtt::codec {
namespace {

using detail::reader;
using pt = packet_type;

bool sent_by_client(pt t, bool v5) noexcept {
    switch (t) {
    case pt::connack:
    case pt::suback:
    case pt::unsuback:
    case pt::pingresp: return false;
    case pt::auth: return v5;
    default: return true;
    }
}

bool sent_by_server(pt t, bool v5) noexcept {
    switch (t) {
    case pt::connect:
    case pt::subscribe:
    case pt::unsubscribe:
    case pt::pingreq: return false;
    case pt::disconnect:  // a 3.1.1 server closes the connection instead
    case pt::auth: return v5;
    default: return true;
    }
}

// [MQTT-2.2.2-1], [MQTT-2.2.2-2]: fixed-header flags are fixed for every type but PUBLISH.
std::uint8_t required_flags(pt t) noexcept {
    return (t == pt::pubrel || t == pt::subscribe || t == pt::unsubscribe) ? 0x02 : 0x00;
}

std::uint16_t packet_id(reader& r) {
    const auto id = r.u16();
    if (r.ok() && id == 0) r.fail(codec_error::zero_packet_id);
    return id;
}

reason_code read_reason(reader& r, pt in) {
    const auto rc = static_cast<reason_code>(r.u8());
    if (r.ok() && !reason_allowed(rc, in)) r.fail(codec_error::invalid_reason_code);
    return rc;
}

class body_decoder {
public:
    body_decoder(reader& r, std::uint8_t flags, protocol_version v, sender from) noexcept
        : r_(r), flags_(flags), v5_(is_v5(v)), from_(from) {}

    packet decode(pt type) {
        switch (type) {
        case pt::connect: return detail::decode_connect(r_);
        case pt::connack: return decode_connack();
        case pt::publish: return decode_publish();
        case pt::puback: return ack<puback>(type);
        case pt::pubrec: return ack<pubrec>(type);
        case pt::pubrel: return ack<pubrel>(type);
        case pt::pubcomp: return ack<pubcomp>(type);
        case pt::subscribe: return decode_subscribe();
        case pt::suback: return decode_suback();
        case pt::unsubscribe: return decode_unsubscribe();
        case pt::unsuback: return decode_unsuback();
        case pt::pingreq: return pingreq{};
        case pt::pingresp: return pingresp{};
        case pt::disconnect: {
            disconnect d;
            if (v5_) reason_and_properties(type, d.reason, d.props);
            return d;
        }
        case pt::auth: {
            auth a;
            reason_and_properties(type, a.reason, a.props);
            return a;
        }
        }
        r_.fail(codec_error::unknown_packet_type);
        return pingreq{};
    }

private:
    connack decode_connack() {
        connack c;
        const auto ack_flags = r_.u8();
        if (r_.ok() && (ack_flags & 0xFE) != 0) r_.fail(codec_error::reserved_flags);  // [MQTT-3.2.2-1]
        c.session_present = (ack_flags & 0x01) != 0;
        if (v5_) {
            c.return_code = static_cast<std::uint8_t>(read_reason(r_, pt::connack));
            c.props = detail::read_properties(r_, pt::connack);
        } else {
            c.return_code = r_.u8();  // 6..255 are reserved but reported as they are
        }
        return c;
    }

    publish decode_publish() {
        publish p;
        p.dup = (flags_ & 0x08) != 0;
        const unsigned q = (flags_ >> 1) & 0x03u;
        p.retain = (flags_ & 0x01) != 0;
        if (q == 3) return r_.fail(codec_error::invalid_qos), p;  // [MQTT-3.3.1-4]
        if (q == 0 && p.dup) return r_.fail(codec_error::invalid_dup), p;  // [MQTT-3.3.1-2]
        p.qos = static_cast<qos>(q);
        p.topic = r_.utf8_string();
        if (q > 0) p.packet_id = packet_id(r_);
        if (v5_) {
            p.props = detail::read_properties(r_, pt::publish);
            // [MQTT-3.3.4-6]: only the server adds subscription identifiers.
            if (r_.ok() && from_ == sender::client && !p.props.subscription_identifiers.empty())
                r_.fail(codec_error::protocol_error);
        }
        if (!r_.ok()) return p;
        const bool aliased = v5_ && p.topic.empty() && p.props.topic_alias;
        if (!aliased && !validate_topic_name(p.topic)) r_.fail(codec_error::invalid_topic);
        const auto payload = r_.rest();
        p.payload.assign(payload.begin(), payload.end());
        return p;
    }

    template <class Ack>
    Ack ack(pt type) {
        Ack a;
        a.packet_id = packet_id(r_);
        if (v5_) reason_and_properties(type, a.reason, a.props);
        return a;
    }

    // v5 acks, DISCONNECT and AUTH: reason code and properties are optional at the end.
    void reason_and_properties(pt type, reason_code& rc, properties& props) {
        if (!r_.ok() || r_.at_end()) return;
        rc = read_reason(r_, type);
        if (!r_.ok() || r_.at_end()) return;
        props = detail::read_properties(r_, type);
    }

    subscribe decode_subscribe() {
        subscribe s;
        s.packet_id = packet_id(r_);
        if (v5_) s.props = detail::read_properties(r_, pt::subscribe);
        while (r_.ok() && !r_.at_end()) {
            subscription sub;
            sub.filter = r_.utf8_string();
            const auto options = r_.u8();
            if (!r_.ok()) break;
            // 3.1.1: bits 2-7 reserved [MQTT-3.8.3-4]; 5: bits 6-7 reserved [MQTT-3.8.3-5].
            if ((options & (v5_ ? 0xC0 : 0xFC)) != 0) return r_.fail(codec_error::reserved_flags), s;
            if ((options & 0x03) == 3) return r_.fail(codec_error::invalid_qos), s;
            sub.max_qos = static_cast<qos>(options & 0x03);
            sub.no_local = (options & 0x04) != 0;
            sub.retain_as_published = (options & 0x08) != 0;
            sub.retain_handling = static_cast<std::uint8_t>((options >> 4) & 0x03);
            if (sub.retain_handling == 3) return r_.fail(codec_error::protocol_error), s;
            if (!validate_topic_filter(sub.filter)) return r_.fail(codec_error::invalid_topic_filter), s;
            if (sub.no_local && parse_shared_subscription(sub.filter))
                return r_.fail(codec_error::protocol_error), s;  // [MQTT-3.8.3-4] (v5)
            s.subscriptions.push_back(std::move(sub));
        }
        if (r_.ok() && s.subscriptions.empty()) r_.fail(codec_error::empty_subscription);  // [MQTT-3.8.3-3]
        return s;
    }

    suback decode_suback() {
        suback s;
        s.packet_id = packet_id(r_);
        if (v5_) s.props = detail::read_properties(r_, pt::suback);
        const auto codes = r_.rest();
        for (const auto code : codes) {
            const bool ok = v5_ ? reason_allowed(static_cast<reason_code>(code), pt::suback)
                                : (code <= 2 || code == 0x80);  // [MQTT-3.9.3-2]
            if (!ok) return r_.fail(codec_error::invalid_reason_code), s;
        }
        s.return_codes.assign(codes.begin(), codes.end());
        return s;
    }

    unsubscribe decode_unsubscribe() {
        unsubscribe u;
        u.packet_id = packet_id(r_);
        if (v5_) u.props = detail::read_properties(r_, pt::unsubscribe);
        while (r_.ok() && !r_.at_end()) {
            auto filter = r_.utf8_string();
            if (!r_.ok()) break;
            if (!validate_topic_filter(filter)) return r_.fail(codec_error::invalid_topic_filter), u;
            u.filters.push_back(std::move(filter));
        }
        if (r_.ok() && u.filters.empty()) r_.fail(codec_error::empty_subscription);  // [MQTT-3.10.3-2]
        return u;
    }

    unsuback decode_unsuback() {
        unsuback u;
        u.packet_id = packet_id(r_);
        if (!v5_) return u;
        u.props = detail::read_properties(r_, pt::unsuback);
        while (r_.ok() && !r_.at_end()) u.reasons.push_back(read_reason(r_, pt::unsuback));
        return u;
    }

    reader& r_;
    std::uint8_t flags_;
    bool v5_;
    sender from_;
};

}  // namespace

boost::system::result<std::optional<fixed_header>> parse_fixed_header(std::span<const std::uint8_t> bytes) {
    if (bytes.size() < 2) return std::nullopt;
    fixed_header h;
    h.first_byte = bytes[0];
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        if (1 + i >= bytes.size()) return std::nullopt;
        const std::uint8_t b = bytes[1 + i];
        value |= std::uint32_t{b & 0x7Fu} << (7 * i);
        if ((b & 0x80u) == 0) {
            h.remaining_length = value;
            h.header_size = static_cast<std::uint8_t>(2 + i);
            return h;
        }
    }
    // A continuation bit on the fourth length byte: more than 268,435,455 [MQTT-1.5.5].
    return codec_error::malformed_varint;
}

boost::system::result<void> check_first_byte(std::uint8_t first_byte, protocol_version version, sender from) {
    const auto type_value = static_cast<unsigned>(first_byte >> 4);
    const auto flags = static_cast<std::uint8_t>(first_byte & 0x0F);
    const bool v5 = is_v5(version);
    if (type_value == 0 || (type_value == 15 && !v5)) return codec_error::unknown_packet_type;
    const auto type = static_cast<pt>(type_value);
    const bool direction_ok = from == sender::client ? sent_by_client(type, v5) : sent_by_server(type, v5);
    if (!direction_ok) return codec_error::unexpected_packet;
    if (type != pt::publish && flags != required_flags(type)) return codec_error::reserved_flags;
    if (type == pt::publish && ((flags >> 1) & 0x03u) == 3) return codec_error::invalid_qos;
    return {};
}

boost::system::result<packet> decode_body(std::uint8_t first_byte, std::span<const std::uint8_t> body,
                                          protocol_version version, sender from) {
    if (auto ok = check_first_byte(first_byte, version, from); !ok) return ok.error();
    const auto type = static_cast<pt>(first_byte >> 4);
    const auto flags = static_cast<std::uint8_t>(first_byte & 0x0F);
    reader r(body);
    body_decoder d(r, flags, version, from);
    packet p = d.decode(type);
    if (r.ok() && !r.at_end()) r.fail(codec_error::length_mismatch);
    if (!r.ok()) {
        // A field that runs past the body means the remaining length disagreed with it.
        return r.error();
    }
    return p;
}

boost::system::result<packet> decode(std::span<const std::uint8_t> one_whole_packet, protocol_version version,
                                     sender from) {
    auto header = parse_fixed_header(one_whole_packet);
    if (!header) return header.error();
    if (!*header) return codec_error::truncated_packet;
    const auto& h = **header;
    if (std::size_t{h.header_size} + h.remaining_length != one_whole_packet.size())
        return codec_error::length_mismatch;
    return decode_body(h.first_byte, one_whole_packet.subspan(h.header_size), version, from);
}

}  // namespace wsmqtt::codec
