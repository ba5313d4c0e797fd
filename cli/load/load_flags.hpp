#pragma once
// The load-generation flags of wsmqtt-pub and wsmqtt-sub (--clients, --count, --size, --stamp,
// --connect-rate, --stats, --stats-format, --report), registered on the binary's CLI::App. Any
// of them switches the binary into load mode (cli/load/*_load.hpp).
#include <CLI/CLI.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wsmqtt::load {

enum class load_role : std::uint8_t { pub, sub };
enum class stats_format : std::uint8_t { text, json };

struct load_config {
    std::uint32_t clients = 1;                // --clients
    std::optional<std::uint64_t> count;       // --count: messages per client (pub)
    std::optional<std::size_t> size;          // --size: random payload of this many bytes (pub)
    bool stamp = false;                       // --stamp (pub)
    std::optional<double> connect_rate;       // --connect-rate: connections per second
    bool stats = false;                       // --stats
    stats_format format = stats_format::text; // --stats-format
    std::optional<std::string> report;        // --report FILE.html
    std::size_t read_buffer = 2048;           // --read-buffer: bytes per connection's reads
};

class load_flags {
public:
    load_flags(CLI::App& app, load_role role);
    load_flags(const load_flags&) = delete;
    load_flags& operator=(const load_flags&) = delete;

    // True when any load flag was given.
    [[nodiscard]] bool active() const noexcept;
    [[nodiscard]] bool size_given() const noexcept { return size_.has_value(); }
    // Appends one line per problem.
    std::optional<load_config> finish(std::vector<std::string>& errors) const;

private:
    load_role role_;
    std::optional<std::string> clients_, count_, size_, connect_rate_, stats_format_, report_, read_buffer_;
    bool stamp_ = false, stats_ = false;
};

}  // namespace wsmqtt::load
