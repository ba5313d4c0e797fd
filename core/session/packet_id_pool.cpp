#include "core/session/packet_id_pool.hpp"

namespace wsmqtt::session {

void packet_id_pool::set(std::uint16_t id) {
    if (used_.empty()) used_.assign(65'536 / 64, 0);
    used_[id / 64] |= std::uint64_t{1} << (id % 64);
}

void packet_id_pool::reset(std::uint16_t id) noexcept {
    if (!used_.empty()) used_[id / 64] &= ~(std::uint64_t{1} << (id % 64));
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
