#pragma once
// The two JSON shapes of a message: mosquitto's %j/%J object and our NDJSON (--format json).
// Both are hand-streamed into `out` (the per-message hot path); the tests parse every one back
// with Boost.JSON.
#include <cstdint>
#include <string>

#include "core/output/received_message.hpp"
#include "core/output/time_text.hpp"

namespace wsmqtt::output {

// How --format json writes the payload. `auto_detect`: a JSON string when the payload is valid
// UTF-8, else base64. `utf8` forced on invalid UTF-8 replaces each bad byte with U+FFFD (lossy,
// never an error). The object always says which one it used in "payload_encoding".
enum class payload_encoding : std::uint8_t { auto_detect, utf8, base64, hex };

// mosquitto's %j (payload_is_json = false) and %J (true), one line:
//   {"tst":"<RFC 3339 UTC µs>","topic":..,"qos":N,"retain":0|1,"payloadlen":N[,"mid":N]
//    [,"properties":{..}],"payload":..}
// %j payload: null when empty, a string when valid UTF-8, else an array of byte values.
// %J payload: the payload's own JSON (whitespace outside strings dropped), null when empty.
// Returns false, appending nothing, when %J's payload is not valid JSON.
bool append_mosquitto_json(std::string& out, const received_message& m, const split_time& t,
                           bool payload_is_json);

// One --format json object, no trailing newline:
//   {"topic":..,"payload":..,"payload_encoding":"utf8|base64|hex","qos":N,"retain":b,"dup":b,
//    ["message_id":N,]"payload_length":N,"received_at":"2026-11-25T18:30:00.123456Z"
//    [,"properties":{..}]}
void append_message_json(std::string& out, const received_message& m, const split_time& t,
                         payload_encoding encoding);

}  // namespace wsmqtt::output
