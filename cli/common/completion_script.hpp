#pragma once
// Shell completion scripts generated from the binaries' own CLI11 option tree (the hidden
// `--completion bash|zsh|fish` mode), so the committed completions/ can be checked for drift by
// regenerating them. What an option's value completes to comes from its type name:
//   "a|b|c" (lower case)   the listed words (-V 5|311|31, --protocol mqtt|mqtts|ws|wss, -q 0|1|2)
//   "json" (lower case)    that one word
//   FILE                   file names;  DIR: directory names;  anything else: nothing offered
#include <CLI/CLI.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace wsmqtt::cli {

enum class completion_value : std::uint8_t { none, words, file, directory };

// One visible option as the completion scripts see it.
struct completion_option {
    std::vector<std::string> short_names;  // without the dash: "h"
    std::vector<std::string> long_names;   // without the dashes: "host"
    bool takes_value = false;
    completion_value value = completion_value::none;
    std::vector<std::string> words;  // for completion_value::words
    std::string description;         // one short line, no quotes or brackets
};

// The visible options of app (hidden ones, in the empty group, are left out), in --help order.
std::vector<completion_option> completion_options(const CLI::App& app);

// The script for shell ("bash", "zsh" or "fish") completing app.get_name(); empty for another shell.
std::string completion_script(const CLI::App& app, std::string_view shell);

}  // namespace wsmqtt::cli
