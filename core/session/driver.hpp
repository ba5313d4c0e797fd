#pragma once
// The thin Asio driver that carries out a session's actions: one transport connection at a time,
// its reads, one write buffer and one timer, all on one io_context thread. It owns no MQTT
// logic: packets and timer expiries go into the session, actions come out; the ones that are not
// transport work (deliveries, completions, reports) go to the application's action sink.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/codec/stream_decoder.hpp"
#include "core/session/actions.hpp"
#include "core/session/session.hpp"
#include "core/transport/byte_stream.hpp"
#include "core/transport/config.hpp"
#include "core/transport/connect.hpp"

namespace wsmqtt::session {

// How run() ended.
struct driver_outcome {
    enum class kind : std::uint8_t {
        ended,           // the session ended (see `ended`): normal end or a decided failure
        connect_failed,  // the very first transport connect failed (see `failure`)
        aborted,         // abort() was called
    };
    kind what = kind::ended;
    session_ended ended;
    transport::connect_failure failure;
};

class driver {
public:
    using action_sink = std::function<void(const action&)>;

    // Bytes read from the transport per read_some. Large suits one fast connection; a process
    // holding thousands of connections (wsmqtt-pub/sub --clients) passes a small one, since every
    // connection keeps its buffer for its whole life.
    static constexpr std::size_t default_read_buffer_size = 64 * 1024;

    driver(boost::asio::any_io_executor executor, transport::transport_config transport, session& s,
           action_sink sink, transport::debug_log_fn debug_log,
           std::size_t read_buffer_size = default_read_buffer_size);
    // Many drivers to one broker (--clients): the transport settings (URL, TLS and WebSocket
    // options: over half a kilobyte) are shared.
    driver(boost::asio::any_io_executor executor, std::shared_ptr<const transport::transport_config> transport,
           session& s, action_sink sink, transport::debug_log_fn debug_log,
           std::size_t read_buffer_size = default_read_buffer_size);
    driver(const driver&) = delete;
    driver& operator=(const driver&) = delete;
    ~driver();

    // Connects, runs the session until it ends, reconnecting when the session asks for it.
    boost::asio::awaitable<driver_outcome> run();

    // Call after a command was given to the session (publish, subscribe, disconnect) from outside
    // the action sink: carries out the actions it produced and re-arms the timer.
    void poke();

    // Stops at once: the connection is dropped without DISCONNECT and run() returns `aborted`.
    void abort();

    // True once a CONNACK has been accepted on some connection of this run.
    [[nodiscard]] bool ever_connected() const noexcept { return ever_connected_; }

    // Packets encoded and waiting to be written on the current connection (0 without one). The
    // session's ready_for_more() cannot see these: QoS 0 messages leave the session at once, so a
    // publisher fed faster than the network drains must also watch this to keep memory bounded.
    [[nodiscard]] std::size_t write_queue_length() const noexcept;

private:
    struct link;  // one transport connection and its write queue

    boost::asio::awaitable<transport::connect_outcome> start_connect();
    boost::asio::awaitable<void> run_link(std::unique_ptr<transport::byte_stream> stream);
    boost::asio::awaitable<void> write_loop(std::shared_ptr<link> l);
    void wake_writer(const std::shared_ptr<link>& l);
    bool consume(link& l, std::span<const std::uint8_t> bytes);  // false: undecodable, stop reading
    void arm_deadline_timer();
    boost::asio::awaitable<std::string> diagnose_no_connack(std::string what);

    void process_actions();
    void carry_out(action a);
    void wake_main();

    boost::asio::any_io_executor executor_;
    std::shared_ptr<const transport::transport_config> transport_;  // never null
    session& session_;
    action_sink sink_;
    transport::debug_log_fn debug_;
    std::size_t read_buffer_size_;

    codec::stream_decoder decoder_;
    std::shared_ptr<link> link_;
    boost::asio::steady_timer deadline_timer_;
    boost::asio::steady_timer main_wake_;
    std::optional<boost::asio::steady_timer::time_point> armed_;  // what deadline_timer_ waits for
    bool processing_ = false;
    bool reconnect_requested_ = false;
    bool aborted_ = false;
    bool stopping_ = false;
    bool ever_connected_ = false;
    std::optional<session_ended> ended_;
};

}  // namespace wsmqtt::session
