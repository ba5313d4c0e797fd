#pragma once
// --stamp: a small binary header at the front of a payload, so that a subscriber can measure
// end-to-end latency and tell lost, duplicated and reordered messages apart per publisher.
//
// Layout (28 bytes, every integer big-endian; this comment is the reference):
//   offset  size  field
//        0     4  magic "wsS1" (0x77 0x73 0x53 0x31): marks a stamped payload, version 1
//        4     4  run id: random per publishing process, so two runs never share a publisher key
//        8     4  publisher: the client's number within its run (1..N)
//       12     8  sequence number: 0, 1, 2, ... per publisher
//       20     8  send time: nanoseconds since the Unix epoch (CLOCK_REALTIME), taken just
//                 before the PUBLISH was handed to the session
// Anything after byte 28 is filler or the -m text. Pure: no clock is read here.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace wsmqtt::load {

inline constexpr std::size_t stamp_size = 28;
inline constexpr std::array<std::uint8_t, 4> stamp_magic{0x77, 0x73, 0x53, 0x31};

struct stamp {
    std::uint32_t run = 0;
    std::uint32_t publisher = 0;
    std::uint64_t sequence = 0;
    std::uint64_t sent_ns = 0;
    friend bool operator==(const stamp&, const stamp&) = default;
};

// Writes the header into the first stamp_size bytes of `out` (which must hold that many).
void write_stamp(std::span<std::uint8_t> out, const stamp& s) noexcept;

// The header at the front of `payload`, or nullopt when the payload is shorter or lacks the magic.
std::optional<stamp> read_stamp(std::span<const std::uint8_t> payload) noexcept;

}  // namespace wsmqtt::load
