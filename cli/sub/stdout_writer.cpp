#include "cli/sub/stdout_writer.hpp"

#include "core/codec/buffer_release.hpp"

#include <cerrno>
#include <poll.h>
#include <unistd.h>

namespace wsmqtt::cli {

write_state stdout_writer::flush() {
    if (state_ != write_state::open) {
        codec::clear_and_release_if_above(buffer_, std::size_t{1} << 20);
        return state_;
    }
    std::size_t done = 0;
    while (done < buffer_.size()) {
        const ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
        if (n >= 0) {
            done += static_cast<std::size_t>(n);
            continue;
        }
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            // stdout inherited in non-blocking mode: wait until it can take more.
            pollfd p{fd_, POLLOUT, 0};
            ::poll(&p, 1, -1);
            continue;
        }
        errno_ = errno;
        state_ = errno_ == EPIPE ? write_state::closed : write_state::failed;
        break;
    }
    // A huge message's rendering is not kept for the rest of the run.
    codec::clear_and_release_if_above(buffer_, std::size_t{1} << 20);
    return state_;
}

}  // namespace wsmqtt::cli
