// wsmqtt-fake-broker: a scripted, misbehaving MQTT broker for the integration tests
// (tests/integration/*-hostile-*.test.sh). It listens on 127.0.0.1, port 0 unless --port is
// given, prints the port as the first line of stdout (a test reads it: no sleeps), serves
// --connections connections with the --scenario, then exits 0. Events go to stderr, one line
// each ("fake-broker: CONN: WHAT"), so a test can check what the client did (e.g. DISCONNECT).
#include <CLI/CLI.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <cstdio>
#include <exception>
#include <string>

#include "tests/fake_broker/peer.hpp"
#include "tests/fake_broker/scenario.hpp"

namespace wsmqtt::fake_broker {
namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

struct broker_state {
    std::size_t connections_left = 1;
    std::size_t running = 0;
};

asio::awaitable<void> serve_one(tcp::socket socket, transport_kind kind, scenario_options options,
                                broker_state* state) {
    {
        peer p(std::move(socket), kind);
        std::fprintf(stderr, "fake-broker: %zu: accepted (%s, scenario %s)\n", p.id(),
                     kind == transport_kind::websocket ? "ws" : "tcp", options.name.c_str());
        co_await run_scenario(p, std::move(options));
        std::fprintf(stderr, "fake-broker: %zu: done\n", p.id());
    }
    --state->running;
}

asio::awaitable<void> accept_loop(tcp::acceptor* acceptor, transport_kind kind, scenario_options options,
                                  broker_state* state) {
    while (state->connections_left > 0) {
        auto [ec, socket] = co_await acceptor->async_accept(use_tuple);
        if (ec) {
            std::fprintf(stderr, "fake-broker: accept: %s\n", ec.message().c_str());
            co_return;
        }
        --state->connections_left;
        ++state->running;
        asio::co_spawn(acceptor->get_executor(), serve_one(std::move(socket), kind, options, state),
                       asio::detached);
    }
    acceptor->close();
    // Wait for the connections in progress, then end the process.
    asio::steady_timer poll(acceptor->get_executor());
    while (state->running > 0) {
        poll.expires_after(std::chrono::milliseconds(20));
        co_await poll.async_wait(use_tuple);
    }
}

int run(int argc, char** argv) {
    CLI::App app{"wsmqtt-fake-broker: a scripted misbehaving MQTT broker for tests"};
    scenario_options options;
    std::string transport = "tcp";
    std::size_t connections = 1;
    double lifetime = 60;
    unsigned short port = 0;
    std::string scenario_help = "Scenario:";
    for (const auto& s : scenarios()) scenario_help += "\n  " + std::string{s.name} + ": " + std::string{s.what};
    app.add_option("--scenario", options.name, scenario_help)->required();
    app.add_option("--transport", transport, "tcp or ws (WebSocket, sub-protocol mqtt, any path)")
        ->check(CLI::IsMember({"tcp", "ws"}));
    app.add_option("--port", port, "Port on 127.0.0.1 (default 0: any free port)");
    app.add_option("--connections", connections, "Connections to serve before exiting (default 1)");
    app.add_option("--lifetime", lifetime, "Exit after this many seconds whatever happens (default 60)");
    app.add_option("--count", options.count, "batched: PUBLISHes in one write (default 100)");
    app.add_option("--size", options.size,
                   "fragmented: bytes of the PUBLISH and v5 CONNACK; oversized-publish, huge-announced: "
                   "payload bytes (default 1000)");
    app.add_option("--frame-size", options.frame_size, "fragmented: bytes per frame (default 1)");
    app.add_flag("--one-message-per-frame", options.one_message_per_byte,
                 "fragmented: every piece its own WebSocket message instead of continuation frames");
    app.add_option("--dribble-ms", options.dribble_ms, "slowloris: milliseconds between bytes (default 1000)");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    if (!is_scenario(options.name)) {
        std::fprintf(stderr, "wsmqtt-fake-broker: unknown scenario '%s' (see --help)\n", options.name.c_str());
        return 2;
    }

    asio::io_context io;
    tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    std::printf("%u\n", static_cast<unsigned>(acceptor.local_endpoint().port()));
    std::fflush(stdout);

    broker_state state;
    state.connections_left = connections;
    const auto kind = transport == "ws" ? transport_kind::websocket : transport_kind::plain_tcp;
    asio::co_spawn(io, accept_loop(&acceptor, kind, options, &state), [&](std::exception_ptr e) {
        if (e) std::fprintf(stderr, "fake-broker: accept loop failed\n");
        io.stop();
    });
    asio::steady_timer bound(io);
    bound.expires_after(std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::duration<double>(lifetime)));
    bound.async_wait([&](const boost::system::error_code& ec) {
        if (ec) return;
        std::fprintf(stderr, "fake-broker: lifetime of %g s over; exiting\n", lifetime);
        io.stop();
    });
    io.run();
    std::fprintf(stderr, "fake-broker: exit\n");
    return 0;
}

}  // namespace
}  // namespace wsmqtt::fake_broker

int main(int argc, char** argv) {
    try {
        return wsmqtt::fake_broker::run(argc, argv);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "wsmqtt-fake-broker: %s\n", e.what());
        return 1;
    }
}
