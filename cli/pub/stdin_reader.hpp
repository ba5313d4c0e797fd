#pragma once
// Reads stdin without blocking the io_context, so keep alive and acknowledgements keep flowing
// while a slow producer (a pipe, a fifo, a terminal) thinks. epoll refuses regular files (and
// /dev/null); they never block, so for them a plain read() runs in a posted handler instead, one
// chunk per turn of the io_context.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace wsmqtt::cli {

class stdin_reader {
public:
    // bytes: the chunk read (empty at end of input); error: non-empty when reading failed.
    using handler = std::function<void(std::span<const std::uint8_t> bytes, bool eof, const std::string& error)>;

    explicit stdin_reader(boost::asio::any_io_executor executor, std::size_t chunk_size = 64 * 1024);
    stdin_reader(const stdin_reader&) = delete;
    stdin_reader& operator=(const stdin_reader&) = delete;
    ~stdin_reader();

    // One read at a time; `h` runs from the io_context, never inside read().
    void read(handler h);
    // No further handlers run (an outstanding read is abandoned).
    void stop();
    bool busy() const noexcept { return busy_; }
    bool blocking_mode() const noexcept { return blocking_; }

private:
    boost::asio::any_io_executor executor_;
    boost::asio::posix::stream_descriptor descriptor_;
    int fd_ = -1;
    int original_flags_ = -1;
    bool blocking_ = false;
    bool busy_ = false;
    std::shared_ptr<bool> alive_;  // handlers posted before stop() check it
    std::vector<std::uint8_t> buffer_;
};

}  // namespace wsmqtt::cli
