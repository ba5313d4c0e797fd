#include "cli/common/topic_check.hpp"

#include <cstdint>

namespace wsmqtt::cli {

bool is_mqtt_utf8(std::string_view text) noexcept {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == 0) return false;
        std::size_t length = 0;
        std::uint32_t code = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            length = 2;
            code = c & 0x1Fu;
        } else if ((c & 0xF0) == 0xE0) {
            length = 3;
            code = c & 0x0Fu;
        } else if ((c & 0xF8) == 0xF0) {
            length = 4;
            code = c & 0x07u;
        } else {
            return false;
        }
        if (i + length > text.size()) return false;
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80) return false;
            code = (code << 6) | (next & 0x3Fu);
        }
        // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
        if ((length == 2 && code < 0x80) || (length == 3 && code < 0x800) || (length == 4 && code < 0x10000))
            return false;
        if (code >= 0xD800 && code <= 0xDFFF) return false;
        if (code > 0x10FFFF) return false;
        i += length;
    }
    return true;
}

namespace {

std::optional<std::string> common_problem(std::string_view topic) {
    if (topic.empty()) return "is empty";
    if (topic.size() > 65535) return "is longer than 65535 bytes";
    if (topic.find('\0') != std::string_view::npos) return "contains a NUL character";
    if (!is_mqtt_utf8(topic)) return "is not valid UTF-8";
    return std::nullopt;
}

}  // namespace

std::optional<std::string> topic_name_problem(std::string_view topic) {
    if (auto problem = common_problem(topic)) return problem;
    if (topic.find_first_of("+#") != std::string_view::npos)
        return "contains a wildcard ('+' or '#'), which only subscriptions may use";
    return std::nullopt;
}

std::optional<std::string> topic_filter_problem(std::string_view filter) {
    if (auto problem = common_problem(filter)) return problem;
    std::size_t level_start = 0;
    while (true) {
        const auto slash = filter.find('/', level_start);
        const auto level = filter.substr(
            level_start, slash == std::string_view::npos ? std::string_view::npos : slash - level_start);
        if (level.find('#') != std::string_view::npos) {
            if (level != "#" || slash != std::string_view::npos)
                return "has '#' where it is not allowed: '#' must be alone in the last level (a/#)";
        }
        if (level.find('+') != std::string_view::npos && level != "+")
            return "has '+' where it is not allowed: '+' must be alone in its level (a/+/b)";
        if (slash == std::string_view::npos) break;
        level_start = slash + 1;
    }
    return std::nullopt;
}

}  // namespace wsmqtt::cli
