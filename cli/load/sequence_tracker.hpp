#pragma once
// Loss, duplicate and reordering accounting for the stamped messages of one publisher as seen
// by one subscriber. Sequence numbers start at 0. A sequence number already seen is a
// duplicate; one below the highest seen so far (and not seen before) arrived out of order;
// "lost" are the numbers below the highest seen that never arrived (a gap filled later by a
// reordered message is not lost). Messages lost after the last one received cannot be told
// from messages never sent. One bit per sequence number (125 KB per million messages).
#include <cstdint>
#include <vector>

namespace wsmqtt::load {

struct sequence_counts {
    std::uint64_t received = 0;    // every arrival, duplicates included
    std::uint64_t unique = 0;
    std::uint64_t duplicates = 0;
    std::uint64_t reordered = 0;
    std::uint64_t lost = 0;        // gaps below the highest sequence number seen
    std::uint64_t highest = 0;     // highest sequence number seen (valid when unique > 0)

    sequence_counts& operator+=(const sequence_counts& o) noexcept;
};

class sequence_tracker {
public:
    enum class verdict : std::uint8_t { in_order, reordered, duplicate };

    verdict record(std::uint64_t sequence);
    [[nodiscard]] sequence_counts counts() const noexcept;

private:
    std::vector<std::uint64_t> seen_;  // bitmap by sequence number
    std::uint64_t received_ = 0;
    std::uint64_t unique_ = 0;
    std::uint64_t duplicates_ = 0;
    std::uint64_t reordered_ = 0;
    std::uint64_t highest_ = 0;
};

}  // namespace wsmqtt::load
