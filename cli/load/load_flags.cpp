#include "cli/load/load_flags.hpp"

#include "cli/common/flag_values.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace wsmqtt::load {
namespace {

std::optional<double> positive_number(std::string_view text, double max) {
    const auto value = cli::parse_decimal(text, max);
    if (!value || *value <= 0) return std::nullopt;
    return value;
}

std::string shown(std::string_view text) { return "'" + std::string(text.substr(0, 100)) + "'"; }

stats_format parse_stats_format(const std::string& text, std::vector<std::string>& errors) {
    if (text == "json") return stats_format::json;
    if (text != "text") errors.push_back("--stats-format " + shown(text) + " must be text or json");
    return stats_format::text;
}

std::string checked_report(const std::string& file, std::vector<std::string>& errors) {
    if (file.empty()) errors.emplace_back("--report needs a file name");
    return file;
}

}  // namespace

load_flags::load_flags(CLI::App& app, load_role role) : role_(role) {
    const char* group = "Load generation";
    app.add_option("--clients", clients_,
                   role == load_role::pub
                       ? "open N connections from this process (client ids <id>-1 ... <id>-N), each publishing"
                       : "open N connections from this process (client ids <id>-1 ... <id>-N), each subscribing "
                         "(fan-out)")
        ->type_name("N")
        ->group(group);
    if (role == load_role::pub) {
        app.add_option("--count", count_, "messages per client (load mode; default 1)")->type_name("N")->group(group);
        app.add_option("--size", size_, "random payload of BYTES bytes instead of -m (load mode)")
            ->type_name("BYTES")
            ->group(group);
        app.add_flag("--stamp", stamp_,
                     "put a 28-byte header (magic, run, publisher, sequence, send time) at the front of each payload, "
                     "for wsmqtt-sub --stats")
            ->group(group);
    }
    app.add_option("--connect-rate", connect_rate_, "open at most this many connections per second")
        ->type_name("PER_SECOND")
        ->group(group);
    app.add_flag("--stats", stats_,
                 role == load_role::pub
                     ? "print a live progress line (TTY) and a summary: rate, publish-to-ack latency percentiles"
                     : "count instead of printing: rate, loss/duplicates/reordering per publisher, end-to-end "
                       "latency percentiles (with wsmqtt-pub --stamp)")
        ->group(group);
    app.add_option("--stats-format", stats_format_, "the summary as text (default) or one JSON object")
        ->type_name("text|json")
        ->group(group);
    app.add_option("--report", report_, "write a self-contained HTML report of the run (chart and figures)")
        ->type_name("FILE.html")
        ->group(group);
    if (role == load_role::sub) {
        app.add_option("--merge-stats", merge_files_,
                       "print the combined summary of --stats-format json summaries read from FILEs (- for stdin), "
                       "without connecting")
            ->type_name("FILE")
            ->expected(1, -1)
            ->group(group);
    }
    app.add_option("--read-buffer", read_buffer_,
                   role == load_role::pub ? "bytes each connection reads at once in load mode (default 512)"
                                          : "bytes each connection reads at once in load mode (default 2048)")
        ->type_name("BYTES")
        ->group(group);
}

bool load_flags::active() const noexcept {
    return clients_ || count_ || size_ || stamp_ || connect_rate_ || stats_ || stats_format_ || report_ ||
           read_buffer_;
}

std::optional<load_config> load_flags::finish(std::vector<std::string>& errors) const {
    const auto before = errors.size();
    load_config c;
    if (clients_) {
        if (auto v = cli::parse_whole_number<std::uint32_t>(*clients_, 1, 100'000)) {
            c.clients = *v;
        } else {
            errors.push_back("--clients " + shown(*clients_) + " must be a number from 1 to 100000");
        }
    }
    if (count_) {
        if (auto v = cli::parse_whole_number<std::uint64_t>(*count_, 1, 1'000'000'000'000ULL)) {
            c.count = *v;
        } else {
            errors.push_back("--count " + shown(*count_) + " must be a number of messages per client from 1");
        }
    }
    if (size_) {
        if (auto v = cli::parse_whole_number<std::size_t>(*size_, 0, 256u << 20)) {
            c.size = *v;
        } else {
            errors.push_back("--size " + shown(*size_) + " must be a number of bytes from 0 to 268435456");
        }
    }
    c.stamp = stamp_;
    if (connect_rate_) {
        if (auto v = positive_number(*connect_rate_, 1e6)) {
            c.connect_rate = *v;
        } else {
            errors.push_back("--connect-rate " + shown(*connect_rate_) + " must be a number of connections per "
                             "second above 0");
        }
    }
    c.stats = stats_ || stats_format_.has_value();
    if (stats_format_) c.format = parse_stats_format(*stats_format_, errors);
    if (report_) {
        c.report = checked_report(*report_, errors);
        c.stats = true;
    }
    if (read_buffer_) {
        if (auto v = cli::parse_whole_number<std::size_t>(*read_buffer_, 256, 1u << 20)) {
            c.read_buffer = *v;
        } else {
            errors.push_back("--read-buffer " + shown(*read_buffer_) + " must be a number of bytes from 256 to 1048576");
        }
    } else if (role_ == load_role::pub) {
        // A publisher reads only acknowledgements; over TLS every connection keeps its buffer, so
        // 1,000 publishers save 1.5 MiB (tcp and ws connections share one).
        c.read_buffer = 512;
    }
    if (errors.size() != before) return std::nullopt;
    return c;
}

std::optional<merge_config> load_flags::finish_merge(std::vector<std::string>& errors) const {
    const auto before = errors.size();
    merge_config m;
    m.files = merge_files_;
    if (std::count(m.files.begin(), m.files.end(), "-") > 1) {
        errors.emplace_back("--merge-stats: - (stdin) can be given once");
    }
    if (std::count(m.files.begin(), m.files.end(), "") > 0) {
        errors.emplace_back("--merge-stats: empty file name");
    }
    if (stats_format_) m.format = parse_stats_format(*stats_format_, errors);
    if (report_) m.report = checked_report(*report_, errors);
    if (errors.size() != before) return std::nullopt;
    return m;
}

}  // namespace wsmqtt::load
