#pragma once
// Packet identifiers for one client session (spec 2.2.1): 1..65535, never 0, and an identifier
// stays taken until its flow completes. When all 65,535 are taken, allocate() says so and the
// caller waits; an identifier is never handed out twice.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace wsmqtt::session {

class packet_id_pool {
public:
    static constexpr std::size_t capacity = 65'535;

    // The next free identifier after the last one handed out (round robin, so a just-released id
    // is not reused at once, which keeps logs and late duplicate acks unambiguous); nullopt when
    // every identifier is in use.
    std::optional<std::uint16_t> allocate() noexcept;

    // Marks a specific identifier as taken (restoring persisted state); false if already taken or 0.
    bool reserve(std::uint16_t id) noexcept;

    // Frees `id`; releasing a free id or 0 does nothing.
    void release(std::uint16_t id) noexcept;

    bool in_use(std::uint16_t id) const noexcept { return id != 0 && test(id); }
    std::size_t in_use_count() const noexcept { return count_; }
    bool exhausted() const noexcept { return count_ == capacity; }
    void clear() noexcept;

private:
    bool test(std::uint16_t id) const noexcept {
        return id / 64U < used_.size() && ((used_[id / 64U] >> (id % 64U)) & 1U) != 0;
    }
    void set(std::uint16_t id);
    void reset(std::uint16_t id) noexcept;

    // One bit per identifier (bit 0 never set), grown only as far as the highest identifier used:
    // a QoS 0 publisher needs none of the 8 KiB a full map takes, a subscriber one word, and a
    // process holding 1,000 sessions feels the difference.
    std::vector<std::uint64_t> used_;
    std::size_t count_ = 0;
    std::uint16_t last_ = 0;  // last identifier handed out
};

}  // namespace wsmqtt::session
