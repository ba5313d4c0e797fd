#pragma once
// The -F format language (mosquitto_sub's), compiled once into tokens:
//   %[-][0][width][.precision]<field>   fields: t p l m q r x X j J I U A C D E F P R S %
//   @<strftime letter>, @N (nanoseconds, 9 digits), @@
//   \\ \0 \a \e \n \r \t \v
// Everything else is literal text. compile() reports the first error with its 1-based column.
#include <boost/system/result.hpp>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace wsmqtt::output {

enum class format_field : std::uint8_t {
    literal,           // `text`
    topic,             // %t
    payload,           // %p
    payload_length,    // %l
    message_id,        // %m
    qos,               // %q
    retain,            // %r
    hex_lower,         // %x
    hex_upper,         // %X
    json_escaped,      // %j
    json_raw,          // %J
    iso_time,          // %I
    unix_time,         // %U
    topic_alias,       // %A
    content_type,      // %C
    correlation_data,  // %D
    message_expiry,    // %E
    payload_format,    // %F
    user_properties,   // %P
    response_topic,    // %R
    subscription_id,   // %S
    time_field,        // @<conversion>
    nanoseconds,       // @N
};

struct format_token {
    format_field field = format_field::literal;
    bool left_align = false;      // `-`
    bool zero_pad = false;        // `0` (numbers and payload fields only, as mosquitto)
    std::uint32_t width = 0;      // minimum width in bytes; 0 = none
    std::int32_t precision = -1;  // strings: at most this many bytes; %p: bytes; -1 = none
    char conversion = '\0';       // time_field: the strftime letter
    std::string text;             // literal: the bytes to copy (escapes already applied)
};

// A compile error: `message` is one line that names the bad specifier and its column.
struct format_error {
    std::size_t column = 0;  // 1-based byte offset of the `%`, `@` or `\` that starts it
    std::string message;     // e.g. "unknown format specifier '%k' at column 5"
};

// boost::system::result<T, format_error>::value() throws through this.
[[noreturn]] void throw_exception_from_error(const format_error& e, const boost::source_location& loc);

class format_program {
  public:
    static boost::system::result<format_program, format_error> compile(std::string_view format);

    std::span<const format_token> tokens() const noexcept { return tokens_; }
    bool needs_calendar() const noexcept { return needs_calendar_; }  // %I or @ fields present

  private:
    std::vector<format_token> tokens_;
    bool needs_calendar_ = false;
};

}  // namespace wsmqtt::output
