#include "cli/load/load_runner.hpp"

#include <boost/asio/co_spawn.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <unistd.h>

#include "cli/common/diagnostic.hpp"
#include "cli/runtime/client_runner.hpp"
#include "cli/load/process_memory.hpp"
#include "cli/load/summary_output.hpp"
#include "core/transport/connect.hpp"

namespace wsmqtt::load {

namespace asio = boost::asio;
using cli::exit_status;
using namespace std::chrono_literals;

namespace {

// Without --connect-rate, at most this many connections are being set up at once: a burst of
// thousands of SYNs overflows a listen backlog and turns into retransmission stalls.
constexpr std::size_t max_parallel_connects = 64;
// How long clients may take to send what they hold and DISCONNECT at the end before they are
// dropped.
constexpr auto finish_grace = 5s;

// The configuration every client's session shares; each session has its own client id,
// "<id>-<n>". MQTT 5 lets the broker assign ids, but N clients need N distinct, predictable ones.
std::shared_ptr<const session::session_config> shared_session(session::session_config s) {
    if (s.client_id.empty()) s.client_id = fmt::format("wsmqtt-load-{}", ::getpid());
    return std::make_shared<const session::session_config>(std::move(s));
}

}  // namespace

load_runner::load_runner(std::string program, load_config config, transport::transport_config transport,
                         session::session_config session_template)
    : program_(std::move(program)),
      config_(std::move(config)),
      transport_(std::make_shared<const transport::transport_config>(std::move(transport))),
      session_config_(shared_session(std::move(session_template))),
      signals_(io_, SIGINT, SIGTERM),
      connect_timer_(io_),
      ticker_(io_) {
    std::signal(SIGPIPE, SIG_IGN);
}

load_runner::~load_runner() = default;

int load_runner::run() {
    memory_.rss_before_kib = resident_kib();
    tty_ = config_.stats && ::isatty(STDERR_FILENO) == 1;
    clients_.reserve(config_.clients);
    if (config_.connect_rate) connect_schedule_.emplace(*config_.connect_rate, session::clock::now());
    wait_for_signal();
    open_more();
    ticker_.expires_after(1s);
    ticker_.async_wait([this](const boost::system::error_code& ec) {
        if (!ec) tick();
    });
    std::exception_ptr failure;
    try {
        io_.run();
    } catch (...) {
        failure = std::current_exception();
    }
    if (failure) {
        std::string what = "unknown error";
        try {
            std::rethrow_exception(failure);
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
        }
        cli::print_error(program_, "internal", what);
        return cli::to_int(exit_status::internal);
    }
    return conclude();
}

void load_runner::open_more() {
    if (finishing_) return;
    const std::size_t total = config_.clients;
    if (connect_schedule_) {
        const auto due = connect_schedule_->take_due(session::clock::now(), total - opened_);
        for (std::uint64_t i = 0; i < due; ++i) open_client(opened_);
        if (opened_ < total) {
            connect_timer_.expires_at(connect_schedule_->next_due());
            connect_timer_.async_wait([this](const boost::system::error_code& ec) {
                if (!ec) open_more();
            });
        }
        return;
    }
    // The first client alone, until it is connected: the memory it leaves behind includes every
    // one-time cost (code pages first run, TLS and library set-up), which the per-connection
    // figure must not spread over the others.
    const bool first_pending = connected_count_ == 0 && ended_count_ == 0 && total > 1;
    const std::size_t parallel = first_pending ? 1 : max_parallel_connects;
    while (opened_ < total && connecting_ < parallel) open_client(opened_);
}

void load_runner::open_client(std::size_t index) {
    auto c = std::make_unique<load_client>();
    c->number = static_cast<std::uint32_t>(index + 1);
    c->mqtt = std::make_unique<session::session>(session_config_,
                                                 fmt::format("{}-{}", session_config_->client_id, c->number));
    load_client* cp = c.get();
    c->driver = std::make_unique<session::driver>(
        io_.get_executor(), transport_, *c->mqtt,
        [this, cp](const session::action& a) { on_action(*cp, a); }, transport::debug_log_fn{}, config_.read_buffer);
    c->connect_started = session::clock::now();
    clients_.push_back(std::move(c));
    ++opened_;
    ++connecting_;
    asio::co_spawn(io_, cp->driver->run(), [this, cp](std::exception_ptr e, session::driver_outcome o) {
        if (e) std::rethrow_exception(e);
        on_driver_done(*cp, o);
    });
}

void load_runner::on_action(load_client& c, const session::action& a) {
    if (std::holds_alternative<session::connected>(a) && !c.connected) {
        c.connected = true;
        --connecting_;
        ++connected_count_;
        if (connected_count_ == 1) {
            memory_.rss_first_kib = resident_kib();
            memory_.first_connections = 1;
        }
        const auto took = session::clock::now() - c.connect_started;
        connect_latency_.record(static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(took).count()));
        open_more();
    } else if (const auto* ended = std::get_if<session::session_ended>(&a)) {
        if (ended->reason != session::close_reason::normal && !first_bad_end_) first_bad_end_ = *ended;
    } else if (const auto* w = std::get_if<session::warning>(&a)) {
        warn(w->message);
    }
    on_client_action(c, a);
}

void load_runner::on_driver_done(load_client& c, const session::driver_outcome& outcome) {
    c.ended = true;
    ++ended_count_;
    if (!c.connected) {
        --connecting_;
        if (!c.finished) ++connect_failures_;
        if (outcome.what == session::driver_outcome::kind::connect_failed && !first_connect_failure_) {
            first_connect_failure_ = outcome.failure;
        }
    }
    if (!c.ready) check_all_ready();
    if (ended_count_ == clients_.size() && (opened_ == config_.clients || finishing_)) {
        io_.stop();
        return;
    }
    open_more();
}

void load_runner::client_ready(load_client& c) {
    if (c.ready) return;
    c.ready = true;
    ++ready_count_;
    check_all_ready();
}

void load_runner::check_all_ready() {
    if (all_ready_ || opened_ < config_.clients) return;
    std::size_t settled = 0;  // ready, or gone without becoming ready
    for (const auto& c : clients_) settled += (c->ready || c->ended) ? 1 : 0;
    if (settled < config_.clients) return;
    all_ready_ = true;
    memory_.rss_connected_kib = resident_kib();
    memory_.connections = connected_count_;
    started_ = session::clock::now();
    if (ready_count_ == 0) {
        finish(exit_status::network);
        return;
    }
    on_all_ready();
}

void load_runner::finish(exit_status status) {
    if (!status_) status_ = status;
    if (finishing_) return;
    finishing_ = true;
    connect_timer_.cancel();
    const auto now = session::clock::now();
    for (auto& c : clients_) {
        if (c->ended || c->finished) continue;
        c->finished = true;
        c->mqtt->disconnect(now, session::disconnect_mode::after_inflight);
        c->driver->poke();
    }
    if (ended_count_ == clients_.size()) {
        io_.stop();
        return;
    }
    connect_timer_.expires_after(finish_grace);
    connect_timer_.async_wait([this](const boost::system::error_code& ec) {
        if (ec) return;
        for (auto& c : clients_) {
            if (!c->ended) c->driver->abort();
        }
    });
}

void load_runner::fail(exit_status status, std::string_view stage, std::string_view message) {
    if (!failure_printed_) {
        cli::print_error(program_, stage, message);
        failure_printed_ = true;
        status_ = status;
    }
    finish(status);
}

void load_runner::warn(std::string_view line) const { cli::print_error(program_, "warning", line); }

void load_runner::tick() {
    if (tty_ && all_ready_) {
        const double secs = std::chrono::duration<double>(session::clock::now() - started_).count();
        const std::string line = fmt::format("\r{}: {:.0f} s  {}\x1b[K", program_, secs, progress_text());
        std::fwrite(line.data(), 1, line.size(), stderr);
        std::fflush(stderr);
        progress_shown_ = true;
    }
    ticker_.expires_after(1s);
    ticker_.async_wait([this](const boost::system::error_code& ec) {
        if (!ec) tick();
    });
}

void load_runner::wait_for_signal() {
    signals_.async_wait([this](const boost::system::error_code& ec, int) {
        if (ec) return;
        ++signals_seen_;
        if (signals_seen_ > 1 || !all_ready_) std::_Exit(cli::to_int(exit_status::interrupted));
        finish(interrupted_status());
        wait_for_signal();
    });
}

int load_runner::conclude() {
    // Let the drivers' cancelled timer loops run to their end before anything is destroyed.
    io_.restart();
    ticker_.cancel();
    signals_.cancel();
    connect_timer_.cancel();
    io_.poll();
    if (progress_shown_) std::fputs("\n", stderr);

    load_summary s;
    s.tool = program_;
    s.transport = transport::scheme_name(transport_->kind);
    s.clients = config_.clients;
    s.connected = connected_count_;
    s.connect_failures = connect_failures_;
    s.connect_latency = connect_latency_;
    s.memory = memory_;
    fill_summary(s);

    exit_status status = status_.value_or(exit_status::ok);
    if (connect_failures_ > 0 && !failure_printed_) {
        std::string_view stage = "connack";
        std::string what;
        if (first_connect_failure_) {
            stage = transport::stage_name(first_connect_failure_->stage);
            what = first_connect_failure_->message;
            status = cli::status_for_connect_failure(*first_connect_failure_);
        } else if (first_bad_end_) {
            what = first_bad_end_->message;
            status = first_bad_end_->reason == session::close_reason::connect_refused ? exit_status::connack_refused
                                                                                      : exit_status::connection_lost;
        }
        cli::print_error(program_, stage,
                         fmt::format("{} ({} of {} clients could not connect)", what, connect_failures_,
                                     config_.clients));
        failure_printed_ = true;
    } else if (first_bad_end_ && !failure_printed_) {
        cli::print_error(program_, "connection", first_bad_end_->message);
        if (status == exit_status::ok) status = exit_status::connection_lost;
    }

    if (config_.stats) {
        const std::string out = printed_summary(s, config_.format);
        std::fwrite(out.data(), 1, out.size(), stdout);
        std::fflush(stdout);
    }
    if (config_.report && !write_report(s, *config_.report)) {
        cli::print_error(program_, "report", "cannot write " + *config_.report);
        if (status == exit_status::ok) status = exit_status::internal;
    }
    return cli::to_int(status);
}

}  // namespace wsmqtt::load
