#pragma once
// MQTT UTF-8 rules (spec 1.5.4): well-formed UTF-8 (no overlong forms, no surrogates
// U+D800..U+DFFF, nothing above U+10FFFF) and no U+0000 [MQTT-1.5.4-1, -2].
#include <string_view>

namespace wsmqtt::codec {

bool is_valid_mqtt_utf8(std::string_view s) noexcept;

}  // namespace wsmqtt::codec
