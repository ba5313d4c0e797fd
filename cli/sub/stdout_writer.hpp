#pragma once
// Messages to a file descriptor (stdout) with write(2): rendered messages are appended to one
// buffer and written out at the end of each batch (the caller flushes once per read from the
// broker, and before it exits), so a pipe sees every message as soon as it was decoded. No stdio
// buffering is involved. A closed pipe (EPIPE; SIGPIPE is ignored by the runner) is reported
// apart from other write errors: it is the normal end of `wsmqtt-sub ... | head -n 1`.
#include <cstddef>
#include <string>

namespace wsmqtt::cli {

enum class write_state : unsigned char {
    open,
    closed,  // the reader went away (EPIPE): not an error
    failed,  // any other write error; error() says which
};

class stdout_writer {
public:
    explicit stdout_writer(int fd = 1) : fd_(fd) {}

    // The buffer to render into; bytes appended here go out at the next flush().
    std::string& buffer() noexcept { return buffer_; }
    [[nodiscard]] std::size_t pending() const noexcept { return buffer_.size(); }

    // Writes everything buffered (looping over short writes, EINTR and EAGAIN). After a closed
    // or failed state the buffer is dropped and further flushes write nothing.
    write_state flush();

    [[nodiscard]] write_state state() const noexcept { return state_; }
    [[nodiscard]] int error() const noexcept { return errno_; }  // errno of the failure

private:
    int fd_;
    std::string buffer_;
    write_state state_ = write_state::open;
    int errno_ = 0;
};

}  // namespace wsmqtt::cli
