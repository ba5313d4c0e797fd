#pragma once
// Packet -> bytes. Validates what it writes (string lengths, UTF-8, QoS, packet ids, property
// allow-list and values, remaining length) before appending anything: on error `out` is unchanged.
#include <boost/system/result.hpp>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/codec/packets.hpp"
#include "core/codec/protocol_version.hpp"

namespace wsmqtt::codec {

// Largest remaining length a variable byte integer can carry, and the largest whole packet.
inline constexpr std::uint32_t max_remaining_length = 268'435'455;
inline constexpr std::size_t max_packet_size = 268'435'460;

// Appends one complete packet to `out`; grows `out` at most once. A CONNECT is encoded with its
// own `version` field; every other packet with `version`.
boost::system::result<void> encode(const packet& p, protocol_version version,
                                   std::vector<std::uint8_t>& out);

boost::system::result<std::vector<std::uint8_t>> encode(const packet& p, protocol_version version);

// Size of the whole encoded packet (fixed header included), with the same validation as encode.
boost::system::result<std::size_t> encoded_size(const packet& p, protocol_version version);

}  // namespace wsmqtt::codec
