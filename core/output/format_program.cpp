#include "core/output/format_program.hpp"

#include <fmt/format.h>

#include <boost/throw_exception.hpp>
#include <stdexcept>

#include "core/output/time_text.hpp"

namespace wsmqtt::output {
namespace {

constexpr std::uint32_t max_width = 65535;

struct field_info {
    format_field field;
    bool takes_width;
    bool takes_precision;
};

// nullopt-like: field == literal means "not a field letter".
field_info field_for(char c) noexcept {
    using f = format_field;
    switch (c) {
        case 't':
            return {f::topic, true, true};
        case 'p':
            return {f::payload, true, true};
        case 'l':
            return {f::payload_length, true, false};
        case 'm':
            return {f::message_id, true, false};
        case 'q':
            return {f::qos, true, false};
        case 'r':
            return {f::retain, true, false};
        case 'x':
            return {f::hex_lower, true, false};
        case 'X':
            return {f::hex_upper, true, false};
        case 'j':
            return {f::json_escaped, false, false};
        case 'J':
            return {f::json_raw, false, false};
        case 'I':
            return {f::iso_time, true, true};
        case 'U':
            return {f::unix_time, true, true};
        case 'A':
            return {f::topic_alias, true, false};
        case 'C':
            return {f::content_type, true, true};
        case 'D':
            return {f::correlation_data, true, true};
        case 'E':
            return {f::message_expiry, true, false};
        case 'F':
            return {f::payload_format, true, false};
        case 'P':
            return {f::user_properties, true, true};
        case 'R':
            return {f::response_topic, true, true};
        case 'S':
            return {f::subscription_id, true, false};
        default:
            return {f::literal, false, false};
    }
}

char escape_for(char c) noexcept {
    switch (c) {
        case '\\':
            return '\\';
        case '0':
            return '\0';
        case 'a':
            return '\a';
        case 'e':
            return '\x1b';
        case 'n':
            return '\n';
        case 'r':
            return '\r';
        case 't':
            return '\t';
        case 'v':
            return '\v';
        default:
            return '\x7f';  // marker: not an escape
    }
}

// Shown in messages: printable ASCII as is, anything else as \xNN so the line stays one line.
std::string printable(std::string_view s) {
    std::string r;
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u < 0x7f) {
            r.push_back(c);
        } else {
            r += fmt::format("\\x{:02x}", u);
        }
    }
    return r;
}

format_error make_error(std::size_t start, std::string what) {
    return {start + 1, fmt::format("{} at column {}", what, start + 1)};
}

class compiler {
  public:
    explicit compiler(std::string_view f) : f_(f) {}

    boost::system::result<std::vector<format_token>, format_error> run() {
        while (i_ < f_.size()) {
            const char c = f_[i_];
            boost::system::result<void, format_error> r;
            if (c == '%') {
                r = percent();
            } else if (c == '@') {
                r = at();
            } else if (c == '\\') {
                r = backslash();
            } else {
                literal(c);
                ++i_;
            }
            if (!r) return r.error();
        }
        return std::move(tokens_);
    }

  private:
    void literal(char c) {
        if (tokens_.empty() || tokens_.back().field != format_field::literal) tokens_.emplace_back();
        tokens_.back().text.push_back(c);
    }

    boost::system::result<void, format_error> percent() {
        const std::size_t start = i_++;
        format_token tok;
        auto incomplete = [&] {
            return make_error(start,
                              fmt::format("incomplete format specifier '{}'", printable(f_.substr(start))));
        };
        if (i_ < f_.size() && f_[i_] == '-') tok.left_align = true, ++i_;
        if (i_ < f_.size() && f_[i_] == '0') tok.zero_pad = true, ++i_;
        bool has_width = false;
        while (i_ < f_.size() && f_[i_] >= '0' && f_[i_] <= '9') {
            has_width = true;
            tok.width = tok.width * 10 + static_cast<std::uint32_t>(f_[i_++] - '0');
            if (tok.width > max_width) {
                return make_error(start, fmt::format("field width over {} in '{}'", max_width,
                                                     printable(f_.substr(start, i_ - start))));
            }
        }
        bool has_precision = false;
        if (i_ < f_.size() && f_[i_] == '.') {
            ++i_;
            has_precision = true;
            tok.precision = 0;
            while (i_ < f_.size() && f_[i_] >= '0' && f_[i_] <= '9') {
                tok.precision = tok.precision * 10 + (f_[i_++] - '0');
                if (tok.precision > static_cast<std::int32_t>(max_width)) {
                    return make_error(start, fmt::format("precision over {} in '{}'", max_width,
                                                         printable(f_.substr(start, i_ - start))));
                }
            }
        }
        if (i_ >= f_.size()) return incomplete();
        const char letter = f_[i_++];
        const std::string spec = printable(f_.substr(start, i_ - start));
        const bool modified = tok.left_align || tok.zero_pad || has_width || has_precision;
        if (letter == '%') {
            if (modified)
                return make_error(start, fmt::format("'{}': '%' takes no width or precision", spec));
            literal('%');
            return {};
        }
        const field_info info = field_for(letter);
        if (info.field == format_field::literal) {
            return make_error(start, fmt::format("unknown format specifier '{}'", spec));
        }
        if (!info.takes_width && modified) {
            return make_error(start, fmt::format("'{}': '%{}' takes no width or precision", spec, letter));
        }
        if (!info.takes_precision && has_precision) {
            return make_error(start, fmt::format("'{}': '%{}' takes no precision", spec, letter));
        }
        tok.field = info.field;
        if (info.field == format_field::iso_time) needs_calendar = true;
        tokens_.push_back(std::move(tok));
        return {};
    }

    boost::system::result<void, format_error> at() {
        const std::size_t start = i_++;
        if (i_ >= f_.size()) return make_error(start, "incomplete time field '@'");
        const char c = f_[i_++];
        if (c == '@') {
            literal('@');
            return {};
        }
        format_token tok;
        if (c == 'N') {
            tok.field = format_field::nanoseconds;
        } else if (is_time_conversion(c)) {
            tok.field = format_field::time_field;
            tok.conversion = c;
            needs_calendar = true;
        } else {
            return make_error(start, fmt::format("unknown time field '{}'", printable(f_.substr(start, 2))));
        }
        tokens_.push_back(std::move(tok));
        return {};
    }

    boost::system::result<void, format_error> backslash() {
        const std::size_t start = i_++;
        if (i_ >= f_.size()) return make_error(start, "incomplete escape '\\'");
        const char c = f_[i_++];
        const char e = escape_for(c);
        if (e == '\x7f') {
            return make_error(start, fmt::format("unknown escape '{}'", printable(f_.substr(start, 2))));
        }
        literal(e);
        return {};
    }

    std::string_view f_;
    std::size_t i_ = 0;
    std::vector<format_token> tokens_;

  public:
    bool needs_calendar = false;
};

}  // namespace

void throw_exception_from_error(const format_error& e, const boost::source_location& loc) {
    boost::throw_exception(std::invalid_argument(e.message), loc);
}

boost::system::result<format_program, format_error> format_program::compile(std::string_view format) {
    compiler c(format);
    auto tokens = c.run();
    if (!tokens) return tokens.error();
    format_program p;
    p.tokens_ = std::move(*tokens);
    p.needs_calendar_ = c.needs_calendar;
    return p;
}

}  // namespace wsmqtt::output
