#include "core/output/formatter.hpp"

#include "core/output/json_text.hpp"

namespace wsmqtt::output {
namespace {
constexpr std::string_view colour_topic = "\x1b[36m";  // cyan
constexpr std::string_view colour_reset = "\x1b[0m";
}  // namespace

boost::system::result<formatter, format_error> formatter::create(formatter_options options) {
    format_program program;
    if (options.mode == output_mode::format) {
        auto compiled = format_program::compile(options.format);
        if (!compiled) return compiled.error();
        program = std::move(*compiled);
    }
    return formatter(std::move(options), std::move(program));
}

render_status formatter::render(const received_message& m, std::string& out) const {
    const auto& pub = m.publish;
    const std::string_view payload = as_chars(pub.payload);
    switch (options_.mode) {
        case output_mode::raw:
            // mosquitto_sub prints nothing at all for an empty payload, not even the newline.
            if (payload.empty()) return render_status::ok;
            // Exactly once: growing by doubling for the newline would hold a big payload twice.
            out.reserve(out.size() + payload.size() + 1);
            out.append(payload);
            if (options_.end_of_line) out.push_back('\n');
            return render_status::ok;

        case output_mode::verbose:
            // As mosquitto: "topic (null)\n" for an empty payload, and nothing with -N.
            if (payload.empty() && !options_.end_of_line) return render_status::ok;
            out.reserve(out.size() + pub.topic.size() + payload.size() + 32);
            if (options_.colour) out.append(colour_topic);
            out.append(pub.topic);
            if (options_.colour) out.append(colour_reset);
            out.push_back(' ');
            out.append(payload.empty() ? std::string_view("(null)") : payload);
            if (options_.end_of_line) out.push_back('\n');
            return render_status::ok;

        case output_mode::format: {
            const render_status s = render_format(program_, m, out, options_.zone, options_.pretty);
            if (options_.end_of_line) out.push_back('\n');
            return s;
        }

        case output_mode::json: {
            const split_time t = split(m.received_at);
            if (!options_.pretty) {
                append_message_json(out, m, t, options_.encoding);
            } else {
                std::string compact;
                append_message_json(compact, m, t, options_.encoding);
                append_pretty_json(out, compact);
            }
            if (options_.end_of_line) out.push_back('\n');
            return render_status::ok;
        }
    }
    return render_status::ok;
}

}  // namespace wsmqtt::output
