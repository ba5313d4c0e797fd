#include <charconv>

#include "cli/common/flag_values.hpp"
#include "cli/common/resolve.hpp"

namespace wsmqtt::cli::detail {

void resolve_waiting(const raw_connection_flags& raw, connection_config& config, std::vector<std::string>& errors) {
    if (raw.wait_broker) {
        if (auto t = parse_seconds_flag(*raw.wait_broker, "--wait-broker", false)) {
            config.wait_broker = *t;
        } else {
            errors.push_back(t.error().message);
        }
    }

    auto& policy = config.reconnect;
    policy.enabled = !raw.no_reconnect;
    if (raw.reconnect_delay) {
        if (auto t = parse_seconds_flag(*raw.reconnect_delay, "--reconnect-delay", true)) {
            policy.initial_delay = *t;
        } else {
            errors.push_back(t.error().message);
        }
    }
    if (raw.reconnect_max) {
        if (auto t = parse_seconds_flag(*raw.reconnect_max, "--reconnect-max", true)) {
            policy.max_delay = *t;
        } else {
            errors.push_back(t.error().message);
        }
    }
    // The back-off doubles from the first delay; a cap below it would make the first wait the longest.
    if (policy.max_delay < policy.initial_delay) policy.max_delay = policy.initial_delay;
    if (raw.reconnect_attempts) {
        const auto& text = *raw.reconnect_attempts;
        std::uint32_t n = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
        if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || n > 1'000'000'000) {
            errors.push_back("--reconnect-attempts " + quote(text) + " must be a number from 0 to 1000000000");
        } else {
            policy.max_attempts = n;
        }
    }
    if (raw.no_reconnect && (raw.reconnect_delay || raw.reconnect_max || raw.reconnect_attempts)) {
        errors.emplace_back("--no-reconnect cannot be combined with --reconnect-delay/-max/-attempts");
    }
}

}  // namespace wsmqtt::cli::detail
