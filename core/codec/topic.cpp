#include "core/codec/topic.hpp"

#include <algorithm>

#include "core/codec/errors.hpp"
#include "core/codec/utf8.hpp"

namespace wsmqtt::codec {
namespace {

constexpr std::string_view share_prefix = "$share/";

// Checks wildcard placement level by level: '#' must be the whole last level, '+' a whole level.
bool wildcards_well_placed(std::string_view filter) noexcept {
    std::size_t level_start = 0;
    for (std::size_t i = 0; i < filter.size(); ++i) {
        const char c = filter[i];
        if (c == '/') {
            level_start = i + 1;
        } else if (c == '+') {
            const bool alone = i == level_start && (i + 1 == filter.size() || filter[i + 1] == '/');
            if (!alone) return false;
        } else if (c == '#') {
            if (i != level_start || i + 1 != filter.size()) return false;
        }
    }
    return true;
}

}  // namespace

boost::system::result<void> validate_topic_name(std::string_view topic) {
    if (topic.empty() || topic.size() > 0xFFFF) return codec_error::invalid_topic;
    if (topic.find_first_of("+#") != std::string_view::npos) return codec_error::invalid_topic;
    if (!is_valid_mqtt_utf8(topic)) return codec_error::invalid_utf8;
    return {};
}

boost::system::result<void> validate_topic_filter(std::string_view filter) {
    if (filter.empty() || filter.size() > 0xFFFF) return codec_error::invalid_topic_filter;
    if (!is_valid_mqtt_utf8(filter)) return codec_error::invalid_utf8;
    if (auto shared = parse_shared_subscription(filter)) {
        // [MQTT-4.8.2-1], [MQTT-4.8.2-2]: ShareName is at least one character, no '/', '+' or '#'.
        if (shared->group.empty() || shared->group.find_first_of("+#") != std::string_view::npos)
            return codec_error::invalid_topic_filter;
        if (shared->filter.empty()) return codec_error::invalid_topic_filter;
        filter = shared->filter;
    } else if (filter == "$share") {
        return codec_error::invalid_topic_filter;
    }
    if (!wildcards_well_placed(filter)) return codec_error::invalid_topic_filter;
    return {};
}

std::optional<shared_subscription> parse_shared_subscription(std::string_view filter) noexcept {
    if (!filter.starts_with(share_prefix)) return std::nullopt;
    const auto rest = filter.substr(share_prefix.size());
    const auto slash = rest.find('/');
    if (slash == std::string_view::npos) return shared_subscription{rest, {}};
    return shared_subscription{rest.substr(0, slash), rest.substr(slash + 1)};
}

bool topic_matches(std::string_view filter, std::string_view topic) noexcept {
    if (auto shared = parse_shared_subscription(filter)) filter = shared->filter;
    if (filter.empty() || topic.empty()) return false;
    // [MQTT-4.7.2-1]: wildcards at the first level do not match topics beginning with '$'.
    if (topic.front() == '$' && (filter.front() == '+' || filter.front() == '#')) return false;
    std::size_t f = 0;
    std::size_t t = 0;
    while (true) {
        const auto f_end = std::min(filter.find('/', f), filter.size());
        const auto level = filter.substr(f, f_end - f);
        if (level == "#") return true;  // also matches the parent level ("a/#" matches "a")
        const auto t_end = std::min(topic.find('/', t), topic.size());
        if (level != "+" && level != topic.substr(t, t_end - t)) return false;
        const bool filter_done = f_end == filter.size();
        const bool topic_done = t_end == topic.size();
        if (filter_done || topic_done) {
            if (filter_done && topic_done) return true;
            if (topic_done && !filter_done) {
                // Only a trailing "/#" may still match ("a/#" matches "a").
                return filter.substr(f_end) == "/#";
            }
            return false;
        }
        f = f_end + 1;
        t = t_end + 1;
    }
}

}  // namespace wsmqtt::codec
