#pragma once
// The misbehaviours the fake broker can be scripted with (`--scenario NAME`), each a thing a
// real broker would not do. A scenario runs once per accepted connection.
#include <boost/asio/awaitable.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tests/fake_broker/peer.hpp"

namespace wsmqtt::fake_broker {

struct scenario_options {
    std::string name = "normal";
    std::size_t count = 100;              // batched: PUBLISHes in one write; normal: PUBLISHes after SUBACK
    std::size_t size = 1000;              // fragmented: bytes of the PUBLISH; oversized: payload bytes
    std::size_t frame_size = 1;           // fragmented: bytes per WebSocket frame / TCP write
    bool one_message_per_byte = false;    // fragmented: separate messages instead of continuation frames
    unsigned dribble_ms = 1000;           // slowloris: pause between bytes of the CONNACK
};

struct scenario_info {
    std::string_view name;
    std::string_view what;  // one line for --help
};

// Every scenario with its description.
const std::vector<scenario_info>& scenarios();

bool is_scenario(std::string_view name);

asio::awaitable<void> run_scenario(peer& p, scenario_options options);

}  // namespace wsmqtt::fake_broker
