#include "cli/runtime/client_runner.hpp"

#include <boost/asio/co_spawn.hpp>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fmt/format.h>
#include <utility>

#include "cli/common/diagnostic.hpp"
#include "cli/runtime/runtime_config.hpp"

namespace wsmqtt::cli {

namespace asio = boost::asio;

namespace {

exit_status status_for_stage(const transport::connect_failure& failure) noexcept {
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

}  // namespace

client_runner::client_runner(std::string program, const connection_config& connection,
                             session::session_config session_config, std::string user_agent)
    : program_(std::move(program)),
      debug_enabled_(connection.debug),
      signals_(io_, SIGINT, SIGTERM),
      session_(std::move(session_config)),
      driver_(io_.get_executor(), make_transport_config(connection, user_agent), session_,
              [this](const session::action& a) { on_action(a); },
              connection.debug ? transport::debug_log_fn{[this](std::string_view line) { debug(line); }}
                               : transport::debug_log_fn{}) {
    // A closed stdout must show up as EPIPE on the write, not kill the process.
    std::signal(SIGPIPE, SIG_IGN);
    if (debug_enabled_) debug(describe(connection));
}

int client_runner::run(client_app& app) {
    app_ = &app;
    wait_for_signal();
    std::optional<session::driver_outcome> outcome;
    std::exception_ptr failure;
    asio::co_spawn(io_, driver_.run(), [&](std::exception_ptr e, session::driver_outcome o) {
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
        if (signals_seen_ > 1 || !driver_.ever_connected()) std::_Exit(to_int(exit_status::interrupted));
        if (app_) app_->on_interrupt(*this);
        wait_for_signal();
    });
}

void client_runner::finish(exit_status status, session::disconnect_mode mode) {
    if (!requested_status_) requested_status_ = status;
    session_.disconnect(session::clock::now(), mode, codec::reason_code::normal_disconnection, disconnect_props_);
    driver_.poke();
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
    } else if (const auto* close = std::get_if<session::close_connection>(&a)) {
        if (close->reason != session::close_reason::normal) last_close_message_ = close->message;
    } else if (const auto* r = std::get_if<session::reconnect_scheduled>(&a)) {
        warn(fmt::format("{}; reconnecting in {:.1f} s (attempt {})",
                         last_close_message_.empty() ? "connection lost" : last_close_message_,
                         static_cast<double>(r->delay.count()) / 1000.0, r->attempt));
        last_close_message_.clear();
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
    } else if (const auto* d = std::get_if<session::disconnected_by_broker>(&a)) {
        std::string line = fmt::format("the broker sent DISCONNECT: (0x{:02x}) {}",
                                       static_cast<unsigned>(d->reason), d->reason_name);
        if (d->reason_string) line += " — " + *d->reason_string;
        last_close_message_ = line;
    }
    if (app_) app_->on_action(*this, a);
}

int client_runner::conclude(const session::driver_outcome& outcome) {
    using kind = session::driver_outcome::kind;
    if (outcome.what == kind::aborted) return to_int(exit_status::interrupted);
    if (outcome.what == kind::connect_failed) {
        print_error(program_, transport::stage_name(outcome.failure.stage), outcome.failure.message);
        return to_int(status_for_stage(outcome.failure));
    }
    const auto& ended = outcome.ended;
    exit_status status = exit_status::connection_lost;
    std::string_view stage = driver_.ever_connected() ? "connection" : "connack";
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
