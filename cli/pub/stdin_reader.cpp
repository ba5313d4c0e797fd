#include "cli/pub/stdin_reader.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/post.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace wsmqtt::cli {

namespace asio = boost::asio;

stdin_reader::stdin_reader(asio::any_io_executor executor, std::size_t chunk_size)
    : executor_(std::move(executor)),
      descriptor_(executor_),
      alive_(std::make_shared<bool>(true)),
      buffer_(chunk_size) {
    // Our own descriptor, so closing it leaves fd 0 alone; the O_NONBLOCK that Asio sets lives on
    // the shared open file description, so the flags are put back at the end.
    fd_ = ::fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3);
    if (fd_ < 0) {
        blocking_ = true;  // read() will report the problem
        return;
    }
    original_flags_ = ::fcntl(fd_, F_GETFL);
    struct stat st {};
    if (::fstat(fd_, &st) == 0 && (S_ISREG(st.st_mode) || S_ISBLK(st.st_mode))) {
        blocking_ = true;
        return;
    }
    boost::system::error_code ec;
    descriptor_.assign(fd_, ec);
    if (ec) blocking_ = true;  // e.g. /dev/null: EPERM from epoll
}

stdin_reader::~stdin_reader() {
    stop();
    if (descriptor_.is_open()) descriptor_.release();
    if (fd_ >= 0) {
        if (original_flags_ >= 0) ::fcntl(fd_, F_SETFL, original_flags_);
        ::close(fd_);
    }
}

void stdin_reader::stop() {
    *alive_ = false;
    alive_ = std::make_shared<bool>(true);
    if (descriptor_.is_open()) {
        boost::system::error_code ec;
        descriptor_.cancel(ec);
    }
    busy_ = false;
}

void stdin_reader::read(handler h) {
    if (busy_) return;
    busy_ = true;
    auto alive = alive_;
    if (!blocking_) {
        descriptor_.async_read_some(
            asio::buffer(buffer_), [this, alive, h = std::move(h)](const boost::system::error_code& ec, std::size_t n) {
                if (!*alive) return;
                busy_ = false;
                if (ec == asio::error::eof) {
                    h({}, true, {});
                } else if (ec) {
                    h({}, true, ec.message());
                } else {
                    h(std::span<const std::uint8_t>(buffer_.data(), n), false, {});
                }
            });
        return;
    }
    asio::post(executor_, [this, alive, h = std::move(h)] {
        if (!*alive) return;
        busy_ = false;
        if (fd_ < 0) {
            h({}, true, std::strerror(EBADF));
            return;
        }
        for (;;) {
            const ssize_t n = ::read(fd_, buffer_.data(), buffer_.size());
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) {
                h({}, true, std::strerror(errno));
            } else if (n == 0) {
                h({}, true, {});
            } else {
                h(std::span<const std::uint8_t>(buffer_.data(), static_cast<std::size_t>(n)), false, {});
            }
            return;
        }
    });
}

}  // namespace wsmqtt::cli
