#pragma once
// wsmqtt-pub in load mode: every client publishes --count messages (or, with --rate, the
// clients share one schedule of `rate` messages per second in total, handed out round robin),
// with --size random bytes or the -m text and its placeholders, optionally --stamp'ed; QoS 1/2
// completions give publish-to-ack latency. Each client DISCONNECTs when its messages are done.
#include <boost/asio/steady_timer.hpp>

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "cli/load/load_runner.hpp"
#include "cli/load/text_template.hpp"
#include "core/codec/packets.hpp"

namespace wsmqtt::load {

struct pub_load_settings {
    std::string topic;                   // may hold {client} and {seq}
    std::optional<std::string> message;  // -m: may hold {client}, {seq}, {ts}
    std::vector<std::uint8_t> payload;   // -f/-s/-n: the fixed payload (when neither -m nor --size)
    std::uint8_t qos = 0;
    bool retain = false;
    codec::properties props;             // PUBLISH properties (MQTT 5)
    std::optional<double> rate;          // --rate: messages per second, all clients together
};

class pub_load final : public load_runner {
public:
    pub_load(std::string program, load_config config, transport::transport_config transport,
             session::session_config session_template, pub_load_settings settings);

private:
    void on_client_action(load_client& c, const session::action& a) override;
    void on_all_ready() override;
    std::string progress_text() const override;
    void fill_summary(load_summary& s) override;

    bool can_send(const load_client& c) const noexcept;
    void pump(load_client& c);
    void rate_tick();
    void poll_blocked();
    void arm_timer(session::clock::time_point at);
    void publish_one(load_client& c, session::clock::time_point now);
    void on_done(load_client& c, const session::publish_done& done);
    void client_done_check(load_client& c);

    pub_load_settings settings_;
    text_template topic_;
    std::optional<text_template> message_;
    std::vector<std::uint8_t> filler_;  // --size: random bytes, drawn once
    std::uint32_t run_id_ = 0;

    boost::asio::steady_timer timer_;
    std::optional<session::clock::time_point> timer_at_;
    std::optional<rate_schedule> schedule_;
    std::size_t cursor_ = 0;
    std::vector<load_client*> blocked_;

    bool started_ = false;
    session::clock::time_point start_{};
    session::clock::time_point last_done_{};
    std::uint64_t published_ = 0;
    std::uint64_t bytes_ = 0;
    std::uint64_t acknowledged_ = 0;
    std::uint64_t rejected_ = 0;
    std::uint64_t remaining_total_ = 0;
    std::size_t clients_done_ = 0;
    std::size_t clients_publishing_ = 0;
    per_second_timeline timeline_;
    latency_histogram ack_latency_;
    mutable std::uint64_t last_progress_count_ = 0;
};

}  // namespace wsmqtt::load
