#include "core/output/message_json.hpp"

#include <fmt/format.h>

#include <boost/json/parse.hpp>

#include "core/output/json_text.hpp"

namespace wsmqtt::output {
namespace {

void key(std::string& out, std::string_view name) {
    out.push_back('"');
    out.append(name);  // our own names: never need escaping
    out.append("\":");
}

template <class T>
void number(std::string& out, T v) {
    const fmt::format_int f(v);
    out.append(f.data(), f.size());
}

void bytes_as_number_array(std::string& out, bytes_view b) {
    out.push_back('[');
    for (std::size_t i = 0; i < b.size(); ++i) {
        if (i != 0) out.push_back(',');
        number(out, static_cast<unsigned>(b[i]));
    }
    out.push_back(']');
}

void text_or_base64(std::string& out, bytes_view b) {
    if (is_valid_utf8(as_chars(b))) {
        append_json_string(out, as_chars(b));
    } else {
        out.push_back('"');
        append_base64(out, b);
        out.push_back('"');
    }
}

bool has_publish_properties(const codec::properties& p) noexcept {
    return p.payload_format_indicator || p.message_expiry_interval || p.content_type || p.response_topic ||
           p.correlation_data || !p.subscription_identifiers.empty() || p.topic_alias ||
           !p.user_properties.empty();
}

// The two shapes of the "properties" object. mosquitto's (%j/%J): its `-D` spellings, correlation
// data as text when it is UTF-8, the first subscription identifier, user properties as an object
// (a repeated key keeps mosquitto's duplicate keys; consumers see the last one). Ours (NDJSON):
// snake_case, correlation data always base64 (binary data, spec 3.3.2.3.6), every subscription
// identifier, user properties as ordered [key, value] pairs (keys may repeat, order matters).
enum class property_shape : std::uint8_t { mosquitto, snake };

void append_properties(std::string& out, const codec::properties& p, property_shape shape) {
    const bool mq = shape == property_shape::mosquitto;
    out.append(",\"properties\":{");
    bool first = true;
    auto next = [&](std::string_view mosquitto_name, std::string_view snake_name) {
        if (!first) out.push_back(',');
        first = false;
        key(out, mq ? mosquitto_name : snake_name);
    };
    if (p.payload_format_indicator) {
        next("payload-format-indicator", "payload_format_indicator");
        number(out, unsigned{*p.payload_format_indicator});
    }
    if (p.message_expiry_interval) {
        next("message-expiry-interval", "message_expiry_interval");
        number(out, *p.message_expiry_interval);
    }
    if (p.content_type) {
        next("content-type", "content_type");
        append_json_string(out, *p.content_type);
    }
    if (p.response_topic) {
        next("response-topic", "response_topic");
        append_json_string(out, *p.response_topic);
    }
    if (p.correlation_data) {
        next("correlation-data", "correlation_data");
        if (mq) {
            text_or_base64(out, *p.correlation_data);
        } else {
            out.push_back('"');
            append_base64(out, *p.correlation_data);
            out.push_back('"');
        }
    }
    if (!p.subscription_identifiers.empty()) {
        next("subscription-identifier", "subscription_identifiers");
        if (mq) {
            number(out, p.subscription_identifiers.front());
        } else {
            out.push_back('[');
            for (std::size_t i = 0; i < p.subscription_identifiers.size(); ++i) {
                if (i != 0) out.push_back(',');
                number(out, p.subscription_identifiers[i]);
            }
            out.push_back(']');
        }
    }
    if (p.topic_alias) {
        next("topic-alias", "topic_alias");
        number(out, *p.topic_alias);
    }
    if (!p.user_properties.empty()) {
        next("user-properties", "user_properties");
        out.push_back(mq ? '{' : '[');
        for (std::size_t i = 0; i < p.user_properties.size(); ++i) {
            if (i != 0) out.push_back(',');
            if (!mq) out.push_back('[');
            append_json_string(out, p.user_properties[i].first);
            out.push_back(mq ? ':' : ',');
            append_json_string(out, p.user_properties[i].second);
            if (!mq) out.push_back(']');
        }
        out.push_back(mq ? '}' : ']');
    }
    out.push_back('}');
}

}  // namespace

bool append_mosquitto_json(std::string& out, const received_message& m, const split_time& t,
                           bool payload_is_json) {
    const codec::publish& pub = m.publish;
    const std::string_view payload = as_chars(pub.payload);
    if (payload_is_json && !payload.empty()) {
        boost::system::error_code ec;
        (void)boost::json::parse(payload, ec);
        if (ec) return false;
    }
    out.append("{\"tst\":\"");
    append_rfc3339_utc_micros(out, t);
    out.append("\",\"topic\":");
    append_json_string(out, pub.topic);
    out.append(",\"qos\":");
    number(out, static_cast<unsigned>(pub.qos));
    out.append(",\"retain\":");
    out.push_back(pub.retain ? '1' : '0');
    out.append(",\"payloadlen\":");
    number(out, payload.size());
    if (pub.qos != codec::qos::at_most_once) {
        out.append(",\"mid\":");
        number(out, pub.packet_id);
    }
    if (codec::is_v5(m.version) && has_publish_properties(pub.props)) append_properties(out, pub.props, property_shape::mosquitto);
    out.append(",\"payload\":");
    if (payload.empty()) {
        out.append("null");
    } else if (payload_is_json) {
        append_compact_json(out, payload);
    } else if (is_valid_utf8(payload)) {
        append_json_string(out, payload);
    } else {
        bytes_as_number_array(out, pub.payload);
    }
    out.push_back('}');
    return true;
}

void append_message_json(std::string& out, const received_message& m, const split_time& t,
                         payload_encoding encoding) {
    const codec::publish& pub = m.publish;
    const std::string_view payload = as_chars(pub.payload);
    if (encoding == payload_encoding::auto_detect) {
        encoding = is_valid_utf8(payload) ? payload_encoding::utf8 : payload_encoding::base64;
    }
    out.append("{\"topic\":");
    append_json_string(out, pub.topic);
    out.append(",\"payload\":");
    switch (encoding) {
        case payload_encoding::auto_detect:  // resolved above
        case payload_encoding::utf8:
            append_json_string(out, payload);
            break;
        case payload_encoding::base64:
            out.push_back('"');
            append_base64(out, pub.payload);
            out.push_back('"');
            break;
        case payload_encoding::hex:
            out.push_back('"');
            append_hex(out, pub.payload, false);
            out.push_back('"');
            break;
    }
    out.append(",\"payload_encoding\":");
    out.append(encoding == payload_encoding::base64 ? "\"base64\""
               : encoding == payload_encoding::hex  ? "\"hex\""
                                                    : "\"utf8\"");
    out.append(",\"qos\":");
    number(out, static_cast<unsigned>(pub.qos));
    out.append(pub.retain ? ",\"retain\":true" : ",\"retain\":false");
    out.append(pub.dup ? ",\"dup\":true" : ",\"dup\":false");
    if (pub.qos != codec::qos::at_most_once) {
        out.append(",\"message_id\":");
        number(out, pub.packet_id);
    }
    out.append(",\"payload_length\":");
    number(out, payload.size());
    out.append(",\"received_at\":\"");
    append_rfc3339_utc_micros(out, t);
    out.push_back('"');
    if (codec::is_v5(m.version) && has_publish_properties(pub.props)) append_properties(out, pub.props, property_shape::snake);
    out.push_back('}');
}

}  // namespace wsmqtt::output
