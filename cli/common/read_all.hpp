#pragma once
// Everything a file descriptor holds until its end (stdin for wsmqtt-pub -s, a summary file for
// wsmqtt-sub --merge-stats), bounded, so that /dev/zero or a wrong pipe ends in one error line
// rather than in all the memory there is.
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

namespace wsmqtt::cli {

// Appends to `out` (a byte vector or a string); false with the reason in `error`: the read's
// strerror, or "more than LIMIT bytes".
template <class Buffer>
bool read_all(int fd, Buffer& out, std::size_t limit, std::string& error) {
    char chunk[64 * 1024];
    for (;;) {
        const ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n == 0) return true;
        if (n < 0) {
            if (errno == EINTR) continue;
            error = std::strerror(errno);
            return false;
        }
        if (out.size() + static_cast<std::size_t>(n) > limit) {
            error = "more than " + std::to_string(limit) + " bytes";
            return false;
        }
        out.insert(out.end(), chunk, chunk + n);
    }
}

}  // namespace wsmqtt::cli
