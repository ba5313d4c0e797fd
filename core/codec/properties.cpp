#include "core/codec/properties.hpp"

#include <array>
#include <charconv>
#include <limits>

#include "core/codec/errors.hpp"
#include "core/codec/topic.hpp"
#include "core/codec/utf8.hpp"
#include "core/codec/wire.hpp"

namespace wsmqtt::codec {
namespace {

constexpr std::uint32_t bit(packet_type t) noexcept { return 1u << static_cast<unsigned>(t); }
// Packet type 0 is reserved, so bit 0 stands for the will properties of a CONNECT payload.
constexpr std::uint32_t will_bit = 1u;

struct descriptor {
    property_id id;
    std::string_view name;
    std::uint32_t allowed;  // bit per packet type, will_bit for will properties
};

using pt = packet_type;
constexpr std::uint32_t acks = bit(pt::puback) | bit(pt::pubrec) | bit(pt::pubrel) | bit(pt::pubcomp);
constexpr std::uint32_t all_with_props = bit(pt::connect) | bit(pt::connack) | bit(pt::publish) | will_bit |
                                         acks | bit(pt::subscribe) | bit(pt::suback) | bit(pt::unsubscribe) |
                                         bit(pt::unsuback) | bit(pt::disconnect) | bit(pt::auth);
constexpr std::uint32_t message = bit(pt::publish) | will_bit;

// Spec table 2.4 (section 2.2.2.2).
constexpr std::array<descriptor, 27> table{{
    {property_id::payload_format_indicator, "payload-format-indicator", message},
    {property_id::message_expiry_interval, "message-expiry-interval", message},
    {property_id::content_type, "content-type", message},
    {property_id::response_topic, "response-topic", message},
    {property_id::correlation_data, "correlation-data", message},
    {property_id::subscription_identifier, "subscription-identifier", bit(pt::publish) | bit(pt::subscribe)},
    {property_id::session_expiry_interval, "session-expiry-interval",
     bit(pt::connect) | bit(pt::connack) | bit(pt::disconnect)},
    {property_id::assigned_client_identifier, "assigned-client-identifier", bit(pt::connack)},
    {property_id::server_keep_alive, "server-keep-alive", bit(pt::connack)},
    {property_id::authentication_method, "authentication-method",
     bit(pt::connect) | bit(pt::connack) | bit(pt::auth)},
    {property_id::authentication_data, "authentication-data", bit(pt::connect) | bit(pt::connack) | bit(pt::auth)},
    {property_id::request_problem_information, "request-problem-information", bit(pt::connect)},
    {property_id::will_delay_interval, "will-delay-interval", will_bit},
    {property_id::request_response_information, "request-response-information", bit(pt::connect)},
    {property_id::response_information, "response-information", bit(pt::connack)},
    {property_id::server_reference, "server-reference", bit(pt::connack) | bit(pt::disconnect)},
    {property_id::reason_string, "reason-string",
     bit(pt::connack) | acks | bit(pt::suback) | bit(pt::unsuback) | bit(pt::disconnect) | bit(pt::auth)},
    {property_id::receive_maximum, "receive-maximum", bit(pt::connect) | bit(pt::connack)},
    {property_id::topic_alias_maximum, "topic-alias-maximum", bit(pt::connect) | bit(pt::connack)},
    {property_id::topic_alias, "topic-alias", bit(pt::publish)},
    {property_id::maximum_qos, "maximum-qos", bit(pt::connack)},
    {property_id::retain_available, "retain-available", bit(pt::connack)},
    {property_id::user_property, "user-property", all_with_props},
    {property_id::maximum_packet_size, "maximum-packet-size", bit(pt::connect) | bit(pt::connack)},
    {property_id::wildcard_subscription_available, "wildcard-subscription-available", bit(pt::connack)},
    {property_id::subscription_identifier_available, "subscription-identifier-available", bit(pt::connack)},
    {property_id::shared_subscription_available, "shared-subscription-available", bit(pt::connack)},
}};

const descriptor* find(property_id id) noexcept {
    for (const auto& d : table)
        if (d.id == id) return &d;
    return nullptr;
}

boost::system::result<void> check_string(const std::optional<std::string>& s) {
    if (!s) return {};
    if (s->size() > 0xFFFF) return codec_error::string_too_long;
    if (!is_valid_mqtt_utf8(*s)) return codec_error::invalid_utf8;
    return {};
}

boost::system::result<void> check_binary(const std::optional<std::vector<std::uint8_t>>& b) {
    if (b && b->size() > 0xFFFF) return codec_error::string_too_long;
    return {};
}

bool is_boolean(const std::optional<std::uint8_t>& v) noexcept { return !v || *v <= 1; }

// Value rules of spec 3.x for each property; allow-list aside.
boost::system::result<void> check_values(const properties& p) {
    if (!is_boolean(p.payload_format_indicator) || !is_boolean(p.request_problem_information) ||
        !is_boolean(p.request_response_information) || !is_boolean(p.maximum_qos) ||
        !is_boolean(p.retain_available) || !is_boolean(p.wildcard_subscription_available) ||
        !is_boolean(p.subscription_identifier_available) || !is_boolean(p.shared_subscription_available))
        return codec_error::invalid_property_value;
    if ((p.receive_maximum && *p.receive_maximum == 0) || (p.topic_alias && *p.topic_alias == 0) ||
        (p.maximum_packet_size && *p.maximum_packet_size == 0))
        return codec_error::invalid_property_value;
    for (const auto id : p.subscription_identifiers)
        if (id == 0 || id > detail::max_varint) return codec_error::invalid_property_value;
    for (const auto* s : {&p.content_type, &p.response_topic, &p.assigned_client_identifier,
                          &p.authentication_method, &p.response_information, &p.server_reference,
                          &p.reason_string})
        if (auto r = check_string(*s); !r) return r;
    if (p.response_topic && !validate_topic_name(*p.response_topic)) return codec_error::invalid_topic;
    for (const auto& [k, v] : p.user_properties) {
        if (k.size() > 0xFFFF || v.size() > 0xFFFF) return codec_error::string_too_long;
        if (!is_valid_mqtt_utf8(k) || !is_valid_mqtt_utf8(v)) return codec_error::invalid_utf8;
    }
    if (auto r = check_binary(p.correlation_data); !r) return r;
    if (auto r = check_binary(p.authentication_data); !r) return r;
    return {};
}

template <class T>
boost::system::result<T> parse_number(std::string_view text) {
    std::uint64_t v = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (ec != std::errc{} || ptr != end || text.empty() || v > std::numeric_limits<T>::max())
        return codec_error::invalid_property_value;
    return static_cast<T>(v);
}

}  // namespace

bool properties::empty() const noexcept {
    for (const auto& d : table)
        if (has(d.id)) return false;
    return true;
}

bool properties::has(property_id id) const noexcept {
    switch (id) {
    case property_id::payload_format_indicator: return payload_format_indicator.has_value();
    case property_id::message_expiry_interval: return message_expiry_interval.has_value();
    case property_id::content_type: return content_type.has_value();
    case property_id::response_topic: return response_topic.has_value();
    case property_id::correlation_data: return correlation_data.has_value();
    case property_id::subscription_identifier: return !subscription_identifiers.empty();
    case property_id::session_expiry_interval: return session_expiry_interval.has_value();
    case property_id::assigned_client_identifier: return assigned_client_identifier.has_value();
    case property_id::server_keep_alive: return server_keep_alive.has_value();
    case property_id::authentication_method: return authentication_method.has_value();
    case property_id::authentication_data: return authentication_data.has_value();
    case property_id::request_problem_information: return request_problem_information.has_value();
    case property_id::will_delay_interval: return will_delay_interval.has_value();
    case property_id::request_response_information: return request_response_information.has_value();
    case property_id::response_information: return response_information.has_value();
    case property_id::server_reference: return server_reference.has_value();
    case property_id::reason_string: return reason_string.has_value();
    case property_id::receive_maximum: return receive_maximum.has_value();
    case property_id::topic_alias_maximum: return topic_alias_maximum.has_value();
    case property_id::topic_alias: return topic_alias.has_value();
    case property_id::maximum_qos: return maximum_qos.has_value();
    case property_id::retain_available: return retain_available.has_value();
    case property_id::user_property: return !user_properties.empty();
    case property_id::maximum_packet_size: return maximum_packet_size.has_value();
    case property_id::wildcard_subscription_available: return wildcard_subscription_available.has_value();
    case property_id::subscription_identifier_available: return subscription_identifier_available.has_value();
    case property_id::shared_subscription_available: return shared_subscription_available.has_value();
    }
    return false;
}

std::optional<property_id> property_from_name(std::string_view name) noexcept {
    for (const auto& d : table)
        if (d.name == name) return d.id;
    return std::nullopt;
}

std::string_view property_name(property_id id) noexcept {
    const auto* d = find(id);
    return d ? d->name : "unknown-property";
}

bool is_known_property(std::uint8_t id) noexcept { return find(static_cast<property_id>(id)) != nullptr; }

bool property_allowed(property_id id, packet_type in) noexcept {
    const auto* d = find(id);
    const auto t = static_cast<unsigned>(in);
    return d && t >= 1 && t <= 15 && (d->allowed & (1u << t)) != 0;
}

bool property_allowed_in_will(property_id id) noexcept {
    const auto* d = find(id);
    return d && (d->allowed & will_bit) != 0;
}

bool property_may_repeat(property_id id, packet_type in) noexcept {
    return id == property_id::user_property ||
           (id == property_id::subscription_identifier && in == packet_type::publish);
}

boost::system::result<void> validate_properties(const properties& props, packet_type in, bool in_will) {
    for (const auto& d : table) {
        if (!props.has(d.id)) continue;
        const bool allowed = in_will ? property_allowed_in_will(d.id) : property_allowed(d.id, in);
        if (!allowed) return codec_error::property_not_allowed;
    }
    // [MQTT-3.8.2.1.2]: SUBSCRIBE carries at most one subscription identifier.
    if (props.subscription_identifiers.size() > 1 && (in_will || in != packet_type::publish))
        return codec_error::duplicate_property;
    return check_values(props);
}

boost::system::result<void> set_property(properties& p, property_id id, std::string_view value,
                                         std::string_view value2) {
    auto str = [&](std::optional<std::string>& field) -> boost::system::result<void> {
        if (!is_valid_mqtt_utf8(value) || value.size() > 0xFFFF) return codec_error::invalid_property_value;
        field = std::string(value);
        return {};
    };
    auto bin = [&](std::optional<std::vector<std::uint8_t>>& field) -> boost::system::result<void> {
        if (value.size() > 0xFFFF) return codec_error::invalid_property_value;
        field.emplace(value.begin(), value.end());
        return {};
    };
    auto num = [&]<class T>(std::optional<T>& field, T min, T max) -> boost::system::result<void> {
        auto v = parse_number<T>(value);
        if (!v || *v < min || *v > max) return codec_error::invalid_property_value;
        field = *v;
        return {};
    };
    constexpr auto u32max = std::numeric_limits<std::uint32_t>::max();
    constexpr auto u16max = std::numeric_limits<std::uint16_t>::max();
    const std::uint8_t zero = 0, one = 1;
    switch (id) {
    case property_id::payload_format_indicator: return num(p.payload_format_indicator, zero, one);
    case property_id::message_expiry_interval: return num(p.message_expiry_interval, 0u, u32max);
    case property_id::content_type: return str(p.content_type);
    case property_id::response_topic:
        if (!validate_topic_name(value)) return codec_error::invalid_property_value;
        return str(p.response_topic);
    case property_id::correlation_data: return bin(p.correlation_data);
    case property_id::subscription_identifier: {
        std::optional<std::uint32_t> v;
        if (auto r = num(v, 1u, detail::max_varint); !r) return r;
        p.subscription_identifiers.assign(1, *v);
        return {};
    }
    case property_id::session_expiry_interval: return num(p.session_expiry_interval, 0u, u32max);
    case property_id::assigned_client_identifier: return str(p.assigned_client_identifier);
    case property_id::server_keep_alive: return num(p.server_keep_alive, std::uint16_t{0}, u16max);
    case property_id::authentication_method: return str(p.authentication_method);
    case property_id::authentication_data: return bin(p.authentication_data);
    case property_id::request_problem_information: return num(p.request_problem_information, zero, one);
    case property_id::will_delay_interval: return num(p.will_delay_interval, 0u, u32max);
    case property_id::request_response_information: return num(p.request_response_information, zero, one);
    case property_id::response_information: return str(p.response_information);
    case property_id::server_reference: return str(p.server_reference);
    case property_id::reason_string: return str(p.reason_string);
    case property_id::receive_maximum: return num(p.receive_maximum, std::uint16_t{1}, u16max);
    case property_id::topic_alias_maximum: return num(p.topic_alias_maximum, std::uint16_t{0}, u16max);
    case property_id::topic_alias: return num(p.topic_alias, std::uint16_t{1}, u16max);
    case property_id::maximum_qos: return num(p.maximum_qos, zero, one);
    case property_id::retain_available: return num(p.retain_available, zero, one);
    case property_id::user_property:
        if (!is_valid_mqtt_utf8(value) || !is_valid_mqtt_utf8(value2) || value.size() > 0xFFFF ||
            value2.size() > 0xFFFF)
            return codec_error::invalid_property_value;
        p.user_properties.emplace_back(std::string(value), std::string(value2));
        return {};
    case property_id::maximum_packet_size: return num(p.maximum_packet_size, 1u, u32max);
    case property_id::wildcard_subscription_available: return num(p.wildcard_subscription_available, zero, one);
    case property_id::subscription_identifier_available:
        return num(p.subscription_identifier_available, zero, one);
    case property_id::shared_subscription_available: return num(p.shared_subscription_available, zero, one);
    }
    return codec_error::unknown_property;
}

}  // namespace wsmqtt::codec
