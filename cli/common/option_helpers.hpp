#pragma once
// How our flags are registered on CLI11, shared by the connection flags and each binary's own:
// mosquitto's habits (a later flag overrides an earlier one; repeatable flags take one value per
// occurrence) rather than CLI11's defaults.
#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace wsmqtt::cli {

// A single value; a later occurrence wins (-u a -u b is b), where CLI11 would refuse.
inline CLI::Option* add_value(CLI::App& app, const std::string& names, std::optional<std::string>& target,
                              const std::string& type, const std::string& help, const char* group) {
    return app.add_option(names, target, help)
        ->type_name(type)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast)
        ->group(group);
}

// Repeatable, one value per occurrence, so it never swallows a following positional.
inline CLI::Option* add_repeated(CLI::App& app, const std::string& names, std::vector<std::string>& target,
                                 const std::string& type, const std::string& help, const char* group) {
    return app.add_option(names, target, help)->type_name(type)->allow_extra_args(false)->group(group);
}

}  // namespace wsmqtt::cli
