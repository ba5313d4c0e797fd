#pragma once
// Incoming QoS 2 (spec 4.3.3, "method B" delivery): the message is delivered when its PUBLISH
// arrives, its packet id is remembered until PUBREL, and any PUBLISH with that id before then is
// a re-send that must not be delivered again. The remembered ids are also what counts against our
// Receive Maximum: QoS 1 is acknowledged as soon as it arrives, so it never stays outstanding here.
#include <cstddef>
#include <cstdint>
#include <unordered_set>

namespace wsmqtt::session {

enum class incoming_qos2 : std::uint8_t { fresh, duplicate };

class incoming_flow {
public:
    // A QoS 2 PUBLISH arrived: fresh (deliver, then PUBREC) or duplicate (only PUBREC again).
    incoming_qos2 on_publish(std::uint16_t id);
    // PUBREL arrived: true when the id was awaiting release (now forgotten).
    bool on_pubrel(std::uint16_t id);
    bool awaiting_release(std::uint16_t id) const { return ids_.contains(id); }
    std::size_t outstanding() const noexcept { return ids_.size(); }
    void clear() noexcept { ids_.clear(); }

private:
    std::unordered_set<std::uint16_t> ids_;
};

}  // namespace wsmqtt::session
