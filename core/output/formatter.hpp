#pragma once
// wsmqtt-sub's message renderer: built once from the output options, then render() per message.
// Pure: it appends bytes to a buffer; the CLI writes them (and handles EPIPE).
#include <boost/system/result.hpp>
#include <cstdint>
#include <string>

#include "core/output/format_program.hpp"
#include "core/output/message_json.hpp"
#include "core/output/received_message.hpp"
#include "core/output/time_text.hpp"

namespace wsmqtt::output {

enum class output_mode : std::uint8_t {
    raw,      // default: payload bytes + "\n"; an empty payload prints nothing (as mosquitto_sub)
    verbose,  // -v: "topic payload\n"; an empty payload prints "topic (null)\n"
    format,   // -F FORMAT (+ "\n")
    json,     // --format json: one object per line (NDJSON)
};

struct formatter_options {
    output_mode mode = output_mode::raw;
    std::string format;                                         // the -F text; used when mode == format
    bool end_of_line = true;                                    // false with -N: no "\n" after each message
    bool pretty = false;                                        // --pretty: indent --format json and %j/%J
    payload_encoding encoding = payload_encoding::auto_detect;  // --payload-encoding (json mode)
    bool colour = false;                // -v: colour the topic (the CLI sets it for a TTY without NO_COLOR)
    time_zone zone = time_zone::local;  // %I, %U's calendar and @ fields (mosquitto: local time)
};

enum class render_status : std::uint8_t {
    ok,
    // %J and the payload is not JSON: the %J field rendered nothing, the rest of the format did.
    // mosquitto prints "Error: Message payload is not valid JSON on topic <t>." to stderr.
    payload_not_json,
};

class formatter {
  public:
    // Compiles -F once; the error names the bad specifier and its column.
    static boost::system::result<formatter, format_error> create(formatter_options options);

    // Appends the rendering of `m` to `out` (never clears it: the caller may batch and reuses
    // the buffer's capacity, so the steady state does not allocate for raw, -v, -F and json).
    render_status render(const received_message& m, std::string& out) const;

    const formatter_options& options() const noexcept { return options_; }

  private:
    formatter(formatter_options options, format_program program)
        : options_(std::move(options)), program_(std::move(program)) {}

    formatter_options options_;
    format_program program_;
};

// Renders a compiled -F program (no end of line). Used by formatter; exposed for tests.
render_status render_format(const format_program& program, const received_message& m, std::string& out,
                            time_zone zone, bool pretty);

}  // namespace wsmqtt::output
