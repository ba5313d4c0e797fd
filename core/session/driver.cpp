#include "core/session/driver.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <string_view>
#include <utility>

#include "core/codec/buffer_release.hpp"
#include "core/codec/encoder.hpp"
#include "core/codec/errors.hpp"
#include "core/transport/probe.hpp"

namespace wsmqtt::session {

namespace asio = boost::asio;
using namespace std::chrono_literals;

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// How long the end of a connection may take: flushing DISCONNECT, WebSocket close, TLS
// close_notify. A dead broker must not hold the process.
constexpr std::chrono::milliseconds graceful_close_bound = 2s;

// The writer's buffer keeps its capacity from one batch to the next up to this size; a bigger one
// (a 16 MiB message) is given back before the next batch.
constexpr std::size_t kept_write_capacity = 256 * 1024;

template <class... F>
struct overloaded : F... {
    using F::operator()...;
};
template <class... F>
overloaded(F...) -> overloaded<F...>;

std::string describe_read_error(const boost::system::error_code& ec) {
    if (ec == asio::error::eof || ec == asio::ssl::error::stream_truncated) {
        return "the broker closed the connection";
    }
    if (ec == asio::error::connection_reset) return "the broker reset the connection";
    return "connection lost: " + ec.message();
}

// One buffer per size asked for, per thread, never freed nor moved: a pending read of another
// connection may hold a pointer into it.
std::span<std::uint8_t> shared_read_buffer(std::size_t size) {
    thread_local std::map<std::size_t, std::unique_ptr<std::uint8_t[]>> buffers;
    auto& buffer = buffers[size];
    if (!buffer) buffer = std::make_unique_for_overwrite<std::uint8_t[]>(size);
    return {buffer.get(), size};
}

bool starts_with_http(std::span<const std::uint8_t> bytes) {
    constexpr std::string_view http = "HTTP/";
    return bytes.size() >= http.size() && std::equal(http.begin(), http.end(), bytes.begin());
}

}  // namespace

struct driver::link {
    explicit link(std::unique_ptr<transport::byte_stream> s) : stream(std::move(s)) {}

    std::unique_ptr<transport::byte_stream> stream;
    // Packets are encoded straight into `pending`; the writer takes all of it at once, as one
    // write (one WebSocket message). MQTT over WebSocket lets one message carry several packets
    // and receivers must not assume packets align with messages ([MQTT-6.0.0-2] in 3.1.1 and
    // 5.0); a message per packet would cost a frame header, a mask pass and a write call each,
    // which was most of a bulk publisher's time over ws. One buffer instead of a queue of
    // per-packet vectors also spares an allocation and a copy per packet, and an idle
    // connection holds no queue at all.
    std::vector<std::uint8_t> pending;
    std::vector<std::uint8_t> writing;  // the batch under way; its capacity serves the next one
    std::size_t pending_packets = 0;
    std::size_t writing_packets = 0;  // in the write under way
    // Made when a close starts: a thousand idle connections need no timer for it.
    std::unique_ptr<asio::steady_timer> close_bound;
    bool writer_running = false;   // a write_loop exists; it ends when nothing is left to write
    bool close_requested = false;  // flush the queue, then close gracefully
    bool dead = false;             // failed or aborted: no more reads or writes
    std::string lost_reason;       // the first failure, for the session's message

    void fail(std::string why) {
        if (dead) return;
        dead = true;
        if (lost_reason.empty()) lost_reason = std::move(why);
        stream->abort();
        if (close_bound) close_bound->cancel();
    }
};

driver::driver(asio::any_io_executor executor, transport::transport_config transport, session& s,
               action_sink sink, transport::debug_log_fn debug_log, std::size_t read_buffer_size)
    : driver(std::move(executor), std::make_shared<const transport::transport_config>(std::move(transport)), s,
             std::move(sink), std::move(debug_log), read_buffer_size) {}

driver::driver(asio::any_io_executor executor, std::shared_ptr<const transport::transport_config> transport,
               session& s, action_sink sink, transport::debug_log_fn debug_log, std::size_t read_buffer_size)
    : executor_(std::move(executor)),
      transport_(std::move(transport)),
      session_(s),
      sink_(std::move(sink)),
      debug_(std::move(debug_log)),
      read_buffer_size_(std::max<std::size_t>(read_buffer_size, 16)),
      decoder_(s.version(), codec::sender::server),
      deadline_timer_(executor_),
      main_wake_(executor_, asio::steady_timer::time_point::max()) {}

driver::~driver() = default;

asio::awaitable<driver_outcome> driver::run() {
    arm_deadline_timer();
    driver_outcome outcome;
    for (;;) {
        if (aborted_) break;
        auto connection = co_await start_connect();
        if (aborted_) break;
        // The session may have ended while this (re)connect was under way (disconnect() from a
        // signal or a -W timer ends a session that has no connection); a new link would then
        // never see a CONNECT and hold the process.
        if (ended_) break;
        if (!connection.ok()) {
            if (!ever_connected_) {
                outcome.what = driver_outcome::kind::connect_failed;
                outcome.failure = std::move(connection.failure);
                break;
            }
            session_.on_connection_lost(clock::now(), connection.failure.message);
            process_actions();
        } else {
            co_await run_link(std::move(connection.stream));
        }
        while (!ended_ && !reconnect_requested_ && !aborted_) {
            main_wake_.expires_at(asio::steady_timer::time_point::max());
            co_await main_wake_.async_wait(use_tuple);
        }
        if (ended_ || aborted_) break;
        reconnect_requested_ = false;
    }
    if (aborted_) {
        outcome.what = driver_outcome::kind::aborted;
    } else if (ended_) {
        outcome.what = driver_outcome::kind::ended;
        outcome.ended = *ended_;
    }
    stopping_ = true;
    deadline_timer_.cancel();
    co_return outcome;
}

// A plain function returning the awaitable, not a coroutine: the copy of the settings that
// connect() takes then lives in connect's own frame, which ends with the connect, not in run()'s,
// which lasts as long as the driver (half a kilobyte for each of a thousand connections).
asio::awaitable<transport::connect_outcome> driver::start_connect() {
    return transport::connect(executor_, *transport_, debug_);
}

// The link's reader: it reads in this coroutine (the one run() awaits) rather than in a spawned
// one, and the writer exists only while there is something to write, so an idle connection holds
// one coroutine frame and one pending read instead of three frames, two spawns and three timers.
asio::awaitable<void> driver::run_link(std::unique_ptr<transport::byte_stream> stream) {
    auto l = std::make_shared<link>(std::move(stream));
    link_ = l;
    decoder_.reset();
    decoder_.set_version(session_.version());
    // What we advertised in CONNECT (v5 Maximum Packet Size) is what we accept.
    if (const auto limit = session_.config().connect_props.maximum_packet_size) decoder_.set_max_packet_size(*limit);
    if (debug_) debug_(std::string{"mqtt: sending CONNECT over "} + std::string{l->stream->name()});
    session_.start(clock::now());
    process_actions();
    // A stream that writes into the buffer only as it resumes us reads into the thread's shared
    // one: consume() is done with the bytes before the next suspension. A thousand connections
    // then hold no read buffer each.
    std::vector<std::uint8_t> own;
    std::span<std::uint8_t> buffer;
    if (l->stream->reads_when_resumed()) {
        buffer = shared_read_buffer(read_buffer_size_);
    } else {
        own.resize(read_buffer_size_);
        buffer = own;
    }
    bool undecodable = false;  // the decoder failed: nothing more is read on this link
    while (!l->dead && !undecodable) {
        auto got = co_await l->stream->read_some(asio::buffer(buffer.data(), buffer.size()));
        if (l->dead) break;
        if (!got) {
            l->fail(describe_read_error(got.error()));
            break;
        }
        undecodable = !consume(*l, std::span<const std::uint8_t>(buffer.data(), *got));
    }
    own = std::vector<std::uint8_t>{};
    // A close under way (DISCONNECT flushed, then the WebSocket/TLS/TCP close) ends the writer.
    while (l->writer_running) {
        main_wake_.expires_at(asio::steady_timer::time_point::max());
        co_await main_wake_.async_wait(use_tuple);
    }
    l->fail("connection ended");  // no-op when it already failed or was closed
    link_.reset();
    std::string what = l->lost_reason;
    if (!ever_connected_ && !l->close_requested && !aborted_) what = co_await diagnose_no_connack(what);
    session_.on_connection_lost(clock::now(), what);
    process_actions();
}

// Kept out of run_link: a coroutine's frame holds every local of its body for the whole life of
// the connection, and this part's strings and results would add about a kilobyte to each of a
// thousand connections.
bool driver::consume(link& l, std::span<const std::uint8_t> bytes) {
    decoder_.feed(bytes);
    for (;;) {
        auto next = decoder_.next();
        if (!next) {
            const bool too_large = next.error() == codec::codec_error::packet_too_large;
            std::string why = too_large ? "the broker sent a packet too large for our maximum packet size " +
                                              std::to_string(decoder_.max_packet_size())
                                        : "the broker sent a malformed packet: " + next.error().message();
            if (ever_connected_) {
                // The session tells a v5 broker why before the link closes.
                session_.on_undecodable(clock::now(), std::move(why), too_large);
                process_actions();
                if (!l.close_requested) l.fail("undecodable input");
            } else {
                l.fail(std::move(why));  // run_link diagnoses what answered instead of a CONNACK
            }
            return false;
        }
        if (!*next) return true;
        session_.on_packet(std::move(**next), clock::now());
        process_actions();
        if (l.dead) return true;
    }
}

void driver::wake_writer(const std::shared_ptr<link>& l) {
    if (l->writer_running || l->dead || (l->pending.empty() && !l->close_requested)) return;
    l->writer_running = true;
    asio::co_spawn(executor_, write_loop(l), asio::detached);
}

// Runs while there is something to write or a close to carry out, then ends; wake_writer starts
// it again for the next packet.
asio::awaitable<void> driver::write_loop(std::shared_ptr<link> l) {
    while (!l->dead) {
        if (l->pending.empty()) {
            if (l->close_requested) {
                co_await l->stream->close_gracefully(graceful_close_bound);
                l->dead = true;
                if (l->close_bound) l->close_bound->cancel();
            }
            break;
        }
        // Take everything encoded so far (`writing` is empty); new packets go into the buffer the
        // last write used.
        l->writing.swap(l->pending);
        l->writing_packets = std::exchange(l->pending_packets, 0);
        auto written = co_await l->stream->write(l->writing);
        l->writing_packets = 0;
        codec::clear_and_release_if_above(l->writing, kept_write_capacity);
        if (!written && !l->dead) {
            l->fail("write failed: " + written.error().message());
        }
    }
    l->writer_running = false;
    wake_main();  // run_link may be waiting for the close to finish
}

// A plain handler rather than a coroutine: a coroutine frame and its spawn cost each of a
// thousand connections some 600 bytes for a loop that only waits.
void driver::arm_deadline_timer() {
    if (stopping_) return;
    const auto deadline = session_.next_deadline();
    deadline_timer_.expires_at(deadline.value_or(asio::steady_timer::time_point::max()));
    armed_ = deadline;
    deadline_timer_.async_wait([this, deadline](const boost::system::error_code&) {
        // Woken early (cancelled because the session has an earlier deadline now) or on time.
        if (stopping_) return;
        const auto now = clock::now();
        if (deadline && now >= *deadline) {
            session_.on_timer(now);
            process_actions();
        }
        arm_deadline_timer();
    });
}

asio::awaitable<std::string> driver::diagnose_no_connack(std::string what) {
    // The peer did not answer CONNECT with a CONNACK. If it spoke HTTP, or a fresh connection shows
    // that it does, the user has pointed an mqtt:// URL at a WebSocket listener.
    const std::string where = transport::url_of(*transport_);
    std::string prefix = "no CONNACK from " + where + ": " + (what.empty() ? "connection closed" : what);
    transport::port_protocol found = transport::port_protocol::unknown;
    if (starts_with_http(decoder_.buffered())) {
        found = transport::port_protocol::http;
        prefix = "no CONNACK from " + where + ": the server answered HTTP";
    } else if (!transport::uses_websocket(transport_->kind) && !transport_->proxy) {
        transport::probe_request request;
        request.try_tls = false;
        request.try_mqtt = false;
        request.try_http = true;
        found = co_await transport::probe_port(executor_, transport_->host, transport_->port, request, debug_);
    }
    const std::string hint =
        transport::probe_hint(found, transport_->kind, transport_->host, transport_->port, transport_->ws_target);
    co_return hint.empty() ? prefix : prefix + "; " + hint;
}

void driver::poke() { process_actions(); }

std::size_t driver::write_queue_length() const noexcept {
    return link_ ? link_->pending_packets + link_->writing_packets : 0;
}

void driver::abort() {
    aborted_ = true;
    if (link_) link_->fail("aborted");
    wake_main();
}

void driver::wake_main() { main_wake_.cancel(); }

void driver::process_actions() {
    if (processing_) return;  // the outer call drains whatever this one would have
    processing_ = true;
    for (auto actions = session_.take_actions(); !actions.empty(); actions = session_.take_actions()) {
        for (auto& a : actions) carry_out(std::move(a));
    }
    processing_ = false;
    const auto deadline = session_.next_deadline();
    if (deadline && (!armed_ || *deadline < *armed_)) deadline_timer_.cancel();
}

void driver::carry_out(action a) {
    std::visit(overloaded{
                   [&](send_packet& s) {
                       if (!link_ || link_->dead) return;
                       // encode() checks the whole packet before it appends anything.
                       if (auto encoded = codec::encode(s.packet, session_.version(), link_->pending); !encoded) {
                           link_->fail("cannot encode a packet: " + encoded.error().message());
                           return;
                       }
                       ++link_->pending_packets;
                       wake_writer(link_);
                   },
                   [&](close_connection& c) {
                       sink_(a);
                       if (!link_) return;
                       auto l = link_;
                       if (c.reason == close_reason::keepalive_timeout) {
                           // The broker is gone: a graceful close would only wait for it.
                           l->fail(c.message);
                           return;
                       }
                       l->close_requested = true;
                       if (c.reason != close_reason::normal && l->lost_reason.empty()) l->lost_reason = c.message;
                       wake_writer(l);
                       // Bound the flush and the close: a dead broker must not hold the process.
                       if (!l->close_bound) l->close_bound = std::make_unique<asio::steady_timer>(executor_);
                       l->close_bound->expires_after(graceful_close_bound + 1s);
                       l->close_bound->async_wait([l](const boost::system::error_code& ec) {
                           if (!ec) l->fail("closing took too long");
                       });
                   },
                   [&](open_connection&) {
                       reconnect_requested_ = true;
                       wake_main();
                   },
                   [&](session_ended& e) {
                       ended_ = e;
                       sink_(a);
                       wake_main();
                   },
                   [&](connected&) {
                       ever_connected_ = true;
                       sink_(a);
                   },
                   // The whole action goes to the sink, never the alternative: converting that back to
                   // an `action` would copy it, and a delivered 16 MiB message with it.
                   [&](auto&) { sink_(a); },
               },
               a);
}

}  // namespace wsmqtt::session
