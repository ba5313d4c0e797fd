#pragma once
// One struct per MQTT control packet, 3.1.1 and 5.0 side by side. Fields that only 5.0 carries
// (properties, reason codes) are ignored when encoding for 3.1/3.1.1 and come back empty/success
// when decoding 3.1/3.1.1.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/codec/packet_type.hpp"
#include "core/codec/properties.hpp"
#include "core/codec/protocol_version.hpp"
#include "core/codec/reason_code.hpp"

namespace wsmqtt::codec {

struct will_message {
    std::string topic;
    std::vector<std::uint8_t> payload;
    codec::qos qos = qos::at_most_once;
    bool retain = false;
    properties props;  // will properties (v5)
    bool operator==(const will_message&) const = default;
};

struct connect {
    protocol_version version = protocol_version::v311;  // encode and decode use this, not the stream's
    std::string client_id;
    bool clean_start = true;  // "clean session" in 3.1.1
    std::uint16_t keep_alive = 60;
    std::optional<std::string> username;
    std::optional<std::vector<std::uint8_t>> password;
    std::optional<will_message> will;
    properties props;
    bool operator==(const connect&) const = default;
};

struct connack {
    bool session_present = false;
    std::uint8_t return_code = 0;  // 3.1.1 return code (0..5) or 5.0 reason code, raw byte
    properties props;
    bool operator==(const connack&) const = default;
};

struct publish {
    std::string topic;  // may be empty in v5 when props.topic_alias is set
    std::vector<std::uint8_t> payload;
    codec::qos qos = qos::at_most_once;
    bool retain = false;
    bool dup = false;
    std::uint16_t packet_id = 0;  // only on the wire for QoS 1 and 2; must then be non-zero
    properties props;
    bool operator==(const publish&) const = default;
};

// PUBACK, PUBREC, PUBREL, PUBCOMP share a layout. In v5 the reason code and properties are
// omitted on the wire when they are success / empty (remaining length 2, 3 or 4+).
struct puback {
    std::uint16_t packet_id = 0;
    reason_code reason = reason_code::success;
    properties props;
    bool operator==(const puback&) const = default;
};
struct pubrec {
    std::uint16_t packet_id = 0;
    reason_code reason = reason_code::success;
    properties props;
    bool operator==(const pubrec&) const = default;
};
struct pubrel {
    std::uint16_t packet_id = 0;
    reason_code reason = reason_code::success;
    properties props;
    bool operator==(const pubrel&) const = default;
};
struct pubcomp {
    std::uint16_t packet_id = 0;
    reason_code reason = reason_code::success;
    properties props;
    bool operator==(const pubcomp&) const = default;
};

struct subscription {
    std::string filter;
    qos max_qos = qos::at_most_once;
    bool no_local = false;             // v5
    bool retain_as_published = false;  // v5
    std::uint8_t retain_handling = 0;  // v5: 0, 1 or 2
    bool operator==(const subscription&) const = default;
};

struct subscribe {
    std::uint16_t packet_id = 0;
    std::vector<subscription> subscriptions;  // at least one
    properties props;
    bool operator==(const subscribe&) const = default;
};

struct suback {
    std::uint16_t packet_id = 0;
    std::vector<std::uint8_t> return_codes;  // 3.1.1: 0,1,2,0x80; 5.0: SUBACK reason codes
    properties props;
    bool operator==(const suback&) const = default;
};

struct unsubscribe {
    std::uint16_t packet_id = 0;
    std::vector<std::string> filters;  // at least one
    properties props;
    bool operator==(const unsubscribe&) const = default;
};

struct unsuback {
    std::uint16_t packet_id = 0;
    std::vector<reason_code> reasons;  // v5 only; empty under 3.1.1
    properties props;
    bool operator==(const unsuback&) const = default;
};

struct pingreq {
    bool operator==(const pingreq&) const = default;
};
struct pingresp {
    bool operator==(const pingresp&) const = default;
};

struct disconnect {
    reason_code reason = reason_code::normal_disconnection;
    properties props;
    bool operator==(const disconnect&) const = default;
};

struct auth {  // v5 only
    reason_code reason = reason_code::success;
    properties props;
    bool operator==(const auth&) const = default;
};

// Alternative index + 1 == packet_type value.
using packet = std::variant<connect, connack, publish, puback, pubrec, pubrel, pubcomp, subscribe,
                            suback, unsubscribe, unsuback, pingreq, pingresp, disconnect, auth>;

inline packet_type type_of(const packet& p) noexcept {
    return static_cast<packet_type>(p.index() + 1);
}

}  // namespace wsmqtt::codec
