#pragma once

#include <array>
#include <string_view>

namespace wsmqtt::cli {

// The process exit status of both binaries (README and contracts.md). One meaning per code,
// so scripts can branch on it; the failing stage decides the code.
enum class exit_status : int {
    ok = 0,
    internal = 1,
    usage = 2,
    network = 3,
    tls = 4,
    websocket = 5,
    connack_refused = 6,
    publish_rejected = 7,
    subscribe_rejected = 8,
    connection_lost = 9,
    timed_out = 10,
    interrupted = 130,
};

constexpr int to_int(exit_status s) noexcept { return static_cast<int>(s); }

struct exit_status_row {
    exit_status status;
    std::string_view name;
    std::string_view meaning;
};

// The README table, for man pages and --help footers.
inline constexpr std::array<exit_status_row, 12> exit_status_table{{
    {exit_status::ok, "ok", "success"},
    {exit_status::internal, "internal", "internal error"},
    {exit_status::usage, "usage", "usage or invalid input (flags, URL, topic)"},
    {exit_status::network, "network",
     "network: name resolution, TCP connect (refused, unreachable) or connect timeout"},
    {exit_status::tls, "tls", "TLS handshake or certificate verification failed"},
    {exit_status::websocket, "websocket", "WebSocket upgrade refused or failed, or sub-protocol not agreed"},
    {exit_status::connack_refused, "connack_refused", "the broker refused the connection (CONNACK)"},
    {exit_status::publish_rejected, "publish_rejected",
     "the broker rejected a publish (PUBACK/PUBREC reason >= 0x80)"},
    {exit_status::subscribe_rejected, "subscribe_rejected", "the broker rejected a subscription"},
    {exit_status::connection_lost, "connection_lost",
     "connection lost or closed by the broker (also: no CONNACK, or garbage instead of one)"},
    {exit_status::timed_out, "timed_out", "timed out waiting (-W, acknowledgements)"},
    {exit_status::interrupted, "interrupted", "interrupted before the work was done"},
}};

constexpr std::string_view exit_status_name(exit_status s) noexcept {
    for (const auto& row : exit_status_table) {
        if (row.status == s) return row.name;
    }
    return "unknown";
}

}  // namespace wsmqtt::cli
