#pragma once
// wsmqtt-pub's own flags (mosquitto_pub's spelling and meaning), bound on the shared CLI::App and
// validated into a pub_config after parsing.
#include <CLI/CLI.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/common/connection_config.hpp"

namespace wsmqtt::cli {

enum class payload_source : std::uint8_t { message, file, stdin_whole, stdin_lines, null_message };

struct pub_config {
    std::string topic;
    payload_source source = payload_source::message;
    std::string message;    // -m
    std::string file;       // -f
    std::uint8_t qos = 0;
    bool retain = false;
    std::uint16_t max_inflight = 20;
    bool quiet = false;
};

class pub_flags {
public:
    explicit pub_flags(CLI::App& app);
    pub_flags(const pub_flags&) = delete;
    pub_flags& operator=(const pub_flags&) = delete;

    // Appends one line per problem; the topic may come from an mqtt:// URL's path.
    std::optional<pub_config> finish(const connection_config& connection, std::vector<std::string>& errors) const;

private:
    std::optional<std::string> topic_, message_, file_, qos_, max_inflight_;
    bool stdin_file_ = false, stdin_line_ = false, null_message_ = false, retain_ = false, quiet_ = false;
};

}  // namespace wsmqtt::cli
