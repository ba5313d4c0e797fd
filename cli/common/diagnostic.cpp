#include "cli/common/diagnostic.hpp"

#include <cstdio>

namespace wsmqtt::cli {

std::string format_error(std::string_view program, std::string_view stage, std::string_view message) {
    std::string line;
    line.reserve(program.size() + stage.size() + message.size() + 4);
    line += program;
    line += ": ";
    line += stage;
    line += ": ";
    for (char c : message) line += (c == '\n' || c == '\r') ? ' ' : c;
    return line;
}

void print_error(std::string_view program, std::string_view stage, std::string_view message) {
    std::string line = format_error(program, stage, message);
    line += '\n';
    // One fwrite so lines from concurrent writers do not interleave mid-line.
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
}

void print_usage_errors(std::string_view program, const std::vector<std::string>& errors) {
    for (const auto& e : errors) print_error(program, usage_stage, e);
}

}  // namespace wsmqtt::cli
