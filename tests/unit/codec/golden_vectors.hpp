#pragma once
// Golden byte vectors for every control packet, MQTT 3.1.1 and 5.0, each byte annotated with the
// field it encodes. Shared by the golden tests and the fuzz corpus writer.
#include <cstdint>
#include <span>
#include <string_view>

#include "core/codec/decoder.hpp"

namespace wsmqtt::codec::golden {

// ---------------------------------------------------------------- MQTT 3.1.1 / 3.1
inline constexpr std::uint8_t connect_v311_minimal[] = {
    0x10, 15,                       // CONNECT, remaining length 15
    0x00, 0x04, 'M', 'Q', 'T', 'T', // protocol name "MQTT"
    0x04,                           // protocol level 4 (3.1.1)
    0x02,                           // connect flags: clean session
    0x00, 0x3C,                     // keep alive 60
    0x00, 0x03, 'a', 'b', 'c',      // client identifier "abc"
};
inline constexpr std::uint8_t connect_v311_full[] = {
    0x10, 30,                       // CONNECT, remaining length 30
    0x00, 0x04, 'M', 'Q', 'T', 'T', // protocol name "MQTT"
    0x04,                           // protocol level 4
    0xEC,                           // flags: user name, password, will retain, will QoS 1, will flag
    0x00, 0x0A,                     // keep alive 10
    0x00, 0x02, 'c', '1',           // client identifier "c1"
    0x00, 0x03, 'w', '/', 't',      // will topic "w/t"
    0x00, 0x03, 'b', 'y', 'e',      // will payload "bye"
    0x00, 0x01, 'u',                // user name "u"
    0x00, 0x01, 'p',                // password "p"
};
inline constexpr std::uint8_t connect_v31[] = {
    0x10, 15,                                 // CONNECT, remaining length 15
    0x00, 0x06, 'M', 'Q', 'I', 's', 'd', 'p', // protocol name "MQIsdp"
    0x03,                                     // protocol level 3 (3.1)
    0x02,                                     // flags: clean session
    0x00, 0x1E,                               // keep alive 30
    0x00, 0x01, 'x',                          // client identifier "x"
};
inline constexpr std::uint8_t connack_v311_accepted[] = {
    0x20, 0x02, // CONNACK, remaining length 2
    0x01,       // acknowledge flags: session present
    0x00,       // return code 0 connection accepted
};
inline constexpr std::uint8_t connack_v311_not_authorized[] = {
    0x20, 0x02, // CONNACK, remaining length 2
    0x00,       // acknowledge flags: none
    0x05,       // return code 5 not authorized
};
inline constexpr std::uint8_t publish_v311_qos0[] = {
    0x30, 7,                   // PUBLISH, QoS 0, remaining length 7
    0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
    'h', 'i',                  // payload "hi"
};
inline constexpr std::uint8_t publish_v311_qos1_dup_retain[] = {
    0x3B, 9,                   // PUBLISH, DUP | QoS 1 | RETAIN, remaining length 9
    0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
    0x00, 0x07,                // packet identifier 7
    'h', 'i',                  // payload "hi"
};
inline constexpr std::uint8_t publish_v311_qos2_empty[] = {
    0x34, 5,              // PUBLISH, QoS 2, remaining length 5
    0x00, 0x01, 't',      // topic name "t"
    0x12, 0x34,           // packet identifier 0x1234; empty payload
};
inline constexpr std::uint8_t puback_v311[] = {0x40, 0x02, /* PUBACK, length 2 */ 0x00, 0x07 /* packet id 7 */};
inline constexpr std::uint8_t pubrec_v311[] = {0x50, 0x02, /* PUBREC, length 2 */ 0x00, 0x08 /* packet id 8 */};
inline constexpr std::uint8_t pubrel_v311[] = {0x62, 0x02, /* PUBREL, flags 0010, length 2 */ 0x00, 0x08 /* id 8 */};
inline constexpr std::uint8_t pubcomp_v311[] = {0x70, 0x02, /* PUBCOMP, length 2 */ 0x00, 0x08 /* packet id 8 */};
inline constexpr std::uint8_t subscribe_v311[] = {
    0x82, 12,                  // SUBSCRIBE, flags 0010, remaining length 12
    0x00, 0x0A,                // packet identifier 10
    0x00, 0x03, 'a', '/', '+', // topic filter "a/+"
    0x01,                      // requested QoS 1
    0x00, 0x01, '#',           // topic filter "#"
    0x02,                      // requested QoS 2
};
inline constexpr std::uint8_t suback_v311[] = {
    0x90, 0x04, // SUBACK, remaining length 4
    0x00, 0x0A, // packet identifier 10
    0x01,       // return code: granted QoS 1
    0x80,       // return code: failure
};
inline constexpr std::uint8_t unsubscribe_v311[] = {
    0xA2, 7,                   // UNSUBSCRIBE, flags 0010, remaining length 7
    0x00, 0x0B,                // packet identifier 11
    0x00, 0x03, 'a', '/', 'b', // topic filter "a/b"
};
inline constexpr std::uint8_t unsuback_v311[] = {0xB0, 0x02, /* UNSUBACK, length 2 */ 0x00, 0x0B /* id 11 */};
inline constexpr std::uint8_t pingreq_any[] = {0xC0, 0x00 /* PINGREQ, remaining length 0 */};
inline constexpr std::uint8_t pingresp_any[] = {0xD0, 0x00 /* PINGRESP, remaining length 0 */};
inline constexpr std::uint8_t disconnect_v311[] = {0xE0, 0x00 /* DISCONNECT, remaining length 0 */};

// ---------------------------------------------------------------- MQTT 5.0
inline constexpr std::uint8_t connect_v5_will_props[] = {
    0x10, 56,                          // CONNECT, remaining length 56
    0x00, 0x04, 'M', 'Q', 'T', 'T',    // protocol name "MQTT"
    0x05,                              // protocol level 5
    0xC6,                              // flags: user name, password, will flag (QoS 0), clean start
    0x00, 0x3C,                        // keep alive 60
    15,                                // properties length 15
    0x11, 0x00, 0x00, 0x0E, 0x10,      //   session expiry interval 3600
    0x21, 0x00, 0x14,                  //   receive maximum 20
    0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v', //   user property ("k", "v")
    0x00, 0x02, 'i', 'd',              // client identifier "id"
    12,                                // will properties length 12
    0x03, 0x00, 0x04, 't', 'e', 'x', 't', //   content type "text"
    0x18, 0x00, 0x00, 0x00, 0x05,      //   will delay interval 5
    0x00, 0x01, 'w',                   // will topic "w"
    0x00, 0x01, 'x',                   // will payload "x"
    0x00, 0x01, 'u',                   // user name "u"
    0x00, 0x02, 'p', 'w',              // password "pw"
};
inline constexpr std::uint8_t connack_v5_props[] = {
    0x20, 20,                            // CONNACK, remaining length 20
    0x00,                                // acknowledge flags: no session
    0x00,                                // reason code success
    17,                                  // properties length 17
    0x12, 0x00, 0x04, 'a', 'u', 't', 'o', //   assigned client identifier "auto"
    0x22, 0x00, 0x0A,                    //   topic alias maximum 10
    0x24, 0x01,                          //   maximum QoS 1
    0x27, 0x00, 0x00, 0x04, 0x00,        //   maximum packet size 1024
};
inline constexpr std::uint8_t connack_v5_not_authorized[] = {
    0x20, 0x03, // CONNACK, remaining length 3
    0x00,       // acknowledge flags
    0x87,       // reason code 0x87 not authorized
    0x00,       // properties length 0
};
inline constexpr std::uint8_t publish_v5_qos1_props[] = {
    0x32, 42,                     // PUBLISH, QoS 1, remaining length 42
    0x00, 0x01, 't',              // topic name "t"
    0x00, 0x01,                   // packet identifier 1
    31,                           // properties length 31
    0x01, 0x01,                   //   payload format indicator 1 (UTF-8)
    0x02, 0x00, 0x00, 0x00, 0x3C, //   message expiry interval 60
    0x08, 0x00, 0x01, 'r',        //   response topic "r"
    0x09, 0x00, 0x02, 0xCA, 0xFE, //   correlation data CA FE
    0x0B, 0x05,                   //   subscription identifier 5
    0x0B, 0xC8, 0x01,             //   subscription identifier 200 (two-byte varint)
    0x23, 0x00, 0x03,             //   topic alias 3
    0x26, 0x00, 0x01, 'a', 0x00, 0x01, 'b', //   user property ("a", "b")
    'h', 'e', 'l', 'l', 'o',      // payload "hello"
};
inline constexpr std::uint8_t publish_v5_alias_only[] = {
    0x30, 7,          // PUBLISH, QoS 0, remaining length 7
    0x00, 0x00,       // topic name "" (the alias stands for it)
    3,                // properties length 3
    0x23, 0x00, 0x03, //   topic alias 3
    'x',              // payload "x"
};
inline constexpr std::uint8_t puback_v5_short[] = {
    0x40, 0x02, // PUBACK, remaining length 2 (reason success, no properties)
    0x00, 0x01, // packet identifier 1
};
inline constexpr std::uint8_t puback_v5_reason_string[] = {
    0x40, 10,                         // PUBACK, remaining length 10
    0x00, 0x01,                       // packet identifier 1
    0x10,                             // reason code 0x10 no matching subscribers
    6,                                // properties length 6
    0x1F, 0x00, 0x03, 'b', 'a', 'd',  //   reason string "bad"
};
inline constexpr std::uint8_t pubrec_v5_reason_only[] = {
    0x50, 0x03, // PUBREC, remaining length 3 (no properties)
    0x00, 0x02, // packet identifier 2
    0x80,       // reason code 0x80 unspecified error
};
inline constexpr std::uint8_t pubrel_v5_not_found[] = {
    0x62, 0x03, // PUBREL, flags 0010, remaining length 3
    0x00, 0x02, // packet identifier 2
    0x92,       // reason code 0x92 packet identifier not found
};
inline constexpr std::uint8_t pubcomp_v5_user_property[] = {
    0x70, 11,                               // PUBCOMP, remaining length 11
    0x00, 0x02,                             // packet identifier 2
    0x00,                                   // reason code success
    7,                                      // properties length 7
    0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v', //   user property ("k", "v")
};
inline constexpr std::uint8_t subscribe_v5_options[] = {
    0x82, 24,                  // SUBSCRIBE, flags 0010, remaining length 24
    0x00, 0x0A,                // packet identifier 10
    2,                         // properties length 2
    0x0B, 0x01,                //   subscription identifier 1
    0x00, 0x03, 'a', '/', '#', // topic filter "a/#"
    0x2D,                      // options: QoS 1, no local, retain as published, retain handling 2
    0x00, 0x0A, '$', 's', 'h', 'a', 'r', 'e', '/', 'g', '/', 't', // topic filter "$share/g/t"
    0x10,                      // options: QoS 0, retain handling 1
};
inline constexpr std::uint8_t suback_v5[] = {
    0x90, 10,                   // SUBACK, remaining length 10
    0x00, 0x0A,                 // packet identifier 10
    5,                          // properties length 5
    0x1F, 0x00, 0x02, 'o', 'k', //   reason string "ok"
    0x01,                       // reason code granted QoS 1
    0x9E,                       // reason code shared subscriptions not supported
};
inline constexpr std::uint8_t unsubscribe_v5[] = {
    0xA2, 15,                               // UNSUBSCRIBE, flags 0010, remaining length 15
    0x00, 0x0B,                             // packet identifier 11
    7,                                      // properties length 7
    0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v', //   user property ("k", "v")
    0x00, 0x03, 'a', '/', 'b',              // topic filter "a/b"
};
inline constexpr std::uint8_t unsuback_v5[] = {
    0xB0, 5,    // UNSUBACK, remaining length 5
    0x00, 0x0B, // packet identifier 11
    0,          // properties length 0
    0x00,       // reason code success
    0x11,       // reason code no subscription existed
};
inline constexpr std::uint8_t disconnect_v5_short[] = {0xE0, 0x00 /* DISCONNECT, normal, no properties */};
inline constexpr std::uint8_t disconnect_v5_with_will[] = {
    0xE0, 7,                      // DISCONNECT, remaining length 7
    0x04,                         // reason code 0x04 disconnect with will message
    5,                            // properties length 5
    0x11, 0x00, 0x00, 0x00, 0x00, //   session expiry interval 0
};
inline constexpr std::uint8_t disconnect_v5_server_moved[] = {
    0xE0, 11,                   // DISCONNECT, remaining length 11
    0x9C,                       // reason code 0x9C use another server
    9,                          // properties length 9
    0x1C, 0x00, 0x02, 'h', '2', //   server reference "h2"
    0x1F, 0x00, 0x01, 'm',      //   reason string "m"
};
inline constexpr std::uint8_t auth_v5_continue[] = {
    0xF0, 15,                                   // AUTH, remaining length 15
    0x18,                                       // reason code 0x18 continue authentication
    13,                                         // properties length 13
    0x15, 0x00, 0x05, 'S', 'C', 'R', 'A', 'M',  //   authentication method "SCRAM"
    0x16, 0x00, 0x02, 0x01, 0x02,               //   authentication data 01 02
};
inline constexpr std::uint8_t auth_v5_short[] = {0xF0, 0x00 /* AUTH, success, no properties */};

struct vector_entry {
    std::string_view name;
    protocol_version version;
    sender from;
    std::span<const std::uint8_t> bytes;
};

// Every vector above with the version and sender it decodes under (the corpus writer's list).
inline constexpr vector_entry all_vectors[] = {
    {"connect_v311_minimal", protocol_version::v311, sender::client, connect_v311_minimal},
    {"connect_v311_full", protocol_version::v311, sender::client, connect_v311_full},
    {"connect_v31", protocol_version::v31, sender::client, connect_v31},
    {"connack_v311_accepted", protocol_version::v311, sender::server, connack_v311_accepted},
    {"connack_v311_not_authorized", protocol_version::v311, sender::server, connack_v311_not_authorized},
    {"publish_v311_qos0", protocol_version::v311, sender::server, publish_v311_qos0},
    {"publish_v311_qos1_dup_retain", protocol_version::v311, sender::client, publish_v311_qos1_dup_retain},
    {"publish_v311_qos2_empty", protocol_version::v311, sender::server, publish_v311_qos2_empty},
    {"puback_v311", protocol_version::v311, sender::server, puback_v311},
    {"pubrec_v311", protocol_version::v311, sender::client, pubrec_v311},
    {"pubrel_v311", protocol_version::v311, sender::server, pubrel_v311},
    {"pubcomp_v311", protocol_version::v311, sender::client, pubcomp_v311},
    {"subscribe_v311", protocol_version::v311, sender::client, subscribe_v311},
    {"suback_v311", protocol_version::v311, sender::server, suback_v311},
    {"unsubscribe_v311", protocol_version::v311, sender::client, unsubscribe_v311},
    {"unsuback_v311", protocol_version::v311, sender::server, unsuback_v311},
    {"pingreq_v311", protocol_version::v311, sender::client, pingreq_any},
    {"pingresp_v311", protocol_version::v311, sender::server, pingresp_any},
    {"disconnect_v311", protocol_version::v311, sender::client, disconnect_v311},
    {"connect_v5_will_props", protocol_version::v5, sender::client, connect_v5_will_props},
    {"connack_v5_props", protocol_version::v5, sender::server, connack_v5_props},
    {"connack_v5_not_authorized", protocol_version::v5, sender::server, connack_v5_not_authorized},
    {"publish_v5_qos1_props", protocol_version::v5, sender::server, publish_v5_qos1_props},
    {"publish_v5_alias_only", protocol_version::v5, sender::client, publish_v5_alias_only},
    {"puback_v5_short", protocol_version::v5, sender::server, puback_v5_short},
    {"puback_v5_reason_string", protocol_version::v5, sender::server, puback_v5_reason_string},
    {"pubrec_v5_reason_only", protocol_version::v5, sender::client, pubrec_v5_reason_only},
    {"pubrel_v5_not_found", protocol_version::v5, sender::server, pubrel_v5_not_found},
    {"pubcomp_v5_user_property", protocol_version::v5, sender::client, pubcomp_v5_user_property},
    {"subscribe_v5_options", protocol_version::v5, sender::client, subscribe_v5_options},
    {"suback_v5", protocol_version::v5, sender::server, suback_v5},
    {"unsubscribe_v5", protocol_version::v5, sender::client, unsubscribe_v5},
    {"unsuback_v5", protocol_version::v5, sender::server, unsuback_v5},
    {"pingreq_v5", protocol_version::v5, sender::client, pingreq_any},
    {"pingresp_v5", protocol_version::v5, sender::server, pingresp_any},
    {"disconnect_v5_short", protocol_version::v5, sender::client, disconnect_v5_short},
    {"disconnect_v5_with_will", protocol_version::v5, sender::client, disconnect_v5_with_will},
    {"disconnect_v5_server_moved", protocol_version::v5, sender::server, disconnect_v5_server_moved},
    {"auth_v5_continue", protocol_version::v5, sender::server, auth_v5_continue},
    {"auth_v5_short", protocol_version::v5, sender::client, auth_v5_short},
};

}  // namespace wsmqtt::codec::golden
