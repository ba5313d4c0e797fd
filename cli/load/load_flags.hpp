#pragma once
// The load-generation flags of wsmqtt-pub and wsmqtt-sub (--clients, --count, --size, --stamp,
// --connect-rate, --stats, --stats-format, --report), registered on the binary's CLI::App. Any
// of them switches the binary into load mode (cli/load/*_load.hpp). wsmqtt-sub also takes
// --merge-stats FILE..., a mode of its own that makes no connection (summary_merge.hpp).
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
    std::size_t read_buffer = 2048;           // --read-buffer: bytes per connection's reads (pub: 512)
};

// wsmqtt-sub --merge-stats FILE... [--stats-format json] [--report FILE.html].
struct merge_config {
    std::vector<std::string> files;  // "-" (at most once) is stdin
    stats_format format = stats_format::text;
    std::optional<std::string> report;
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

    // True when --merge-stats was given (wsmqtt-sub).
    [[nodiscard]] bool merge_requested() const noexcept { return !merge_files_.empty(); }
    // The merge's files and output; only --stats-format and --report are read (and checked).
    std::optional<merge_config> finish_merge(std::vector<std::string>& errors) const;

private:
    load_role role_;
    std::optional<std::string> clients_, count_, size_, connect_rate_, stats_format_, report_, read_buffer_;
    std::vector<std::string> merge_files_;
    bool stamp_ = false, stats_ = false;
};

}  // namespace wsmqtt::load
