#pragma once
// Internal: the properties block of a packet (varint length, then id/value pairs).
#include "core/codec/packet_type.hpp"
#include "core/codec/properties.hpp"
#include "core/codec/wire.hpp"

namespace wsmqtt::codec::detail {

// Reads the property length and the properties; checks identifiers (unknown_property), the
// once-only rule (duplicate_property), the allow-list for `in` (or will properties) and values.
properties read_properties(reader& r, packet_type in, bool in_will = false);

// Writes the property length and the properties in identifier order. In the counting pass it
// validates with validate_properties(props, in, in_will).
void write_properties(writer& w, const properties& props, packet_type in, bool in_will = false);

}  // namespace wsmqtt::codec::detail
