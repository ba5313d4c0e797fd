#pragma once
// MQTT 5 properties (spec 2.2.2): one typed member per property, the identifier table, the
// per-packet allow-list, and the names mosquitto's `-D` option uses.
#include <boost/system/result.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/codec/packet_type.hpp"

namespace wsmqtt::codec {

enum class property_id : std::uint8_t {
    payload_format_indicator = 0x01,
    message_expiry_interval = 0x02,
    content_type = 0x03,
    response_topic = 0x08,
    correlation_data = 0x09,
    subscription_identifier = 0x0B,
    session_expiry_interval = 0x11,
    assigned_client_identifier = 0x12,
    server_keep_alive = 0x13,
    authentication_method = 0x15,
    authentication_data = 0x16,
    request_problem_information = 0x17,
    will_delay_interval = 0x18,
    request_response_information = 0x19,
    response_information = 0x1A,
    server_reference = 0x1C,
    reason_string = 0x1F,
    receive_maximum = 0x21,
    topic_alias_maximum = 0x22,
    topic_alias = 0x23,
    maximum_qos = 0x24,
    retain_available = 0x25,
    user_property = 0x26,
    maximum_packet_size = 0x27,
    wildcard_subscription_available = 0x28,
    subscription_identifier_available = 0x29,
    shared_subscription_available = 0x2A,
};

// An unset optional / empty vector means "absent on the wire". Encoding writes present properties
// in identifier order; user_properties and subscription_identifiers keep their order.
struct properties {
    std::optional<std::uint8_t> payload_format_indicator;
    std::optional<std::uint32_t> message_expiry_interval;
    std::optional<std::string> content_type;
    std::optional<std::string> response_topic;
    std::optional<std::vector<std::uint8_t>> correlation_data;
    std::vector<std::uint32_t> subscription_identifiers;  // repeats only in server->client PUBLISH
    std::optional<std::uint32_t> session_expiry_interval;
    std::optional<std::string> assigned_client_identifier;
    std::optional<std::uint16_t> server_keep_alive;
    std::optional<std::string> authentication_method;
    std::optional<std::vector<std::uint8_t>> authentication_data;
    std::optional<std::uint8_t> request_problem_information;
    std::optional<std::uint32_t> will_delay_interval;
    std::optional<std::uint8_t> request_response_information;
    std::optional<std::string> response_information;
    std::optional<std::string> server_reference;
    std::optional<std::string> reason_string;
    std::optional<std::uint16_t> receive_maximum;
    std::optional<std::uint16_t> topic_alias_maximum;
    std::optional<std::uint16_t> topic_alias;
    std::optional<std::uint8_t> maximum_qos;
    std::optional<std::uint8_t> retain_available;
    std::vector<std::pair<std::string, std::string>> user_properties;  // order kept, may repeat
    std::optional<std::uint32_t> maximum_packet_size;
    std::optional<std::uint8_t> wildcard_subscription_available;
    std::optional<std::uint8_t> subscription_identifier_available;
    std::optional<std::uint8_t> shared_subscription_available;

    bool empty() const noexcept;
    bool has(property_id id) const noexcept;
    bool operator==(const properties&) const = default;
};

// mosquitto `-D` spelling ("message-expiry-interval"); nullopt for unknown names.
std::optional<property_id> property_from_name(std::string_view name) noexcept;

// mosquitto `-D` spelling; "unknown-property" for values not in the enum.
std::string_view property_name(property_id id) noexcept;

// True for identifiers MQTT 5 defines.
bool is_known_property(std::uint8_t id) noexcept;

// Spec table 2.4 (section 2.2.2.2): may this property appear in this packet's properties?
bool property_allowed(property_id id, packet_type in) noexcept;

// Same table, column "Will Properties" (the CONNECT payload's will properties).
bool property_allowed_in_will(property_id id) noexcept;

// May the property appear more than once (user property; subscription identifier in PUBLISH)?
bool property_may_repeat(property_id id, packet_type in) noexcept;

// Every property present in `props` is allowed in `in` (or in will properties when `in_will`),
// and every value is in its range. Errors: property_not_allowed, invalid_property_value,
// invalid_utf8, invalid_topic (response topic), string_too_long.
boost::system::result<void> validate_properties(const properties& props, packet_type in,
                                                bool in_will = false);

// Set one property from command-line text (as mosquitto_pub -D does): numbers in decimal,
// strings as given, binary data as the raw bytes of `value`; user-property takes its name in
// `value` and its value in `value2`. Repeating a once-only property replaces it (user-property
// appends). Errors: invalid_property_value when the
// text is not a number in range.
boost::system::result<void> set_property(properties& props, property_id id, std::string_view value,
                                         std::string_view value2 = {});

}  // namespace wsmqtt::codec
