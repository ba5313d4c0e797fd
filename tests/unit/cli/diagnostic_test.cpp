#include "cli/common/diagnostic.hpp"

#include <gtest/gtest.h>

#include <set>

#include "cli/common/exit_status.hpp"

namespace wsmqtt::cli {
namespace {

TEST(diagnostic, one_line_program_stage_message) {
    EXPECT_EQ(format_error("wsmqtt-pub", "websocket upgrade", "ws://h:1/mqtt: HTTP 404 Not Found"),
              "wsmqtt-pub: websocket upgrade: ws://h:1/mqtt: HTTP 404 Not Found");
    EXPECT_EQ(format_error("wsmqtt-sub", "tls", "line one\nline two\r\nthree"),
              "wsmqtt-sub: tls: line one line two  three");
}

TEST(diagnostic, print_usage_errors_writes_one_line_each_to_stderr) {
    ::testing::internal::CaptureStderr();
    print_usage_errors("wsmqtt-pub", {"first", "second\nhalf"});
    EXPECT_EQ(::testing::internal::GetCapturedStderr(),
              "wsmqtt-pub: usage: first\nwsmqtt-pub: usage: second half\n");
}

TEST(exit_status, values_match_the_contract) {
    EXPECT_EQ(to_int(exit_status::ok), 0);
    EXPECT_EQ(to_int(exit_status::internal), 1);
    EXPECT_EQ(to_int(exit_status::usage), 2);
    EXPECT_EQ(to_int(exit_status::network), 3);
    EXPECT_EQ(to_int(exit_status::tls), 4);
    EXPECT_EQ(to_int(exit_status::websocket), 5);
    EXPECT_EQ(to_int(exit_status::connack_refused), 6);
    EXPECT_EQ(to_int(exit_status::publish_rejected), 7);
    EXPECT_EQ(to_int(exit_status::subscribe_rejected), 8);
    EXPECT_EQ(to_int(exit_status::connection_lost), 9);
    EXPECT_EQ(to_int(exit_status::timed_out), 10);
    EXPECT_EQ(to_int(exit_status::interrupted), 130);
}

TEST(exit_status, table_has_every_code_once_in_order) {
    std::set<int> seen;
    int previous = -1;
    for (const auto& row : exit_status_table) {
        EXPECT_TRUE(seen.insert(to_int(row.status)).second);
        EXPECT_GT(to_int(row.status), previous);
        previous = to_int(row.status);
        EXPECT_FALSE(row.name.empty());
        EXPECT_FALSE(row.meaning.empty());
        EXPECT_EQ(exit_status_name(row.status), row.name);
    }
    EXPECT_EQ(seen.size(), 12U);
    static_assert(exit_status_name(exit_status::tls) == "tls");
}

}  // namespace
}  // namespace wsmqtt::cli
