#pragma once
// Small text helpers for the one-line messages the session produces.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/codec/packet_type.hpp"
#include "core/codec/reason_code.hpp"

namespace wsmqtt::session::detail {

// "0x87"
std::string hex_byte(std::uint8_t v);
// "(0x87) not authorized"
std::string reason_text(codec::reason_code rc, codec::packet_type in);
// "30 s", "1.5 s", "250 ms"
std::string duration_text(std::chrono::milliseconds d);
std::string packet_name(codec::packet_type t);

}  // namespace wsmqtt::session::detail
