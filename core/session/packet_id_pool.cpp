#include "core/session/packet_id_pool.hpp"

#include <algorithm>

namespace wsmqtt::session {

void packet_id_pool::set(std::uint16_t id) {
    const std::size_t word = id / 64U;
    if (word >= used_.size()) {
        // Doubling keeps a long QoS 1 run to a handful of reallocations on its way to 1,024 words.
        used_.resize(std::min<std::size_t>(65'536 / 64, std::max(word + 1, used_.size() * 2)), 0);
    }
    used_[word] |= std::uint64_t{1} << (id % 64U);
}

void packet_id_pool::reset(std::uint16_t id) noexcept {
    if (id / 64U < used_.size()) used_[id / 64U] &= ~(std::uint64_t{1} << (id % 64U));
}

std::optional<std::uint16_t> packet_id_pool::allocate() noexcept {
    if (exhausted()) return std::nullopt;
    std::uint16_t id = last_;
    // At most 65,535 steps: a free identifier exists because count_ < capacity.
    for (std::size_t step = 0; step < capacity; ++step) {
        id = static_cast<std::uint16_t>(id == 65'535 ? 1 : id + 1);
        if (!test(id)) {
            set(id);
            ++count_;
            last_ = id;
            return id;
        }
    }
    return std::nullopt;
}

bool packet_id_pool::reserve(std::uint16_t id) noexcept {
    if (id == 0 || test(id)) return false;
    set(id);
    ++count_;
    return true;
}

void packet_id_pool::release(std::uint16_t id) noexcept {
    if (id == 0 || !test(id)) return;
    reset(id);
    --count_;
}

void packet_id_pool::clear() noexcept {
    used_.clear();
    count_ = 0;
}

}  // namespace wsmqtt::session
