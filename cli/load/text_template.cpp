#include "cli/load/text_template.hpp"

#include <charconv>

namespace wsmqtt::load {

text_template::text_template(std::string_view text) {
    std::string literal;
    auto flush = [&] {
        if (!literal.empty()) parts_.push_back({part_kind::text, std::move(literal)});
        literal.clear();
    };
    while (!text.empty()) {
        part_kind kind = part_kind::text;
        std::size_t length = 0;
        if (text.starts_with("{client}")) {
            kind = part_kind::client;
            length = 8;
            uses_client_ = true;
        } else if (text.starts_with("{seq}")) {
            kind = part_kind::seq;
            length = 5;
            uses_seq_ = true;
        } else if (text.starts_with("{ts}")) {
            kind = part_kind::time;
            length = 4;
            uses_time_ = true;
        }
        if (length == 0) {
            literal += text.front();
            text.remove_prefix(1);
            continue;
        }
        flush();
        parts_.push_back({kind, {}});
        text.remove_prefix(length);
    }
    flush();
}

void text_template::render(std::uint32_t client, std::uint64_t seq, std::uint64_t ts_ns, std::string& out) const {
    char digits[24];
    auto number = [&](std::uint64_t v) {
        const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, v);
        out.append(digits, end);
    };
    for (const auto& p : parts_) {
        switch (p.kind) {
            case part_kind::text: out += p.text; break;
            case part_kind::client: number(client); break;
            case part_kind::seq: number(seq); break;
            case part_kind::time: number(ts_ns); break;
        }
    }
}

std::string text_template::render(std::uint32_t client, std::uint64_t seq, std::uint64_t ts_ns) const {
    std::string out;
    render(client, seq, ts_ns, out);
    return out;
}

}  // namespace wsmqtt::load
