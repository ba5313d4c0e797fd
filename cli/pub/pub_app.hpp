#pragma once
// What wsmqtt-pub does once connected: feeds its messages (one message --repeat times, or the
// records of stdin) to the session as fast as the session, the write queue, --rate and
// --repeat-delay allow, counts completions, and ends with DISCONNECT when every message is
// acknowledged as its QoS requires. Memory stays bounded: stdin is only read when the session
// can take more (session::ready_for_more, the driver's write queue, bytes outstanding).
#include <boost/asio/steady_timer.hpp>

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "cli/pub/pacer.hpp"
#include "cli/pub/pub_flags.hpp"
#include "cli/pub/record_splitter.hpp"
#include "cli/pub/stdin_reader.hpp"
#include "cli/runtime/client_runner.hpp"

namespace wsmqtt::cli {

class pub_app : public client_app {
public:
    // `payload`: the one message of -m/-f/-s/-n (sent config.repeat times); ignored for -l/-0.
    pub_app(pub_config config, bytes payload);

    void on_action(client_runner& runner, const session::action& a) override;
    void on_interrupt(client_runner& runner) override;

    // How long a SIGINT/SIGTERM waits for in-flight acknowledgements before DISCONNECT.
    static constexpr std::chrono::milliseconds interrupt_grace{2000};

private:
    struct sent_message {
        std::size_t size = 0;
        std::string topic;
    };

    void start(client_runner& runner);
    void pump();
    void pump_once();
    bool have_next() const noexcept;
    void publish_next(session::clock::time_point now);
    void request_input();
    void on_input(std::span<const std::uint8_t> chunk, bool eof, const std::string& error);
    void wake_at(session::clock::time_point when);
    void on_done(const session::publish_done& done);
    void finish_if_done();

    pub_config config_;
    bytes payload_;
    std::uint64_t repeats_left_ = 0;

    client_runner* runner_ = nullptr;
    std::unique_ptr<stdin_reader> reader_;
    record_splitter splitter_;
    std::deque<bytes> records_;
    bool input_done_ = false;
    std::optional<pacer> pacer_;
    std::unique_ptr<boost::asio::steady_timer> wake_;
    std::optional<session::clock::time_point> wake_at_;
    std::unique_ptr<boost::asio::steady_timer> grace_;

    std::unordered_map<std::uint64_t, sent_message> outstanding_;
    std::size_t outstanding_bytes_ = 0;
    std::size_t last_size_ = 0;
    std::uint64_t published_ = 0;
    std::uint64_t records_seen_ = 0;
    std::uint64_t rejected_ = 0;
    std::uint64_t skipped_ = 0;
    std::optional<session::clock::time_point> last_done_;

    bool started_ = false;
    bool interrupted_ = false;
    bool finishing_ = false;
    bool pumping_ = false;
    bool pump_again_ = false;
};

}  // namespace wsmqtt::cli
