#include "core/session/incoming_flow.hpp"

namespace wsmqtt::session {

incoming_qos2 incoming_flow::on_publish(std::uint16_t id) {
    return ids_.insert(id).second ? incoming_qos2::fresh : incoming_qos2::duplicate;
}

bool incoming_flow::on_pubrel(std::uint16_t id) { return ids_.erase(id) > 0; }

}  // namespace wsmqtt::session
