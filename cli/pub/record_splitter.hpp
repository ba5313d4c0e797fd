#pragma once
// Cuts a byte stream (stdin for -l / -0) into records at a separator byte, whatever the chunking:
// the separator is dropped (a '\r' before a '\n' is kept: it is payload), an empty record is an
// empty message, and the bytes after the last separator are a record too when there are any.
// No length limit. Pure; unit-tested.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace wsmqtt::cli {

using bytes = std::vector<std::uint8_t>;

class record_splitter {
public:
    explicit record_splitter(char separator) : separator_(static_cast<std::uint8_t>(separator)) {}

    // Appends every record completed by `chunk` to `out`, in order.
    void feed(std::span<const std::uint8_t> chunk, std::deque<bytes>& out);
    // End of input: the unterminated tail, if any, becomes the last record.
    void finish(std::deque<bytes>& out);

    std::size_t pending_bytes() const noexcept { return partial_.size(); }

private:
    std::uint8_t separator_;
    bytes partial_;
};

// --line-topic: a record "TOPIC SEP PAYLOAD" split at the first SEP. nullopt when SEP is absent.
struct topic_and_payload {
    std::string topic;
    bytes payload;
};
std::optional<topic_and_payload> split_line_topic(const bytes& record, std::string_view separator);

}  // namespace wsmqtt::cli
