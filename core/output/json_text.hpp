#pragma once
// Byte-level helpers for the JSON and text renderings: UTF-8 validation, a JSON string escaper
// that never emits invalid JSON, base64 and hex, and a whitespace-only pretty printer.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace wsmqtt::output {

using bytes_view = std::span<const std::uint8_t>;

inline std::string_view as_chars(bytes_view b) noexcept {
    return {reinterpret_cast<const char*>(b.data()), b.size()};
}

// Well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
// Unlike MQTT strings, U+0000 is allowed: payloads are not MQTT strings.
bool is_valid_utf8(std::string_view s) noexcept;

// Appends `s` as a quoted JSON string. Control characters are escaped; each byte that is not part
// of well-formed UTF-8 becomes U+FFFD, so the result is always valid JSON.
void append_json_string(std::string& out, std::string_view s);

// Standard base64 with padding (RFC 4648 section 4), via OpenSSL.
void append_base64(std::string& out, bytes_view data);

// Two hex digits per byte, no separators.
void append_hex(std::string& out, bytes_view data, bool upper);

// Copies valid JSON text with every whitespace outside strings removed, so a payload that spans
// lines still renders on one line. Precondition: `json` is valid JSON.
void append_compact_json(std::string& out, std::string_view json);

// Re-indents valid compact JSON (two spaces per level, "key": value). Numbers and strings are
// copied as they are (no re-serialisation that would turn 1.0 into 1E0).
void append_pretty_json(std::string& out, std::string_view compact_json);

}  // namespace wsmqtt::output
