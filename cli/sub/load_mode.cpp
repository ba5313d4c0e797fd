#include "cli/sub/load_mode.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>

#include "cli/common/diagnostic.hpp"
#include "cli/common/exit_status.hpp"
#include "cli/common/read_all.hpp"
#include "cli/load/summary_output.hpp"
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

// The whole file (or stdin for "-"), or nullopt with the reason in `problem`.
std::optional<std::string> read_summary_file(const std::string& name, std::string& problem) {
    const bool stdin_wanted = name == "-";
    const int fd = stdin_wanted ? STDIN_FILENO : ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        problem = std::strerror(errno);
        return std::nullopt;
    }
    std::string text;
    const bool ok = read_all(fd, text, max_input, problem);
    if (!stdin_wanted) ::close(fd);
    if (!ok) return std::nullopt;
    return text;
}

}  // namespace

int run_merge_stats(const char* program, const load::merge_config& merge) {
    constexpr std::string_view stage = "merge-stats";
    load::summary_merge total;
    for (const auto& file : merge.files) {
        const std::string shown = file == "-" ? "<stdin>" : file;
        std::string problem;
        const auto text = read_summary_file(file, problem);
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
    if (merge.report && !load::write_report(s, *merge.report)) {
        print_error(program, "report", "cannot write " + *merge.report);
        return to_int(exit_status::internal);
    }
    const std::string out = load::printed_summary(s, merge.format);
    std::fwrite(out.data(), 1, out.size(), stdout);
    if (std::fflush(stdout) != 0) {
        print_error(program, "output", std::string{"cannot write stdout: "} + std::strerror(errno));
        return to_int(exit_status::internal);
    }
    return to_int(exit_status::ok);
}

}  // namespace wsmqtt::cli
