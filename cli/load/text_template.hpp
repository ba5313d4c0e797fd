#pragma once
// The placeholders of load mode's -m and -t: {client} (the client's number, 1..N), {seq} (the
// message's sequence number for that client, from 0) and {ts} (the send time, nanoseconds since
// the Unix epoch). Any other text, braces included, is copied as is. Compiled once, rendered
// per message without re-parsing.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wsmqtt::load {

class text_template {
public:
    explicit text_template(std::string_view text);

    [[nodiscard]] bool uses_seq() const noexcept { return uses_seq_; }
    [[nodiscard]] bool uses_client() const noexcept { return uses_client_; }
    [[nodiscard]] bool uses_time() const noexcept { return uses_time_; }
    [[nodiscard]] bool constant() const noexcept { return !uses_seq_ && !uses_client_ && !uses_time_; }

    // Appends the text for one message to `out`.
    void render(std::uint32_t client, std::uint64_t seq, std::uint64_t ts_ns, std::string& out) const;
    [[nodiscard]] std::string render(std::uint32_t client, std::uint64_t seq, std::uint64_t ts_ns) const;

private:
    enum class part_kind : std::uint8_t { text, client, seq, time };
    struct part {
        part_kind kind;
        std::string text;
    };
    std::vector<part> parts_;
    bool uses_seq_ = false;
    bool uses_client_ = false;
    bool uses_time_ = false;
};

}  // namespace wsmqtt::load
