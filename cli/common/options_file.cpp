#include "cli/common/options_file.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace wsmqtt::cli {
namespace {

bool is_blank(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

// Options that only make sense on the command line: an options file naming another would need
// cycle rules, and --help in a file would make every run print help.
constexpr std::array<std::string_view, 7> command_line_only{
    "--options-file", "--no-options-file", "--help", "--version", "--list-options", "--completion", "--help-all"};

std::string shown(std::string_view text) {
    std::string out;
    for (char c : text.substr(0, 80)) {
        const auto u = static_cast<unsigned char>(c);
        out += (u < 0x20 || u == 0x7f) ? '?' : c;
    }
    return out;
}

}  // namespace

std::optional<std::vector<std::string>> split_option_line(std::string_view line, std::string& error) {
    std::vector<std::string> words;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && is_blank(line[i])) ++i;
        if (i >= line.size() || line[i] == '#') break;
        std::string word;
        while (i < line.size() && !is_blank(line[i])) {
            const char c = line[i];
            if (c == '\'') {
                const auto close = line.find('\'', i + 1);
                if (close == std::string_view::npos) {
                    error = "unterminated ' quote";
                    return std::nullopt;
                }
                word.append(line.substr(i + 1, close - i - 1));
                i = close + 1;
            } else if (c == '"') {
                ++i;
                bool closed = false;
                while (i < line.size()) {
                    if (line[i] == '"') {
                        closed = true;
                        ++i;
                        break;
                    }
                    if (line[i] == '\\' && i + 1 < line.size() && (line[i + 1] == '"' || line[i + 1] == '\\')) ++i;
                    word += line[i++];
                }
                if (!closed) {
                    error = "unterminated \" quote";
                    return std::nullopt;
                }
            } else if (c == '\\') {
                if (i + 1 >= line.size()) {
                    error = "backslash at the end of the line";
                    return std::nullopt;
                }
                word += line[i + 1];
                i += 2;
            } else {
                word += c;
                ++i;
            }
        }
        words.push_back(std::move(word));
    }
    return words;
}

std::vector<options_line> parse_options_text(std::string_view text, const std::string& file_name,
                                             std::vector<std::string>& errors) {
    std::vector<options_line> lines;
    std::size_t number = 0;
    while (!text.empty()) {
        ++number;
        const auto end = text.find('\n');
        const std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);

        const auto where = file_name + ":" + std::to_string(number) + ": ";
        if (line.find('\0') != std::string_view::npos) {
            errors.push_back(where + "the line holds a NUL byte");
            continue;
        }
        std::string error;
        auto words = split_option_line(line, error);
        if (!words) {
            errors.push_back(where + error);
            continue;
        }
        if (words->empty()) continue;
        const std::string& first = words->front();
        if (first.size() < 2 || first[0] != '-' || first == "--") {
            errors.push_back(where + "'" + shown(first) +
                             "' is not an option; write one option per line as on the command line, e.g. "
                             "'-h localhost' or '--cafile /path/ca.pem'");
            continue;
        }
        const std::string_view name = std::string_view{first}.substr(0, first.find('='));
        bool refused = false;
        for (auto only : command_line_only) {
            if (name == only) {
                errors.push_back(where + std::string(only) + " can only be given on the command line");
                refused = true;
            }
        }
        if (refused) continue;
        lines.push_back(options_line{file_name, number, std::move(*words)});
    }
    return lines;
}

std::vector<options_line> read_options_file(const std::string& path, bool required,
                                            std::vector<std::string>& errors) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status)) {
        if (required) errors.push_back("--options-file '" + shown(path) + "': no such file");
        return {};
    }
    if (std::filesystem::is_directory(status)) {
        errors.push_back("options file '" + shown(path) + "' is a directory, not a file");
        return {};
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        errors.push_back("options file '" + shown(path) + "': " + std::strerror(errno));
        return {};
    }
    // An options file is a few lines; a cap keeps /dev/zero or a mistaken binary from eating memory.
    constexpr std::size_t max_size = 1024 * 1024;
    std::string text;
    text.resize(max_size + 1);
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (in.bad()) {
        errors.push_back("options file '" + shown(path) + "': read error");
        return {};
    }
    if (text.size() > max_size) {
        errors.push_back("options file '" + shown(path) + "' is larger than 1 MiB");
        return {};
    }
    return parse_options_text(text, path, errors);
}

std::optional<std::string> default_options_file(std::string_view tool, const char* xdg_config_home,
                                                const char* home) {
    if (xdg_config_home != nullptr && xdg_config_home[0] == '/') {
        return std::string(xdg_config_home) + "/wsmqtt/" + std::string(tool);
    }
    if (home != nullptr && home[0] != '\0') return std::string(home) + "/.config/wsmqtt/" + std::string(tool);
    return std::nullopt;
}

std::optional<std::string> options_tool_name(std::string_view program) {
    if (program == "wsmqtt-pub") return "pub";
    if (program == "wsmqtt-sub") return "sub";
    return std::nullopt;
}

options_file_choice scan_options_file_flags(const std::vector<std::string>& args) {
    options_file_choice choice;
    constexpr std::string_view flag = "--options-file";
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view a = args[i];
        if (a == "--no-options-file") {
            choice.no_default = true;
        } else if (a == flag && i + 1 < args.size()) {
            choice.files.push_back(args[++i]);
            choice.no_default = true;
        } else if (a.size() > flag.size() && a.substr(0, flag.size()) == flag && a[flag.size()] == '=') {
            choice.files.emplace_back(a.substr(flag.size() + 1));
            choice.no_default = true;
        }
    }
    return choice;
}

}  // namespace wsmqtt::cli
