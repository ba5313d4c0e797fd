#pragma once
// Internal: per-packet body decoders shared by decoder.cpp and decode_connect.cpp.
#include "core/codec/decoder.hpp"
#include "core/codec/wire.hpp"

namespace wsmqtt::codec::detail {

connect decode_connect(reader& r);

}  // namespace wsmqtt::codec::detail
