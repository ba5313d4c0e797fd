// Options files ($XDG_CONFIG_HOME/wsmqtt/pub, --options-file, --no-options-file), WSMQTT_URL, the
// shared reconnect flags and --wait-broker.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "cli/common/options_file.hpp"
#include "harness.hpp"

namespace wsmqtt::cli::test {
namespace {

std::vector<std::string> words(std::string_view line) {
    std::string error;
    auto w = split_option_line(line, error);
    EXPECT_TRUE(w.has_value()) << error;
    return w.value_or(std::vector<std::string>{});
}

using strings = std::vector<std::string>;

TEST(split_option_line, blanks_quotes_escapes_and_comments) {
    EXPECT_EQ(words("-h localhost"), (strings{"-h", "localhost"}));
    EXPECT_EQ(words("  --cafile\t/x/ca.pem  "), (strings{"--cafile", "/x/ca.pem"}));
    EXPECT_EQ(words("--ws-header 'Authorization: Bearer a b'"), (strings{"--ws-header", "Authorization: Bearer a b"}));
    EXPECT_EQ(words(R"(-m "say \"hi\" \\ now")"), (strings{"-m", R"(say "hi" \ now)"}));
    EXPECT_EQ(words(R"(-t a\ b)"), (strings{"-t", "a b"}));
    EXPECT_EQ(words("-t a/#   # the hash inside a word is kept"), (strings{"-t", "a/#"}));
    EXPECT_EQ(words("# only a comment"), strings{});
    EXPECT_EQ(words("-m ''"), (strings{"-m", ""}));
    EXPECT_EQ(words("-h x\r"), (strings{"-h", "x"}));  // CRLF files
}

TEST(split_option_line, broken_quoting_is_an_error) {
    std::string error;
    EXPECT_FALSE(split_option_line("-m 'open", error).has_value());
    EXPECT_NE(error.find("unterminated"), std::string::npos);
    EXPECT_FALSE(split_option_line("-m \"open", error).has_value());
    EXPECT_FALSE(split_option_line("-m x\\", error).has_value());
}

TEST(parse_options_text, lines_and_errors_name_file_and_line) {
    std::vector<std::string> errors;
    const auto lines = parse_options_text("# defaults\n\n-h broker\n--insecure\nlocalhost\n-m 'x\n--options-file y\n",
                                          "/etc/x", errors);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0].number, 3u);
    EXPECT_EQ(lines[0].words, (strings{"-h", "broker"}));
    EXPECT_EQ(lines[1].number, 4u);
    ASSERT_EQ(errors.size(), 3u);
    EXPECT_EQ(errors[0].rfind("/etc/x:5: 'localhost' is not an option", 0), 0u) << errors[0];
    EXPECT_EQ(errors[1].rfind("/etc/x:6: unterminated", 0), 0u) << errors[1];
    EXPECT_EQ(errors[2], "/etc/x:7: --options-file can only be given on the command line");
}

TEST(default_options_file, xdg_then_home) {
    EXPECT_EQ(default_options_file("pub", "/cfg", "/home/a"), "/cfg/wsmqtt/pub");
    EXPECT_EQ(default_options_file("sub", nullptr, "/home/a"), "/home/a/.config/wsmqtt/sub");
    EXPECT_EQ(default_options_file("sub", "relative", "/home/a"), "/home/a/.config/wsmqtt/sub");
    EXPECT_EQ(default_options_file("sub", "", ""), std::nullopt);
    EXPECT_EQ(options_tool_name("wsmqtt-pub"), "pub");
    EXPECT_EQ(options_tool_name("wsmqtt-test"), std::nullopt);
}

TEST(scan_options_file_flags, finds_files_and_the_opt_out) {
    auto c = scan_options_file_flags({"-t", "a", "--options-file", "f1", "--options-file=f2"});
    EXPECT_EQ(c.files, (strings{"f1", "f2"}));
    EXPECT_TRUE(c.no_default);
    c = scan_options_file_flags({"--no-options-file"});
    EXPECT_TRUE(c.files.empty());
    EXPECT_TRUE(c.no_default);
    EXPECT_FALSE(scan_options_file_flags({"-t", "a"}).no_default);
}

// A client named wsmqtt-pub, so that the default options file applies, with XDG_CONFIG_HOME in
// the test's scratch directory.
class options_file_test : public cli_test {
  protected:
    void SetUp() override {
        cli_test::SetUp();
        ::setenv("XDG_CONFIG_HOME", directory().c_str(), 1);
        std::filesystem::create_directories(directory() + "/wsmqtt");
    }
    void TearDown() override {
        ::unsetenv("XDG_CONFIG_HOME");
        ::unsetenv(broker_url_env_var);
        cli_test::TearDown();
    }
    void write_default(const std::string& text) { file("wsmqtt/pub", text); }
    static parsed_connection parse_as_pub(std::vector<std::string> args) {
        CLI::App app{"test", "wsmqtt-pub"};
        connection_flags flags{app, "wsmqtt-pub 0"};
        return parse_connection(app, flags, std::move(args));
    }
    static std::string all(const parsed_connection& r) {
        std::string out;
        for (const auto& e : r.errors) out += e + "\n";
        return out;
    }
};

TEST_F(options_file_test, default_file_is_read_and_the_command_line_wins) {
    write_default("# my broker\n-h broker.example\n-p 1884\n--protocol mqtt\n-u alice\n-k 30\n");
    auto r = parse_as_pub({});
    ASSERT_TRUE(r.config) << all(r);
    EXPECT_EQ(r.config->broker.to_string(), "mqtt://broker.example:1884");
    EXPECT_EQ(r.config->username, "alice");
    EXPECT_EQ(r.config->keepalive, 30);
    r = parse_as_pub({"-u", "bob", "-k", "0"});
    ASSERT_TRUE(r.config) << all(r);
    EXPECT_EQ(r.config->username, "bob");
    EXPECT_EQ(r.config->keepalive, 0);
    EXPECT_EQ(r.config->broker.host, "broker.example");
}

TEST_F(options_file_test, no_options_file_skips_it_and_options_file_replaces_it) {
    write_default("-u alice\n");
    auto r = parse_as_pub({"--no-options-file"});
    ASSERT_TRUE(r.config) << all(r);
    EXPECT_FALSE(r.config->username);
    const auto other = file("other", "-u carol\n--debug\n");
    r = parse_as_pub({"--options-file", other});
    ASSERT_TRUE(r.config) << all(r);
    EXPECT_EQ(r.config->username, "carol");
    EXPECT_TRUE(r.config->debug);
    r = parse_as_pub({"--options-file", directory() + "/missing"});
    EXPECT_EQ(r.action, parse_action::syntax_error);
    EXPECT_NE(all(r).find("no such file"), std::string::npos) << all(r);
}

TEST_F(options_file_test, a_broken_line_is_a_usage_error_naming_file_and_line) {
    write_default("-h broker\n--no-such-flag 1\n");
    auto r = parse_as_pub({});
    EXPECT_EQ(r.action, parse_action::syntax_error);
    ASSERT_EQ(r.errors.size(), 1u) << all(r);
    EXPECT_NE(r.errors[0].find(directory() + "/wsmqtt/pub:2: "), std::string::npos) << r.errors[0];

    write_default("-h\n");  // missing value
    r = parse_as_pub({});
    ASSERT_EQ(r.errors.size(), 1u) << all(r);
    EXPECT_NE(r.errors[0].find("/wsmqtt/pub:1: "), std::string::npos) << r.errors[0];

    write_default("--insecure yes\n");  // a flag takes no value
    r = parse_as_pub({});
    ASSERT_EQ(r.errors.size(), 1u) << all(r);
    EXPECT_NE(r.errors[0].find("/wsmqtt/pub:1: "), std::string::npos) << r.errors[0];
}

TEST_F(options_file_test, help_and_version_ignore_a_broken_file) {
    write_default("garbage\n");
    EXPECT_EQ(parse_as_pub({"--help"}).action, parse_action::print_help);
    EXPECT_EQ(parse_as_pub({"--version"}).action, parse_action::print_version);
}

TEST_F(options_file_test, wsmqtt_url_is_the_default_broker_below_the_flags) {
    ::setenv(broker_url_env_var, "wss://env.example/ws", 1);
    auto r = parse_as_pub({"--no-options-file"});
    ASSERT_TRUE(r.config) << all(r);
    EXPECT_EQ(r.config->broker.to_string(), "wss://env.example:443/ws");
    r = parse_as_pub({"-L", "mqtt://flag.example"});
    ASSERT_TRUE(r.config) << all(r);
    EXPECT_EQ(r.config->broker.host, "flag.example");
    r = parse_as_pub({"-h", "host.example"});
    ASSERT_TRUE(r.config) << all(r);
    EXPECT_EQ(r.config->broker.to_string(), "ws://host.example:8083/mqtt");
    ::setenv(broker_url_env_var, "localhost:8083", 1);
    r = parse_as_pub({});
    ASSERT_EQ(r.errors.size(), 1u) << all(r);
    EXPECT_EQ(r.errors[0].rfind("WSMQTT_URL: ", 0), 0u) << r.errors[0];
}

class shared_flags_test : public cli_test {};

TEST_F(shared_flags_test, reconnect_flags_are_shared) {
    auto c = parse_ok({"--reconnect-delay", "0.2", "--reconnect-max", "4", "--reconnect-attempts", "3"});
    EXPECT_TRUE(c.reconnect.enabled);
    EXPECT_EQ(c.reconnect.initial_delay, std::chrono::milliseconds{200});
    EXPECT_EQ(c.reconnect.max_delay, std::chrono::milliseconds{4000});
    EXPECT_EQ(c.reconnect.max_attempts, 3u);
    EXPECT_FALSE(parse_ok({"--no-reconnect"}).reconnect.enabled);
    // A cap below the first delay becomes the first delay.
    EXPECT_EQ(parse_ok({"--reconnect-delay", "5", "--reconnect-max", "1"}).reconnect.max_delay,
              std::chrono::milliseconds{5000});
    EXPECT_EQ(parse_errors({"--no-reconnect", "--reconnect-delay", "1"}).size(), 1u);
    EXPECT_EQ(parse_errors({"--reconnect-delay", "-1"}).size(), 1u);
    EXPECT_EQ(parse_errors({"--reconnect-attempts", "x"}).size(), 1u);
}

TEST_F(shared_flags_test, wait_broker) {
    EXPECT_FALSE(parse_ok({}).wait_broker);
    EXPECT_EQ(parse_ok({"--wait-broker", "30"}).wait_broker, std::chrono::milliseconds{30'000});
    EXPECT_EQ(parse_ok({"--wait-broker", "0.5"}).wait_broker, std::chrono::milliseconds{500});
    const auto e = parse_errors({"--wait-broker", "0"});
    ASSERT_EQ(e.size(), 1u);
    EXPECT_NE(e[0].find("--wait-broker '0'"), std::string::npos) << e[0];
    EXPECT_EQ(parse_errors({"--wait-broker", "soon"}).size(), 1u);
}

TEST_F(shared_flags_test, hidden_modes_print_text) {
    auto r = parse({"--list-options"});
    EXPECT_EQ(r.action, parse_action::print_help);
    EXPECT_NE(r.text.find("--wait-broker\n"), std::string::npos);
    EXPECT_NE(r.text.find("-L\n"), std::string::npos);
    EXPECT_EQ(r.text.find("--list-options"), std::string::npos);  // hidden itself
    r = parse({"--completion", "bash"});
    EXPECT_EQ(r.action, parse_action::print_help);
    EXPECT_NE(r.text.find("complete -F _wsmqtt_test wsmqtt-test"), std::string::npos) << r.text;
    EXPECT_NE(r.text.find("--protocol)"), std::string::npos);
    EXPECT_EQ(parse({"--completion", "tcsh"}).action, parse_action::syntax_error);
}

}  // namespace
}  // namespace wsmqtt::cli::test
