// Runs a compiled -F program over one message. Each field is written straight into `out`, then
// cut to its precision and padded to its width in place, so no field needs a scratch string.
#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <optional>

#include "core/output/formatter.hpp"
#include "core/output/json_text.hpp"

namespace wsmqtt::output {
namespace {

enum class field_kind : std::uint8_t {
    text,     // strings: precision never splits a UTF-8 sequence; space padding
    bytes,    // payload-like: precision counts bytes; `0` pads with zeros (as mosquitto's %p)
    numeric,  // `0` pads with zeros
};

void cut_to_precision(std::string& out, std::size_t start, std::int32_t precision, field_kind kind) {
    if (precision < 0) return;
    const std::size_t limit = static_cast<std::size_t>(precision);
    if (out.size() - start <= limit) return;
    std::size_t cut = start + limit;
    if (kind == field_kind::text) {
        // Back off to the start of a code point so the result stays well-formed UTF-8.
        while (cut > start && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    }
    out.resize(cut);
}

void pad_to_width(std::string& out, std::size_t start, const format_token& tok, field_kind kind,
                  bool present) {
    const std::size_t len = out.size() - start;
    if (tok.width <= len) return;
    const std::size_t fill = tok.width - len;
    if (tok.left_align) {
        out.append(fill, ' ');
        return;
    }
    // An absent property is blank, never "0000".
    const char c = tok.zero_pad && present && kind != field_kind::text ? '0' : ' ';
    out.insert(start, fill, c);
}

template <class T>
void append_number(std::string& out, T v) {
    const fmt::format_int f(v);
    out.append(f.data(), f.size());
}

void append_user_properties(std::string& out, const codec::properties& p) {
    // mosquitto's %P: "key:value" pairs separated by one space, in received order.
    for (std::size_t i = 0; i < p.user_properties.size(); ++i) {
        if (i != 0) out.push_back(' ');
        out.append(p.user_properties[i].first);
        out.push_back(':');
        out.append(p.user_properties[i].second);
    }
}

struct message_context {
    const received_message& m;
    split_time time;
    std::optional<std::tm> cal;  // filled once when the program has %I or @ fields
};

// Writes one field's body; returns its kind and whether the value was present.
std::pair<field_kind, bool> emit(const format_token& tok, message_context& ctx, std::string& out) {
    const codec::publish& pub = ctx.m.publish;
    const codec::properties& props = pub.props;
    const bool v5 = codec::is_v5(ctx.m.version);
    using f = format_field;
    switch (tok.field) {
        case f::topic:
            out.append(pub.topic);
            return {field_kind::text, true};
        case f::payload: {
            std::size_t n = pub.payload.size();
            if (tok.precision >= 0) n = std::min(n, static_cast<std::size_t>(tok.precision));
            out.append(as_chars(pub.payload).substr(0, n));
            return {field_kind::bytes, true};
        }
        case f::hex_lower:
        case f::hex_upper:
            append_hex(out, pub.payload, tok.field == f::hex_upper);
            return {field_kind::bytes, true};
        case f::payload_length:
            append_number(out, pub.payload.size());
            return {field_kind::numeric, true};
        case f::message_id:
            append_number(out, unsigned{pub.packet_id});
            return {field_kind::numeric, true};
        case f::qos:
            append_number(out, static_cast<unsigned>(pub.qos));
            return {field_kind::numeric, true};
        case f::retain:
            out.push_back(pub.retain ? '1' : '0');
            return {field_kind::numeric, true};
        case f::iso_time:
            append_iso8601(out, *ctx.cal);
            return {field_kind::text, true};
        case f::unix_time:
            append_unix_nanos(out, ctx.time);
            return {field_kind::text, true};
        case f::time_field:
            append_strftime(out, *ctx.cal, tok.conversion);
            return {field_kind::text, true};
        case f::nanoseconds:
            fmt::format_to(std::back_inserter(out), "{:09}", ctx.time.nanoseconds);
            return {field_kind::text, true};
        case f::topic_alias:
            if (!v5 || !props.topic_alias) return {field_kind::numeric, false};
            append_number(out, unsigned{*props.topic_alias});
            return {field_kind::numeric, true};
        case f::message_expiry:
            if (!v5 || !props.message_expiry_interval) return {field_kind::numeric, false};
            append_number(out, *props.message_expiry_interval);
            return {field_kind::numeric, true};
        case f::payload_format:
            if (!v5 || !props.payload_format_indicator) return {field_kind::numeric, false};
            append_number(out, unsigned{*props.payload_format_indicator});
            return {field_kind::numeric, true};
        case f::subscription_id:
            // The first identifier, as mosquitto; a message matching several subscriptions has more.
            if (!v5 || props.subscription_identifiers.empty()) return {field_kind::numeric, false};
            append_number(out, props.subscription_identifiers.front());
            return {field_kind::numeric, true};
        case f::content_type:
            if (!v5 || !props.content_type) return {field_kind::text, false};
            out.append(*props.content_type);
            return {field_kind::text, true};
        case f::response_topic:
            if (!v5 || !props.response_topic) return {field_kind::text, false};
            out.append(*props.response_topic);
            return {field_kind::text, true};
        case f::correlation_data:
            // Raw bytes, as mosquitto (it is binary data; use --format json for base64).
            if (!v5 || !props.correlation_data) return {field_kind::bytes, false};
            out.append(as_chars(*props.correlation_data));
            return {field_kind::bytes, true};
        case f::user_properties:
            if (!v5 || props.user_properties.empty()) return {field_kind::text, false};
            append_user_properties(out, props);
            return {field_kind::text, true};
        case f::literal:
        case f::json_escaped:
        case f::json_raw:
            break;  // handled by the caller
    }
    return {field_kind::text, false};
}

}  // namespace

render_status render_format(const format_program& program, const received_message& m, std::string& out,
                            time_zone zone, bool pretty) {
    message_context ctx{m, split(m.received_at), std::nullopt};
    if (program.needs_calendar()) ctx.cal = calendar(ctx.time, zone);
    render_status status = render_status::ok;
    for (const format_token& tok : program.tokens()) {
        if (tok.field == format_field::literal) {
            out.append(tok.text);
            continue;
        }
        if (tok.field == format_field::json_escaped || tok.field == format_field::json_raw) {
            const bool raw = tok.field == format_field::json_raw;
            bool ok = true;
            if (!pretty) {
                ok = append_mosquitto_json(out, m, ctx.time, raw);
            } else {
                std::string compact;
                ok = append_mosquitto_json(compact, m, ctx.time, raw);
                append_pretty_json(out, compact);
            }
            if (!ok) status = render_status::payload_not_json;
            continue;
        }
        const std::size_t start = out.size();
        const auto [kind, present] = emit(tok, ctx, out);
        cut_to_precision(out, start, tok.precision, kind);
        pad_to_width(out, start, tok, kind, present);
    }
    return status;
}

}  // namespace wsmqtt::output
