#pragma once

// Parses argument vectors the way a binary's main does, with the environment under control.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli/common/connection_flags.hpp"

namespace wsmqtt::cli::test {

struct harness {
    CLI::App app{"wsmqtt test client", "wsmqtt-test"};
    connection_flags flags{app, "wsmqtt-test 0.1.0"};
};

inline parsed_connection parse(std::vector<std::string> args) {
    harness h;
    return parse_connection(h.app, h.flags, std::move(args));
}

// The config, failing the test (with every error) when there is none.
inline connection_config parse_ok(std::vector<std::string> args) {
    const auto r = parse(std::move(args));
    std::string all;
    for (const auto& e : r.errors) all += e + "\n";
    EXPECT_EQ(r.action, parse_action::run);
    EXPECT_TRUE(r.errors.empty()) << all;
    EXPECT_TRUE(r.config.has_value()) << all;
    return r.config.value_or(connection_config{});
}

inline std::vector<std::string> parse_errors(std::vector<std::string> args) {
    const auto r = parse(std::move(args));
    EXPECT_FALSE(r.config.has_value());
    return r.errors;
}

// Every test starts without WSMQTT_PASSWORD and WSMQTT_URL and with a scratch directory for files.
class cli_test : public ::testing::Test {
  protected:
    void SetUp() override {
        ::unsetenv(password_env_var);
        ::unsetenv(broker_url_env_var);  // a developer's own default broker must not leak in
        dir_ = std::filesystem::temp_directory_path() /
               ("wsmqtt-cli-test-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override {
        ::unsetenv(password_env_var);
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    std::string file(const std::string& name, const std::string& content) {
        const auto path = dir_ / name;
        std::ofstream(path, std::ios::binary) << content;
        return path.string();
    }
    std::string directory() const { return dir_.string(); }

  private:
    std::filesystem::path dir_;
};

}  // namespace wsmqtt::cli::test
