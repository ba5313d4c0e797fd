#pragma once
// wsmqtt-sub in load mode: every client subscribes to the -t filters (fan-out: each message
// reaches every client); messages are counted, not printed. Stamped payloads (wsmqtt-pub
// --stamp) give end-to-end latency and loss/duplicate/reordering counts per (subscriber,
// publisher). -C N ends the run after N messages in total; -W after that long.
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include "cli/load/load_runner.hpp"
#include "core/codec/packets.hpp"

namespace wsmqtt::load {

struct sub_load_settings {
    std::vector<codec::subscription> subscriptions;
    codec::properties subscribe_props;
    std::optional<std::uint64_t> count;              // -C: messages in total, over every client
    std::optional<std::chrono::milliseconds> timeout;  // -W
};

class sub_load final : public load_runner {
public:
    sub_load(std::string program, load_config config, transport::transport_config transport,
             session::session_config session_template, sub_load_settings settings);

private:
    void on_client_action(load_client& c, const session::action& a) override;
    void on_all_ready() override;
    std::string progress_text() const override;
    void fill_summary(load_summary& s) override;
    cli::exit_status interrupted_status() const override { return cli::exit_status::ok; }

    void on_message(load_client& c, const codec::publish& message);

    sub_load_settings settings_;
    boost::asio::steady_timer timeout_;
    bool first_ = true;
    session::clock::time_point first_at_{};
    session::clock::time_point last_at_{};
    std::uint64_t messages_ = 0;
    std::uint64_t bytes_ = 0;
    std::uint64_t unstamped_ = 0;
    std::uint32_t denied_clients_ = 0;
    per_second_timeline timeline_;
    latency_histogram latency_;
    mutable std::uint64_t last_progress_count_ = 0;
};

}  // namespace wsmqtt::load
