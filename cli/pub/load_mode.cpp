#include "cli/pub/load_mode.hpp"

#include "cli/load/pub_load.hpp"
#include "cli/load/stamp.hpp"
#include "cli/runtime/runtime_config.hpp"
#include "cli/version.hpp"

namespace wsmqtt::cli {

void check_pub_load(const pub_config& pub, const load::load_config& load, bool size_given,
                    std::vector<std::string>& errors) {
    if (pub.source == payload_source::stdin_records) {
        errors.emplace_back("load mode (--clients, --count, --stats, ...) publishes -m, -f, -s, -n or --size "
                            "messages, not stdin lines (-l/-0)");
    }
    if (size_given && (pub.source == payload_source::message || pub.source == payload_source::file ||
                       pub.source == payload_source::stdin_whole)) {
        errors.emplace_back("--size draws a random payload: give it without -m, -f or -s");
    }
    if (pub.repeat != 1) errors.emplace_back("in load mode give --count N (messages per client) instead of --repeat");
    if (load.stamp && load.size && *load.size < load::stamp_size) {
        errors.push_back("--size " + std::to_string(*load.size) + " is too small for --stamp's " +
                         std::to_string(load::stamp_size) + "-byte header");
    }
}

int run_pub_load(const char* program, const connection_config& connection, pub_config pub, std::vector<std::uint8_t> payload,
                 session::session_config session_config, load::load_config load) {
    load::pub_load_settings settings;
    settings.topic = pub.topic;
    if (pub.source == payload_source::message && !load.size) settings.message = pub.message;
    settings.payload = std::move(payload);
    settings.qos = pub.qos;
    settings.retain = pub.retain;
    settings.props = pub.props.publish;
    settings.rate = pub.rate;
    auto transport = make_transport_config(connection, std::string{"wsmqtt/"} + wsmqtt_version);
    load::pub_load runner{program, std::move(load), std::move(transport), std::move(session_config),
                          std::move(settings)};
    return runner.run();
}

}  // namespace wsmqtt::cli
