#pragma once
// Bytes of exactly one packet -> packet. Every MUST of the spec that can be checked from the
// bytes alone is checked; the first violation is returned as a codec_error.
#include <boost/system/result.hpp>

#include <cstdint>
#include <optional>
#include <span>

#include "core/codec/packets.hpp"
#include "core/codec/protocol_version.hpp"

namespace wsmqtt::codec {

// Who sent the bytes. A client-side decoder uses sender::server (it accepts CONNACK, SUBACK, ...);
// a broker-side decoder (test brokers) uses sender::client (CONNECT, SUBSCRIBE, ...).
enum class sender : std::uint8_t { client, server };

// `one_whole_packet` holds the fixed header and exactly `remaining length` more bytes.
// A CONNECT decodes with the version it carries, whatever `version` says.
boost::system::result<packet> decode(std::span<const std::uint8_t> one_whole_packet,
                                     protocol_version version, sender from);

// The body (variable header + payload) of a packet whose fixed header was already parsed:
// `first_byte` is the fixed header's first byte (type and flags).
boost::system::result<packet> decode_body(std::uint8_t first_byte, std::span<const std::uint8_t> body,
                                          protocol_version version, sender from);

// Checks the fixed header's first byte alone: a known type for `version`, one `from` may send,
// and the flags that type requires. The stream decoder calls it as soon as one byte is there, so
// garbage (say "HTTP/1.1 ...") fails at once instead of waiting for a body that never comes.
boost::system::result<void> check_first_byte(std::uint8_t first_byte, protocol_version version, sender from);

// Result of parsing the fixed header at the front of `bytes`.
struct fixed_header {
    std::uint8_t first_byte = 0;          // type << 4 | flags
    std::uint32_t remaining_length = 0;
    std::uint8_t header_size = 0;         // 2..5 bytes
};

// nullopt: not enough bytes yet. Errors: malformed_varint (a fifth length byte).
// Accepts non-minimal length encodings (see core/codec/README.md).
boost::system::result<std::optional<fixed_header>> parse_fixed_header(
    std::span<const std::uint8_t> bytes);

}  // namespace wsmqtt::codec
