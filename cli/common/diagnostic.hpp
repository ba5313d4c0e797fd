#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace wsmqtt::cli {

// "<program>: <stage>: <message>" with every CR or LF in the message replaced by a space, so
// a diagnosis is always exactly one line (contracts.md). No trailing newline.
std::string format_error(std::string_view program, std::string_view stage, std::string_view message);

// Writes format_error(...) plus '\n' to stderr in one write.
void print_error(std::string_view program, std::string_view stage, std::string_view message);

// The stage name used for flag and URL errors (exit status 2).
inline constexpr std::string_view usage_stage = "usage";

// One print_error(program, "usage", e) per error, in order.
void print_usage_errors(std::string_view program, const std::vector<std::string>& errors);

}  // namespace wsmqtt::cli
