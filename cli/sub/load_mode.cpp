#include "cli/sub/load_mode.hpp"

#include "cli/load/sub_load.hpp"
#include "cli/runtime/runtime_config.hpp"
#include "cli/version.hpp"

namespace wsmqtt::cli {

int run_sub_load(const char* program, const connection_config& connection, sub_config sub,
                 session::session_config session_config, load::load_config load) {
    load::sub_load_settings settings;
    settings.subscriptions = std::move(sub.subscriptions);
    settings.subscribe_props = std::move(sub.subscribe_props);
    if (sub.count) settings.count = *sub.count;
    settings.timeout = sub.timeout;
    // -C N counts messages over every client, not per connection: no Receive Maximum of N.
    session_config.connect_props.receive_maximum = sub.connect_props.receive_maximum;
    auto transport = make_transport_config(connection, std::string{"wsmqtt/"} + wsmqtt_version);
    load::sub_load runner{program, std::move(load), std::move(transport), std::move(session_config),
                          std::move(settings)};
    return runner.run();
}

}  // namespace wsmqtt::cli
