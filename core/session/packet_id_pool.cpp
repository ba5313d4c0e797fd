#include "core/session/packet_id_pool.hpp"

namespace wsmqtt::session {

std::optional<std::uint16_t> packet_id_pool::allocate() noexcept {
    if (exhausted()) return std::nullopt;
    std::uint16_t id = last_;
    // At most 65,535 steps: a free identifier exists because count_ < capacity.
    for (std::size_t step = 0; step < capacity; ++step) {
        id = static_cast<std::uint16_t>(id == 65'535 ? 1 : id + 1);
        if (!used_.test(id)) {
            used_.set(id);
            ++count_;
            last_ = id;
            return id;
        }
    }
    return std::nullopt;
}

bool packet_id_pool::reserve(std::uint16_t id) noexcept {
    if (id == 0 || used_.test(id)) return false;
    used_.set(id);
    ++count_;
    return true;
}

void packet_id_pool::release(std::uint16_t id) noexcept {
    if (id == 0 || !used_.test(id)) return;
    used_.reset(id);
    --count_;
}

void packet_id_pool::clear() noexcept {
    used_.reset();
    count_ = 0;
}

}  // namespace wsmqtt::session
