#include "session_test_support.hpp"

namespace wsmqtt::session::test {
namespace {

TEST(session_subscribe, suback_results_matched_with_failure_names_v5) {
    session s{config()};
    connect(s);
    const auto token = s.subscribe({codec::subscription{"a", codec::qos::exactly_once},
                                    codec::subscription{"secret/#", codec::qos::at_least_once}},
                                   t0);
    const auto subs = sent<codec::subscribe>(s.take_actions());
    ASSERT_EQ(subs.size(), 1u);
    s.on_packet(codec::suback{subs[0].packet_id, {0x01, 0x87}, {}}, t0);
    const auto r = all_of<subscribed>(s.take_actions());
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0].token, token);
    ASSERT_EQ(r[0].results.size(), 2u);
    EXPECT_EQ(r[0].results[0].name, "granted qos 1");
    EXPECT_FALSE(r[0].results[0].failed());
    EXPECT_EQ(r[0].results[1].filter, "secret/#");
    EXPECT_TRUE(r[0].results[1].failed());
    EXPECT_EQ(r[0].results[1].name, "not authorized");
}

TEST(session_subscribe, suback_failure_v311) {
    session s{config(codec::protocol_version::v311)};
    connect(s);
    s.subscribe({codec::subscription{"a", codec::qos::at_most_once}}, t0);
    s.take_actions();
    s.on_packet(codec::suback{1, {0x80}, {}}, t0);
    const auto r = all_of<subscribed>(s.take_actions());
    EXPECT_EQ(r.at(0).results.at(0).name, "failure");
    EXPECT_TRUE(r.at(0).results.at(0).failed());
}

TEST(session_subscribe, suback_mismatches_are_protocol_errors) {
    session s{config()};
    connect(s);
    s.on_packet(codec::suback{4, {0}, {}}, t0);
    EXPECT_EQ(all_of<close_connection>(s.take_actions()).at(0).message,
              "broker sent SUBACK for packet id 4 that matches no SUBSCRIBE");

    session s2{config()};
    connect(s2);
    s2.subscribe({codec::subscription{"a", codec::qos::at_most_once}}, t0);
    s2.take_actions();
    s2.on_packet(codec::suback{1, {0, 0}, {}}, t0);
    EXPECT_EQ(all_of<close_connection>(s2.take_actions()).at(0).message,
              "broker sent SUBACK for packet id 1 with 2 return codes for 1 topic filters");
}

TEST(session_subscribe, unsubscribe_matched_and_not_replayed) {
    session s{config()};
    connect(s);
    s.subscribe({codec::subscription{"a", codec::qos::at_most_once}}, t0);
    s.on_packet(codec::suback{1, {0}, {}}, t0);
    const auto token = s.unsubscribe({"a"}, t0);
    const auto u = sent<codec::unsubscribe>(s.take_actions());
    ASSERT_EQ(u.size(), 1u);
    EXPECT_EQ(u[0].packet_id, 2);
    s.on_packet(codec::unsuback{2, {codec::reason_code::no_subscription_existed}, {}}, t0);
    const auto r = all_of<unsubscribed>(s.take_actions());
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0].token, token);
    EXPECT_EQ(r[0].results.at(0).name, "no subscription existed");
    EXPECT_FALSE(r[0].results.at(0).failed());
    time_point now = t0;
    EXPECT_TRUE(sent<codec::subscribe>(reconnect(s, connack_v5(), now)).empty());
}

}  // namespace
}  // namespace wsmqtt::session::test
