#pragma once
// The engine shared by wsmqtt-pub and wsmqtt-sub in load mode: N clients (one session and one
// driver each) on one io_context, opened at --connect-rate (or a bounded number at a time),
// SIGINT/SIGTERM, the once-a-second progress line on a TTY, the end of the run and the summary
// (stdout: text or JSON; --report HTML). pub_load and sub_load add what each client does.
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "cli/common/exit_status.hpp"
#include "cli/load/load_flags.hpp"
#include "cli/load/load_summary.hpp"
#include "cli/load/rate_schedule.hpp"
#include "cli/load/sequence_tracker.hpp"
#include "core/session/driver.hpp"
#include "core/session/session.hpp"
#include "core/transport/config.hpp"

namespace wsmqtt::load {

using cli::exit_status;

struct load_client {
    std::uint32_t number = 0;  // 1..N: the {client} placeholder and the stamp's publisher
    std::unique_ptr<session::session> mqtt;
    std::unique_ptr<session::driver> driver;
    session::clock::time_point connect_started{};
    bool connected = false;  // a CONNACK was accepted
    bool ready = false;      // pub: connected; sub: subscribed
    bool finished = false;   // asked to disconnect
    bool ended = false;      // its driver returned
    // pub
    std::uint64_t next_sequence = 0;
    std::uint64_t remaining = 0;
    std::uint64_t outstanding = 0;
    bool blocked = false;  // waiting for its write queue to drain
    bool pumping = false;  // inside pub_load's pump for this client
    std::unordered_map<std::uint64_t, session::clock::time_point> ack_started;
    // sub: per publisher (run << 32 | publisher)
    std::map<std::uint64_t, sequence_tracker> publishers;
};

class load_runner {
public:
    load_runner(std::string program, load_config config, transport::transport_config transport,
                session::session_config session_template);
    virtual ~load_runner();
    load_runner(const load_runner&) = delete;
    load_runner& operator=(const load_runner&) = delete;

    // Runs the whole load; returns the exit status.
    int run();

protected:
    // A session action of one client (packets to send are the driver's).
    virtual void on_client_action(load_client& c, const session::action& a) = 0;
    // Every client is ready (or failed): the measurement may start.
    virtual void on_all_ready() = 0;
    // The live line's figures, after "<program>: <seconds> s ".
    virtual std::string progress_text() const = 0;
    // The summary's own fields (the runner fills clients, memory, connect latency, transport).
    virtual void fill_summary(load_summary& s) = 0;
    // SIGINT/SIGTERM once connected: the run ends early with this status.
    virtual exit_status interrupted_status() const { return exit_status::interrupted; }

    // Marks a client ready (pub: at CONNACK; sub: at SUBACK); the last one calls on_all_ready.
    void client_ready(load_client& c);
    // Ends the run: every client disconnects (after its in-flight work); the summary follows.
    void finish(exit_status status);
    // Prints "<program>: <stage>: <message>" once and ends the run with `status`.
    void fail(exit_status status, std::string_view stage, std::string_view message);
    void warn(std::string_view line) const;

    boost::asio::io_context& io() noexcept { return io_; }
    std::vector<std::unique_ptr<load_client>>& clients() noexcept { return clients_; }
    const load_config& config() const noexcept { return config_; }
    const std::string& program() const noexcept { return program_; }
    bool finishing() const noexcept { return finishing_; }
    std::uint32_t connect_failures() const noexcept { return connect_failures_; }

private:
    void open_more();
    void open_client(std::size_t index);
    void on_driver_done(load_client& c, const session::driver_outcome& outcome);
    void on_action(load_client& c, const session::action& a);
    void tick();
    void wait_for_signal();
    void check_all_ready();
    int conclude();

    std::string program_;
    load_config config_;
    // Shared by every client's driver and session: each client holds only what is its own.
    std::shared_ptr<const transport::transport_config> transport_;
    std::shared_ptr<const session::session_config> session_config_;
    boost::asio::io_context io_{1};
    boost::asio::signal_set signals_;
    boost::asio::steady_timer connect_timer_;
    boost::asio::steady_timer ticker_;
    std::optional<rate_schedule> connect_schedule_;
    std::vector<std::unique_ptr<load_client>> clients_;
    std::size_t opened_ = 0;
    std::size_t connecting_ = 0;  // opened, neither connected nor ended
    std::size_t ready_count_ = 0;
    std::size_t ended_count_ = 0;
    std::uint32_t connect_failures_ = 0;
    std::uint32_t connected_count_ = 0;
    bool all_ready_ = false;
    bool finishing_ = false;
    bool progress_shown_ = false;
    bool tty_ = false;
    int signals_seen_ = 0;
    std::optional<exit_status> status_;
    bool failure_printed_ = false;
    std::optional<transport::connect_failure> first_connect_failure_;
    std::optional<session::session_ended> first_bad_end_;
    session::clock::time_point started_{};
    latency_histogram connect_latency_;
    memory_figures memory_;
};

}  // namespace wsmqtt::load
