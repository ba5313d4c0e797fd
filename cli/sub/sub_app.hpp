#pragma once
// What wsmqtt-sub does once connected: subscribes (and unsubscribes, -U), renders each message
// through core/output into the stdout writer, and decides when the run is over (-C, -W, -E,
// --retained-only, a closed stdout, SIGINT/SIGTERM, every subscription denied).
#include <boost/asio/steady_timer.hpp>

#include <cstdint>
#include <optional>

#include "cli/runtime/client_runner.hpp"
#include "cli/sub/stdout_writer.hpp"
#include "cli/sub/sub_flags.hpp"
#include "core/output/formatter.hpp"

namespace wsmqtt::cli {

class sub_app : public client_app {
public:
    sub_app(sub_config config, output::formatter formatter, stdout_writer& out);

    void on_action(client_runner& runner, const session::action& a) override;
    void on_interrupt(client_runner& runner) override;

    [[nodiscard]] std::uint64_t printed() const noexcept { return printed_; }

private:
    void on_connected(client_runner& runner);
    void on_subscribed(client_runner& runner, const session::subscribed& s);
    void on_unsubscribed(client_runner& runner, const session::unsubscribed& u);
    void on_message(client_runner& runner, const codec::publish& message);
    bool filtered_out(const std::string& topic) const;
    void print(client_runner& runner, const codec::publish& message);
    void request_done(client_runner& runner);

    // Output is written once per batch of messages (one read from the broker): the first message
    // of a batch posts a flush, which runs after the driver has handed over the whole read.
    void schedule_flush(client_runner& runner);
    bool flush(client_runner& runner);  // false: stdout is gone and the run is ending
    void end(client_runner& runner);    // the work is done: exit 0 once in-flight removals finished

    sub_config config_;
    output::formatter formatter_;
    stdout_writer& out_;
    std::optional<boost::asio::steady_timer> timeout_;
    bool started_ = false;
    bool finished_ = false;
    bool flush_posted_ = false;
    std::size_t requests_pending_ = 0;  // our SUBSCRIBE and UNSUBSCRIBE awaiting their acks
    std::uint64_t printed_ = 0;
};

}  // namespace wsmqtt::cli
