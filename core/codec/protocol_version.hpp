#pragma once
// Wire-level enumerations shared by every packet: the protocol level carried in CONNECT and QoS.
#include <cstdint>
#include <string_view>

namespace wsmqtt::codec {

// The CONNECT "protocol level" byte. 3.1 uses protocol name "MQIsdp"; 3.1.1 and 5 use "MQTT".
enum class protocol_version : std::uint8_t { v31 = 3, v311 = 4, v5 = 5 };

enum class qos : std::uint8_t { at_most_once = 0, at_least_once = 1, exactly_once = 2 };

constexpr bool is_v5(protocol_version v) noexcept { return v == protocol_version::v5; }

constexpr bool is_valid_qos(std::uint8_t q) noexcept { return q <= 2; }

// "3.1", "3.1.1", "5" (for diagnostics).
constexpr std::string_view version_name(protocol_version v) noexcept {
    switch (v) {
    case protocol_version::v31: return "3.1";
    case protocol_version::v311: return "3.1.1";
    case protocol_version::v5: return "5";
    }
    return "unknown";
}

}  // namespace wsmqtt::codec
