#pragma once
// Options files, as mosquitto's ~/.config/mosquitto_pub: default flags for a tool, one option per
// line exactly as on the command line ("-h localhost", "--cafile /etc/ssl/ca.pem",
// "--ws-header 'Authorization: Bearer x'"), '#' comments and blank lines. Pure apart from reading
// the file; CLI11 checks each line's option in parse_connection.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wsmqtt::cli {

// One option line of a file: where it is (for the error) and its words.
struct options_line {
    std::string file;
    std::size_t number = 0;  // 1-based
    std::vector<std::string> words;
};

// Splits a line into words the way a shell would for the simple cases: blanks separate words;
// '...' keeps everything literally; "..." keeps blanks and takes \" and \\ as escapes; outside
// quotes a backslash keeps the next character. A '#' starting a word starts a comment. Returns
// nullopt and sets error on an unterminated quote or a trailing backslash.
std::optional<std::vector<std::string>> split_option_line(std::string_view line, std::string& error);

// The option lines of a file's text. Appends "FILE:LINE: what is wrong" to errors for a line that
// does not start with an option, an unterminated quote, and the options a file cannot hold
// (--options-file, --no-options-file, --help, --version and the hidden modes).
std::vector<options_line> parse_options_text(std::string_view text, const std::string& file_name,
                                             std::vector<std::string>& errors);

// Reads and parses a file. A missing file is an error when `required` (--options-file), and
// nothing at all otherwise (the default file is optional).
std::vector<options_line> read_options_file(const std::string& path, bool required,
                                            std::vector<std::string>& errors);

// $XDG_CONFIG_HOME/wsmqtt/TOOL, else $HOME/.config/wsmqtt/TOOL; nullopt when neither variable is
// set (or XDG_CONFIG_HOME is relative, which the XDG spec says to ignore). tool: "pub" or "sub".
std::optional<std::string> default_options_file(std::string_view tool, const char* xdg_config_home,
                                                const char* home);

// "pub" for "wsmqtt-pub", "sub" for "wsmqtt-sub", nullopt for other program names (tests).
std::optional<std::string> options_tool_name(std::string_view program);

// Where the options of argv say to look: the --options-file files in order, or the default file;
// none with --no-options-file. Scans argv (without the program name) before CLI11 parses it.
struct options_file_choice {
    std::vector<std::string> files;  // --options-file, in order
    bool no_default = false;         // --no-options-file, or any --options-file
};
options_file_choice scan_options_file_flags(const std::vector<std::string>& args);

}  // namespace wsmqtt::cli
