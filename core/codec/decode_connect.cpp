// CONNECT is the one packet that decides its own protocol version, so it has its own file.
#include "core/codec/decode_internal.hpp"
#include "core/codec/property_wire.hpp"
#include "core/codec/topic.hpp"

namespace wsmqtt::codec::detail {

connect decode_connect(reader& r) {
    connect c;
    const std::string name = r.utf8_string();
    const std::uint8_t level = r.u8();
    if (!r.ok()) return c;
    if (level < 3 || level > 5) {
        r.fail(name == "MQTT" || name == "MQIsdp" ? codec_error::protocol_version_unsupported
                                                 : codec_error::invalid_protocol_name);
        return c;
    }
    // 3.1 calls itself "MQIsdp"; 3.1.1 and 5 call themselves "MQTT" [MQTT-3.1.2-1].
    if (name != (level == 3 ? "MQIsdp" : "MQTT")) {
        r.fail(codec_error::invalid_protocol_name);
        return c;
    }
    c.version = static_cast<protocol_version>(level);
    const bool v5 = is_v5(c.version);

    const std::uint8_t flags = r.u8();
    c.keep_alive = r.u16();
    if (!r.ok()) return c;
    if (flags & 0x01) return r.fail(codec_error::reserved_flags), c;  // [MQTT-3.1.2-3]
    c.clean_start = (flags & 0x02) != 0;
    const bool has_will = (flags & 0x04) != 0;
    const unsigned will_qos = (flags >> 3) & 0x03u;
    const bool will_retain = (flags & 0x20) != 0;
    const bool has_password = (flags & 0x40) != 0;
    const bool has_username = (flags & 0x80) != 0;
    if (will_qos == 3) return r.fail(codec_error::invalid_qos), c;  // [MQTT-3.1.2-14]
    if (!has_will && (will_qos != 0 || will_retain)) return r.fail(codec_error::invalid_will), c;  // [MQTT-3.1.2-13,-15]
    if (!v5 && has_password && !has_username) return r.fail(codec_error::password_without_username), c;  // [MQTT-3.1.2-22]

    if (v5) c.props = read_properties(r, packet_type::connect);
    c.client_id = r.utf8_string();
    if (has_will) {
        will_message w;
        if (v5) w.props = read_properties(r, packet_type::connect, true);
        w.topic = r.utf8_string();
        w.payload = r.binary();
        w.qos = static_cast<qos>(will_qos);
        w.retain = will_retain;
        if (r.ok() && !validate_topic_name(w.topic)) r.fail(codec_error::invalid_topic);
        c.will = std::move(w);
    }
    if (has_username) c.username = r.utf8_string();
    if (has_password) c.password = r.binary();
    return c;
}

}  // namespace wsmqtt::codec::detail
