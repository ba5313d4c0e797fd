#include "core/codec/property_wire.hpp"

#include <bitset>
#include <string_view>

namespace wsmqtt::codec::detail {
namespace {

// Writes every present property; the caller frames it with the length.
void write_body(writer& w, const properties& p) {
    auto id = [&](property_id i) { w.u8(static_cast<std::uint8_t>(i)); };
    auto byte = [&](property_id i, const std::optional<std::uint8_t>& v) {
        if (v) id(i), w.u8(*v);
    };
    auto two = [&](property_id i, const std::optional<std::uint16_t>& v) {
        if (v) id(i), w.u16(*v);
    };
    auto four = [&](property_id i, const std::optional<std::uint32_t>& v) {
        if (v) id(i), w.u32(*v);
    };
    auto str = [&](property_id i, const std::optional<std::string>& v) {
        if (v) id(i), w.utf8_string(*v);
    };
    auto bin = [&](property_id i, const std::optional<std::vector<std::uint8_t>>& v) {
        if (v) id(i), w.binary(*v);
    };
    using enum property_id;
    byte(payload_format_indicator, p.payload_format_indicator);
    four(message_expiry_interval, p.message_expiry_interval);
    str(content_type, p.content_type);
    str(response_topic, p.response_topic);
    bin(correlation_data, p.correlation_data);
    for (const auto s : p.subscription_identifiers) id(subscription_identifier), w.varint(s);
    four(session_expiry_interval, p.session_expiry_interval);
    str(assigned_client_identifier, p.assigned_client_identifier);
    two(server_keep_alive, p.server_keep_alive);
    str(authentication_method, p.authentication_method);
    bin(authentication_data, p.authentication_data);
    byte(request_problem_information, p.request_problem_information);
    four(will_delay_interval, p.will_delay_interval);
    byte(request_response_information, p.request_response_information);
    str(response_information, p.response_information);
    str(server_reference, p.server_reference);
    str(reason_string, p.reason_string);
    two(receive_maximum, p.receive_maximum);
    two(topic_alias_maximum, p.topic_alias_maximum);
    two(topic_alias, p.topic_alias);
    byte(maximum_qos, p.maximum_qos);
    byte(retain_available, p.retain_available);
    for (const auto& [k, v] : p.user_properties) id(user_property), w.utf8_string(k), w.utf8_string(v);
    four(maximum_packet_size, p.maximum_packet_size);
    byte(wildcard_subscription_available, p.wildcard_subscription_available);
    byte(subscription_identifier_available, p.subscription_identifier_available);
    byte(shared_subscription_available, p.shared_subscription_available);
}

}  // namespace

void write_properties(writer& w, const properties& props, packet_type in, bool in_will) {
    if (w.counting()) {
        if (auto r = validate_properties(props, in, in_will); !r) {
            w.fail(static_cast<codec_error>(r.error().value()));
            return;
        }
    }
    writer counter;
    write_body(counter, props);
    if (!counter.ok()) {
        w.fail(counter.error());
        return;
    }
    if (counter.count() > max_varint) {
        w.fail(codec_error::value_too_large);
        return;
    }
    w.varint(static_cast<std::uint32_t>(counter.count()));
    write_body(w, props);
}

properties read_properties(reader& outer, packet_type in, bool in_will) {
    properties p;
    const std::uint32_t length = outer.varint();
    const auto block = outer.take(length);
    if (!outer.ok()) {
        // The properties length itself is a length that disagrees with the packet.
        return p;
    }
    reader r(block);
    std::bitset<64> seen;
    while (r.ok() && !r.at_end()) {
        const std::uint32_t raw = r.varint();
        if (!r.ok()) break;
        if (raw > 0xFF || !is_known_property(static_cast<std::uint8_t>(raw))) {
            r.fail(codec_error::unknown_property);
            break;
        }
        const auto id = static_cast<property_id>(raw);
        if (seen.test(raw) && !property_may_repeat(id, in_will ? packet_type::connect : in)) {
            r.fail(codec_error::duplicate_property);
            break;
        }
        seen.set(raw);
        using enum property_id;
        switch (id) {
        case payload_format_indicator: p.payload_format_indicator = r.u8(); break;
        case message_expiry_interval: p.message_expiry_interval = r.u32(); break;
        case content_type: p.content_type = r.utf8_string(); break;
        case response_topic: p.response_topic = r.utf8_string(); break;
        case correlation_data: p.correlation_data = r.binary(); break;
        case subscription_identifier: p.subscription_identifiers.push_back(r.varint()); break;
        case session_expiry_interval: p.session_expiry_interval = r.u32(); break;
        case assigned_client_identifier: p.assigned_client_identifier = r.utf8_string(); break;
        case server_keep_alive: p.server_keep_alive = r.u16(); break;
        case authentication_method: p.authentication_method = r.utf8_string(); break;
        case authentication_data: p.authentication_data = r.binary(); break;
        case request_problem_information: p.request_problem_information = r.u8(); break;
        case will_delay_interval: p.will_delay_interval = r.u32(); break;
        case request_response_information: p.request_response_information = r.u8(); break;
        case response_information: p.response_information = r.utf8_string(); break;
        case server_reference: p.server_reference = r.utf8_string(); break;
        case reason_string: p.reason_string = r.utf8_string(); break;
        case receive_maximum: p.receive_maximum = r.u16(); break;
        case topic_alias_maximum: p.topic_alias_maximum = r.u16(); break;
        case topic_alias: p.topic_alias = r.u16(); break;
        case maximum_qos: p.maximum_qos = r.u8(); break;
        case retain_available: p.retain_available = r.u8(); break;
        case user_property: {
            auto k = r.utf8_string();
            auto v = r.utf8_string();
            p.user_properties.emplace_back(std::move(k), std::move(v));
            break;
        }
        case maximum_packet_size: p.maximum_packet_size = r.u32(); break;
        case wildcard_subscription_available: p.wildcard_subscription_available = r.u8(); break;
        case subscription_identifier_available: p.subscription_identifier_available = r.u8(); break;
        case shared_subscription_available: p.shared_subscription_available = r.u8(); break;
        }
    }
    if (!r.ok()) {
        // A value cut short by the property length is a length that disagrees.
        const auto e = r.error();
        outer.fail(e == codec_error::truncated_packet ? codec_error::length_mismatch : e);
        return p;
    }
    if (auto v = validate_properties(p, in, in_will); !v) outer.fail(static_cast<codec_error>(v.error().value()));
    return p;
}

}  // namespace wsmqtt::codec::detail
