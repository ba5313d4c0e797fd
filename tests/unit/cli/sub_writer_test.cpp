// The stdout writer: a closed pipe is `closed` (not an error), other errors are `failed`.
#include <gtest/gtest.h>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <string>
#include <unistd.h>

#include "cli/sub/stdout_writer.hpp"

namespace wsmqtt::cli {
namespace {

TEST(StdoutWriter, WritesEverythingBufferedThenEmptiesTheBuffer) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    stdout_writer w{fds[1]};
    w.buffer() = std::string("a\0b\n", 4);
    EXPECT_EQ(w.flush(), write_state::open);
    EXPECT_EQ(w.pending(), 0u);
    char got[8] = {};
    ASSERT_EQ(::read(fds[0], got, sizeof got), 4);
    EXPECT_EQ(std::string(got, 4), std::string("a\0b\n", 4));
    ::close(fds[0]);
    ::close(fds[1]);
}

TEST(StdoutWriter, ClosedPipeIsClosedNotFailed) {
    std::signal(SIGPIPE, SIG_IGN);
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    ::close(fds[0]);
    stdout_writer w{fds[1]};
    w.buffer() = "x\n";
    EXPECT_EQ(w.flush(), write_state::closed);
    w.buffer() = "y\n";
    EXPECT_EQ(w.flush(), write_state::closed);
    EXPECT_EQ(w.pending(), 0u);
    ::close(fds[1]);
}

TEST(StdoutWriter, DevFullFails) {
    const int fd = ::open("/dev/full", O_WRONLY);
    if (fd < 0) GTEST_SKIP() << "no /dev/full";
    stdout_writer w{fd};
    w.buffer() = "x\n";
    EXPECT_EQ(w.flush(), write_state::failed);
    EXPECT_EQ(w.error(), ENOSPC);
    ::close(fd);
}

}  // namespace
}  // namespace wsmqtt::cli
