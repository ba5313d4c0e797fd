#pragma once
// Topic names and topic filters (spec 4.7) and shared subscriptions (spec 4.8.2).
#include <boost/system/result.hpp>

#include <optional>
#include <string_view>

namespace wsmqtt::codec {

// Non-empty, no '+' or '#', valid MQTT UTF-8, at most 65,535 bytes. Error: invalid_topic
// (invalid_utf8 for bad UTF-8).
boost::system::result<void> validate_topic_name(std::string_view topic);

// Non-empty; '#' only as the whole last level; '+' only as a whole level; valid UTF-8; at most
// 65,535 bytes; "$share/<group>/<filter>" needs a non-empty group without wildcards or '/' and a
// non-empty valid filter. Error: invalid_topic_filter (invalid_utf8 for bad UTF-8).
boost::system::result<void> validate_topic_filter(std::string_view filter);

struct shared_subscription {
    std::string_view group;
    std::string_view filter;
};

// "$share/g/a/b" -> {group "g", filter "a/b"}; nullopt when `filter` is not a shared
// subscription (it does not start with "$share/"). Does not validate the parts.
std::optional<shared_subscription> parse_shared_subscription(std::string_view filter) noexcept;

// Does `filter` match `topic`? Wildcards per spec 4.7.1; a topic starting with '$' is not
// matched by a filter starting with '+' or '#' [MQTT-4.7.2-1]. A shared subscription matches as
// its inner filter. Assumes both are valid.
bool topic_matches(std::string_view filter, std::string_view topic) noexcept;

}  // namespace wsmqtt::codec
