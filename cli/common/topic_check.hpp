#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace wsmqtt::cli {

// MQTT's UTF-8 rule for strings (MQTT 3.1.1 1.5.3, 5.0 1.5.4): well-formed UTF-8, no
// surrogates, no U+0000.
bool is_mqtt_utf8(std::string_view text) noexcept;

// Why a topic name (PUBLISH, will) is not allowed, or nullopt. A short phrase that reads
// after the topic: "topic 'a/+' " + *problem. Checks: non-empty, at most 65535 bytes,
// MQTT UTF-8, no '+' or '#'.
std::optional<std::string> topic_name_problem(std::string_view topic);

// The same for a topic filter (SUBSCRIBE): '+' alone in its level, '#' alone and last.
std::optional<std::string> topic_filter_problem(std::string_view filter);

}  // namespace wsmqtt::cli
