#pragma once
// What both binaries do at run time around their own logic: one io_context, the session and its
// driver, SIGINT/SIGTERM, -d lines, warnings, and the mapping of how a run ended to the exit
// status table (exit_status.hpp). pub and sub implement client_app and drive the session through
// the runner.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <memory>

#include <optional>
#include <string>
#include <string_view>

#include "cli/common/connection_config.hpp"
#include "cli/common/exit_status.hpp"
#include "core/session/driver.hpp"
#include "core/session/session.hpp"

namespace wsmqtt::cli {

class client_runner;

// The exit status of a failed staged connect: its stage decides (contracts.md); a timeout is 3.
exit_status status_for_connect_failure(const transport::connect_failure& failure) noexcept;

class client_app {
public:
    virtual ~client_app() = default;
    // Every session action except packets to send (the driver writes those), in order.
    virtual void on_action(client_runner& runner, const session::action& a) = 0;
    // The first SIGINT/SIGTERM once the broker has accepted us (before that the process exits
    // with 130 at once). A second signal always exits at once with 130.
    virtual void on_interrupt(client_runner& runner) = 0;
};

class client_runner {
public:
    client_runner(std::string program, const connection_config& connection, session::session_config session_config,
                  std::string user_agent);
    client_runner(const client_runner&) = delete;
    client_runner& operator=(const client_runner&) = delete;

    // Runs until the session ends; returns the process exit status.
    int run(client_app& app);

    boost::asio::io_context& io() noexcept { return io_; }
    session::session& mqtt() noexcept { return session_; }
    // Carry out what a command given to mqtt() produced (not needed inside on_action).
    void poke() { driver_->poke(); }

    // Ends the run well: DISCONNECT (reason 0, so no will) after the in-flight work or at once,
    // then exit with `status`.
    void finish(exit_status status, session::disconnect_mode mode = session::disconnect_mode::after_inflight);
    // Ends the run with an error: prints "<program>: <stage>: <message>" now, DISCONNECTs at
    // once, exits with `status`.
    void fail(exit_status status, std::string_view stage, std::string_view message);

    void debug(std::string_view line) const;
    void warn(std::string_view line) const;
    void set_quiet(bool quiet) noexcept { quiet_ = quiet; }
    [[nodiscard]] bool debug_enabled() const noexcept { return debug_enabled_; }
    [[nodiscard]] const std::string& program() const noexcept { return program_; }
    [[nodiscard]] bool ever_connected() const noexcept { return driver_->ever_connected(); }
    // Packets waiting to be written (see session::driver::write_queue_length).
    [[nodiscard]] std::size_t write_queue_length() const noexcept { return driver_->write_queue_length(); }
    // Properties for the DISCONNECT that finish() sends (MQTT 5; e.g. -D disconnect ...).
    void set_disconnect_properties(codec::properties props) { disconnect_props_ = std::move(props); }

private:
    void on_action(const session::action& a);
    void wait_for_signal();
    int conclude(const session::driver_outcome& outcome);
    std::unique_ptr<session::driver> make_driver(std::chrono::milliseconds connect_timeout);
    // driver_->run(), and with --wait-broker again on a fresh driver while the first connect fails
    // in a way worth waiting for and the time is not over.
    boost::asio::awaitable<session::driver_outcome> run_driver();

    std::string program_;
    bool debug_enabled_ = false;
    bool quiet_ = false;
    boost::asio::io_context io_{1};
    boost::asio::signal_set signals_;
    session::session session_;
    transport::transport_config transport_;
    transport::debug_log_fn transport_debug_;
    std::optional<std::chrono::milliseconds> wait_broker_;
    bool waited_out_ = false;  // --wait-broker's time ran out
    boost::asio::steady_timer retry_timer_;
    std::unique_ptr<session::driver> driver_;
    // The driver of the previous try: its timer coroutine may still be finishing when the next
    // try starts, so it lives one try longer.
    std::unique_ptr<session::driver> retired_driver_;
    client_app* app_ = nullptr;
    int signals_seen_ = 0;
    std::optional<exit_status> requested_status_;
    bool failure_printed_ = false;
    codec::properties disconnect_props_;
    std::optional<std::string> tls_problem_;  // a TLS file that cannot be used: usage error before connecting
    bool insecure_ = false;                   // --insecure: warn once
};

}  // namespace wsmqtt::cli
