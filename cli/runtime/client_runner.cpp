#include "cli/runtime/client_runner.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <algorithm>
#include <exception>
#include <fmt/format.h>
#include <utility>

#include "cli/common/diagnostic.hpp"
#include "cli/runtime/connect_retry.hpp"
#include "cli/runtime/runtime_config.hpp"

namespace wsmqtt::cli {

namespace asio = boost::asio;

namespace {

}  // namespace

exit_status status_for_connect_failure(const transport::connect_failure& failure) noexcept {
    if (failure.timed_out) return exit_status::network;
    switch (failure.stage) {
        case transport::connect_stage::resolve:
        case transport::connect_stage::tcp:
        case transport::connect_stage::proxy: return exit_status::network;
        case transport::connect_stage::tls: return exit_status::tls;
        case transport::connect_stage::websocket: return exit_status::websocket;
    }
    return exit_status::network;
}

client_runner::client_runner(std::string program, const connection_config& connection,
                             session::session_config session_config, std::string user_agent)
    : program_(std::move(program)),
      debug_enabled_(connection.debug),
      signals_(io_, SIGINT, SIGTERM),
      session_(std::move(session_config)),
      transport_(make_transport_config(connection, user_agent)),
      transport_debug_(connection.debug ? transport::debug_log_fn{[this](std::string_view line) { debug(line); }}
                                        : transport::debug_log_fn{}),
      wait_broker_(connection.wait_broker),
      retry_timer_(io_),
      driver_(make_driver(transport_.connect_timeout)) {
    // A closed stdout must show up as EPIPE on the write, not kill the process.
    std::signal(SIGPIPE, SIG_IGN);
    if (transport::uses_tls(transport_.kind)) {
        tls_problem_ = transport::check_tls_options(transport_.tls);
        insecure_ = transport_.tls.insecure;
    }
    if (debug_enabled_) debug(describe(connection));
}

std::unique_ptr<session::driver> client_runner::make_driver(std::chrono::milliseconds connect_timeout) {
    auto transport = transport_;
    transport.connect_timeout = connect_timeout;
    return std::make_unique<session::driver>(
        io_.get_executor(), std::move(transport), session_, [this](const session::action& a) { on_action(a); },
        transport_debug_);
}

asio::awaitable<session::driver_outcome> client_runner::run_driver() {
    using steady = std::chrono::steady_clock;
    const auto deadline = steady::now() + wait_broker_.value_or(std::chrono::milliseconds{0});
    for (std::uint32_t attempt = 1;; ++attempt) {
        auto outcome = co_await driver_->run();
        if (!wait_broker_ || outcome.what != session::driver_outcome::kind::connect_failed ||
            !worth_waiting_for(outcome.failure))
            co_return outcome;
        const auto now = steady::now();
        if (now >= deadline) {
            waited_out_ = true;
            co_return outcome;
        }
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - now);
        const auto pause = std::min(wait_broker_pause(attempt), left);
        debug(fmt::format("{}: {}; --wait-broker: trying again in {} ms ({:.1f} s left)",
                          transport::stage_name(outcome.failure.stage), outcome.failure.message, pause.count(),
                          static_cast<double>(left.count()) / 1000.0));
        retry_timer_.expires_after(pause);
        boost::system::error_code ec;
        co_await retry_timer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        // No try may outlast the wait: the last one gets what is left (at least 100 ms).
        const auto remaining = std::chrono::ceil<std::chrono::milliseconds>(deadline - steady::now());
        const auto bound = std::min(std::max(remaining, std::chrono::milliseconds{100}), transport_.connect_timeout);
        retired_driver_ = std::move(driver_);
        driver_ = make_driver(bound);
    }
}

int client_runner::run(client_app& app) {
    if (tls_problem_) {
        print_error(program_, usage_stage, *tls_problem_);
        return to_int(exit_status::usage);
    }
    // One line, unless --quiet: asked for, but easy to forget once it sits in a script.
    if (insecure_) warn("--insecure: the broker's certificate and host name are not verified");
    app_ = &app;
    wait_for_signal();
    std::optional<session::driver_outcome> outcome;
    std::exception_ptr failure;
    asio::co_spawn(io_, run_driver(), [&](std::exception_ptr e, session::driver_outcome o) {
        if (e) {
            failure = e;
        } else {
            outcome = std::move(o);
        }
        io_.stop();
    });
    io_.run();
    if (failure || !outcome) {
        std::string what = "unknown error";
        try {
            if (failure) std::rethrow_exception(failure);
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
        }
        print_error(program_, "internal", what);
        return to_int(exit_status::internal);
    }
    return conclude(*outcome);
}

void client_runner::wait_for_signal() {
    signals_.async_wait([this](const boost::system::error_code& ec, int) {
        if (ec) return;
        ++signals_seen_;
        if (signals_seen_ > 1 || !driver_->ever_connected()) std::_Exit(to_int(exit_status::interrupted));
        if (app_) app_->on_interrupt(*this);
        wait_for_signal();
    });
}

void client_runner::finish(exit_status status, session::disconnect_mode mode) {
    if (!requested_status_) requested_status_ = status;
    session_.disconnect(session::clock::now(), mode, codec::reason_code::normal_disconnection, disconnect_props_);
    driver_->poke();
}

void client_runner::fail(exit_status status, std::string_view stage, std::string_view message) {
    if (!failure_printed_) {
        print_error(program_, stage, message);
        failure_printed_ = true;
    }
    finish(status, session::disconnect_mode::immediately);
}

void client_runner::debug(std::string_view line) const {
    if (debug_enabled_) print_error(program_, "debug", line);
}

void client_runner::warn(std::string_view line) const {
    if (!quiet_) print_error(program_, "warning", line);
}

void client_runner::on_action(const session::action& a) {
    if (const auto* c = std::get_if<session::connected>(&a)) {
        debug(fmt::format("connected: client id '{}', session present {}, keepalive {} s, send window {}",
                          c->client_id, c->session_present ? "yes" : "no", c->keep_alive, c->send_window));
    } else if (const auto* w = std::get_if<session::warning>(&a)) {
        warn(w->message);
    } else if (const auto* r = std::get_if<session::reconnect_scheduled>(&a)) {
        warn(fmt::format("{}; reconnecting in {:.1f} s (attempt {})",
                         r->why.empty() ? "connection lost" : r->why,
                         static_cast<double>(r->delay.count()) / 1000.0, r->attempt));
    } else if (const auto* report = std::get_if<session::resume_report>(&a)) {
        if (report->qos0_may_be_lost > 0) {
            warn(fmt::format("{} QoS 0 message(s) sent just before the connection was lost may be lost",
                             report->qos0_may_be_lost));
        }
        if (!report->session_present && report->republished > 0) {
            warn(fmt::format("the broker did not keep the session: {} unacknowledged message(s) sent again "
                             "(they may arrive twice); use -c with a fixed -i to resume instead",
                             report->republished));
        }
    }
    if (app_) app_->on_action(*this, a);
}

int client_runner::conclude(const session::driver_outcome& outcome) {
    using kind = session::driver_outcome::kind;
    if (outcome.what == kind::aborted) return to_int(exit_status::interrupted);
    if (outcome.what == kind::connect_failed) {
        std::string message = outcome.failure.message;
        if (waited_out_) {
            message += fmt::format("; still failing after --wait-broker {:g} s",
                                   static_cast<double>(wait_broker_->count()) / 1000.0);
        }
        print_error(program_, transport::stage_name(outcome.failure.stage), message);
        return to_int(status_for_connect_failure(outcome.failure));
    }
    const auto& ended = outcome.ended;
    exit_status status = exit_status::connection_lost;
    std::string_view stage = driver_->ever_connected() ? "connection" : "connack";
    switch (ended.reason) {
        case session::close_reason::normal:
            return to_int(requested_status_.value_or(exit_status::ok));
        case session::close_reason::connect_refused: status = exit_status::connack_refused; break;
        case session::close_reason::connack_timeout:
            status = exit_status::network;
            stage = "connack";
            break;
        case session::close_reason::ack_timeout:
            status = exit_status::timed_out;
            stage = "acknowledgement";
            break;
        case session::close_reason::protocol_error: stage = "protocol"; break;
        case session::close_reason::keepalive_timeout:
        case session::close_reason::broker_disconnect:
        case session::close_reason::transport_lost: break;
    }
    if (requested_status_ && failure_printed_) return to_int(*requested_status_);
    print_error(program_, stage, ended.message);
    return to_int(status);
}

}  // namespace wsmqtt::cli
