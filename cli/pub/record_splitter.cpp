#include "cli/pub/record_splitter.hpp"

#include <algorithm>

namespace wsmqtt::cli {

void record_splitter::feed(std::span<const std::uint8_t> chunk, std::deque<bytes>& out) {
    auto begin = chunk.begin();
    for (;;) {
        const auto sep = std::find(begin, chunk.end(), separator_);
        if (sep == chunk.end()) {
            partial_.insert(partial_.end(), begin, chunk.end());
            return;
        }
        if (partial_.empty()) {
            out.emplace_back(begin, sep);
        } else {
            partial_.insert(partial_.end(), begin, sep);
            out.push_back(std::move(partial_));
            partial_.clear();
        }
        begin = sep + 1;
    }
}

void record_splitter::finish(std::deque<bytes>& out) {
    if (partial_.empty()) return;
    out.push_back(std::move(partial_));
    partial_.clear();
}

std::optional<topic_and_payload> split_line_topic(const bytes& record, std::string_view separator) {
    if (separator.empty()) return std::nullopt;
    const auto at = std::search(record.begin(), record.end(), separator.begin(), separator.end(),
                                [](std::uint8_t a, char b) { return a == static_cast<std::uint8_t>(b); });
    if (at == record.end()) return std::nullopt;
    topic_and_payload out;
    out.topic.assign(record.begin(), at);
    out.payload.assign(at + static_cast<std::ptrdiff_t>(separator.size()), record.end());
    return out;
}

}  // namespace wsmqtt::cli
