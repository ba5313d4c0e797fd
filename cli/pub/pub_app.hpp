#pragma once
// What wsmqtt-pub does once connected: hands its messages to the session, counts completions,
// and ends with DISCONNECT when every message is acknowledged as its QoS requires.
#include <cstdint>
#include <string>
#include <vector>

#include "cli/pub/pub_flags.hpp"
#include "cli/runtime/client_runner.hpp"

namespace wsmqtt::cli {

class pub_app : public client_app {
public:
    pub_app(pub_config config, std::vector<std::vector<std::uint8_t>> payloads);

    void on_action(client_runner& runner, const session::action& a) override;
    void on_interrupt(client_runner& runner) override;

private:
    void publish_all(client_runner& runner);
    void finish_if_done(client_runner& runner);

    pub_config config_;
    std::vector<std::vector<std::uint8_t>> payloads_;
    bool started_ = false;
    bool interrupted_ = false;
    std::size_t outstanding_ = 0;
    std::size_t rejected_ = 0;
};

}  // namespace wsmqtt::cli
