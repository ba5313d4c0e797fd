#include "cli/load/sequence_tracker.hpp"

#include <algorithm>

namespace wsmqtt::load {

sequence_counts& sequence_counts::operator+=(const sequence_counts& o) noexcept {
    received += o.received;
    unique += o.unique;
    duplicates += o.duplicates;
    reordered += o.reordered;
    lost += o.lost;
    highest = std::max(highest, o.highest);
    return *this;
}

sequence_tracker::verdict sequence_tracker::record(std::uint64_t sequence) {
    ++received_;
    const auto word = static_cast<std::size_t>(sequence / 64);
    const std::uint64_t bit = std::uint64_t{1} << (sequence % 64);
    if (word >= seen_.size()) seen_.resize(std::max(word + 1, seen_.size() * 2), 0);
    if (seen_[word] & bit) {
        ++duplicates_;
        return verdict::duplicate;
    }
    seen_[word] |= bit;
    const bool first = unique_ == 0;
    ++unique_;
    if (first || sequence > highest_) {
        highest_ = sequence;
        return verdict::in_order;
    }
    ++reordered_;
    return verdict::reordered;
}

sequence_counts sequence_tracker::counts() const noexcept {
    sequence_counts c;
    c.received = received_;
    c.unique = unique_;
    c.duplicates = duplicates_;
    c.reordered = reordered_;
    c.highest = highest_;
    c.lost = unique_ == 0 ? 0 : highest_ + 1 - unique_;
    return c;
}

}  // namespace wsmqtt::load
