#pragma once
// Control packet types as carried in the high nibble of the fixed header's first byte.
#include <cstdint>
#include <string_view>

namespace wsmqtt::codec {

enum class packet_type : std::uint8_t {
    connect = 1,
    connack = 2,
    publish = 3,
    puback = 4,
    pubrec = 5,
    pubrel = 6,
    pubcomp = 7,
    subscribe = 8,
    suback = 9,
    unsubscribe = 10,
    unsuback = 11,
    pingreq = 12,
    pingresp = 13,
    disconnect = 14,
    auth = 15,
};

// Upper-case names as the spec writes them ("CONNACK"); "RESERVED" for 0, "UNKNOWN" otherwise.
std::string_view packet_type_name(packet_type t) noexcept;

}  // namespace wsmqtt::codec
