#include "cli/sub/load_mode.hpp"

#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
#include <string>

#include "cli/common/diagnostic.hpp"
#include "cli/common/exit_status.hpp"
#include "cli/load/sub_load.hpp"
#include "cli/load/summary_merge.hpp"
#include "cli/load/summary_reader.hpp"
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

namespace {

// Far above any real summary (a day of timeline is ~3 MB); stops a wrong argument like /dev/zero.
constexpr std::size_t max_input = std::size_t{256} << 20;

// The whole file (or stdin), or nullopt with the reason it cannot be read in `problem`.
std::optional<std::string> read_all(const std::string& name, std::string& problem) {
    const bool stdin_wanted = name == "-";
    std::FILE* f = stdin_wanted ? stdin : std::fopen(name.c_str(), "rb");
    if (f == nullptr) {
        problem = std::strerror(errno);
        return std::nullopt;
    }
    std::string text;
    char buffer[65536];
    for (;;) {
        const auto n = std::fread(buffer, 1, sizeof buffer, f);
        text.append(buffer, n);
        if (n < sizeof buffer || text.size() > max_input) break;
    }
    const bool failed = std::ferror(f) != 0;
    const int error = errno;
    if (!stdin_wanted) std::fclose(f);
    if (failed) {
        problem = std::strerror(error);
        return std::nullopt;
    }
    if (text.size() > max_input) {
        problem = "larger than 256 MiB, not a summary";
        return std::nullopt;
    }
    return text;
}

}  // namespace

int run_merge_stats(const char* program, const load::merge_config& merge) {
    constexpr std::string_view stage = "merge-stats";
    load::summary_merge total;
    for (const auto& file : merge.files) {
        const std::string shown = file == "-" ? "<stdin>" : file;
        std::string problem;
        const auto text = read_all(file, problem);
        if (!text) {
            print_error(program, stage, shown + ": cannot read: " + problem);
            return to_int(exit_status::usage);
        }
        auto read = load::read_summaries(*text);
        if (read.error) {
            print_error(program, stage, shown + ": " + *read.error);
            return to_int(exit_status::usage);
        }
        for (std::size_t i = 0; i < read.summaries.size(); ++i) {
            if (auto not_merged = total.add(read.summaries[i])) {
                const auto where =
                    read.summaries.size() > 1 ? fmt::format("summary {}: ", i + 1) : std::string{};
                print_error(program, stage, shown + ": " + where + *not_merged);
                return to_int(exit_status::usage);
            }
        }
    }
    const auto s = total.result();
    // The report first: when it cannot be written, stdout stays empty rather than half the answer.
    if (merge.report) {
        std::ofstream file(*merge.report, std::ios::binary | std::ios::trunc);
        file << load::to_html(s);
        file.close();
        if (!file) {
            print_error(program, "report", "cannot write " + *merge.report);
            return to_int(exit_status::internal);
        }
    }
    const std::string out = merge.format == load::stats_format::json
                                ? boost::json::serialize(load::to_json(s)) + "\n"
                                : load::to_text(s);
    std::fwrite(out.data(), 1, out.size(), stdout);
    if (std::fflush(stdout) != 0) {
        print_error(program, "output", std::string{"cannot write stdout: "} + std::strerror(errno));
        return to_int(exit_status::internal);
    }
    return to_int(exit_status::ok);
}

}  // namespace wsmqtt::cli
