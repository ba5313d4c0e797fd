// Argument vectors that are accepted, and the config they resolve to.
#include "harness.hpp"

namespace wsmqtt::cli::test {
namespace {

using url::scheme;

class connection_flags_test : public cli_test {};

TEST_F(connection_flags_test, defaults) {
    const auto c = parse_ok({});
    EXPECT_EQ(c.broker.to_string(), "ws://localhost:8083/mqtt");
    EXPECT_EQ(c.broker.kind, scheme::ws);
    EXPECT_FALSE(c.broker.topic.has_value());
    EXPECT_EQ(c.version, protocol_version::v3_1_1);
    EXPECT_EQ(c.keepalive, 60);
    EXPECT_TRUE(c.clean_session);
    EXPECT_FALSE(c.session_expiry_interval.has_value());
    EXPECT_FALSE(c.username.has_value());
    EXPECT_FALSE(c.password.has_value());
    EXPECT_FALSE(c.will.has_value());
    EXPECT_EQ(c.connect_timeout, std::chrono::milliseconds{10'000});
    EXPECT_FALSE(c.debug);
    EXPECT_FALSE(c.proxy.has_value());
    EXPECT_EQ(c.websocket.subprotocols, std::vector<std::string>{"mqtt"});
    EXPECT_TRUE(c.websocket.headers.empty());
    EXPECT_FALSE(c.tls.insecure);
    EXPECT_TRUE(c.client_id_generated);
    EXPECT_EQ(c.client_id.rfind("wsmqtt-", 0), 0U);
}

TEST_F(connection_flags_test, url_sets_the_broker_and_its_topic) {
    const auto c = parse_ok({"-L", "mqtt://broker:1884/a/b"});
    EXPECT_EQ(c.broker.to_string(), "mqtt://broker:1884/a/b");
    EXPECT_EQ(c.broker.topic, "a/b");
    EXPECT_EQ(parse_ok({"--url", "wss://h"}).broker.to_string(), "wss://h:443/mqtt");
}

TEST_F(connection_flags_test, host_port_protocol_and_path_change_parts_of_the_default) {
    EXPECT_EQ(parse_ok({"-h", "broker"}).broker.to_string(), "ws://broker:8083/mqtt");
    EXPECT_EQ(parse_ok({"--host", "::1"}).broker.to_string(), "ws://[::1]:8083/mqtt");
    EXPECT_EQ(parse_ok({"-p", "9001"}).broker.to_string(), "ws://localhost:9001/mqtt");
    EXPECT_EQ(parse_ok({"--ws-path", "/"}).broker.to_string(), "ws://localhost:8083/");
    EXPECT_EQ(parse_ok({"-h", "h", "-p", "15675", "--ws-path", "/ws"}).broker.to_string(), "ws://h:15675/ws");
    // -p 1883 / 8883 mean what they mean to mosquitto users.
    EXPECT_EQ(parse_ok({"-h", "h", "-p", "1883"}).broker.to_string(), "mqtt://h:1883");
    EXPECT_EQ(parse_ok({"-h", "h", "-p", "8883"}).broker.to_string(), "mqtts://h:8883");
    EXPECT_EQ(parse_ok({"--protocol", "ws", "-p", "1883"}).broker.to_string(), "ws://localhost:1883/mqtt");
}

TEST_F(connection_flags_test, protocol_without_port_takes_the_usual_port) {
    EXPECT_EQ(parse_ok({"--protocol", "mqtt"}).broker.to_string(), "mqtt://localhost:1883");
    EXPECT_EQ(parse_ok({"--protocol", "mqtts"}).broker.to_string(), "mqtts://localhost:8883");
    EXPECT_EQ(parse_ok({"--protocol", "ws"}).broker.to_string(), "ws://localhost:8083/mqtt");
    EXPECT_EQ(parse_ok({"--protocol", "wss"}).broker.to_string(), "wss://localhost:8084/mqtt");
    EXPECT_EQ(parse_ok({"--protocol", "WSS", "-p", "443"}).broker.to_string(), "wss://localhost:443/mqtt");
}

TEST_F(connection_flags_test, protocol_version_spellings) {
    EXPECT_EQ(parse_ok({"-V", "5"}).version, protocol_version::v5);
    EXPECT_EQ(parse_ok({"-V", "mqttv5"}).version, protocol_version::v5);
    EXPECT_EQ(parse_ok({"-V", "311"}).version, protocol_version::v3_1_1);
    EXPECT_EQ(parse_ok({"--protocol-version", "mqttv311"}).version, protocol_version::v3_1_1);
    EXPECT_EQ(parse_ok({"-V", "31"}).version, protocol_version::v3_1);
    EXPECT_EQ(parse_ok({"-V", "mqttv31"}).version, protocol_version::v3_1);
}

TEST_F(connection_flags_test, client_id_generation) {
    // MQTT 5: empty, the broker assigns one.
    const auto v5 = parse_ok({"-V", "5"});
    EXPECT_TRUE(v5.client_id.empty());
    // 3.1.1 and 3.1: wsmqtt- and 12 alphanumerics, different every time.
    const auto a = parse_ok({});
    const auto b = parse_ok({});
    for (const auto& c : {a, b}) {
        ASSERT_EQ(c.client_id.size(), 19U) << c.client_id;
        EXPECT_EQ(c.client_id.substr(0, 7), "wsmqtt-");
        for (char ch : c.client_id.substr(7))
            EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(ch))) << c.client_id;
    }
    EXPECT_NE(a.client_id, b.client_id);
    EXPECT_EQ(parse_ok({"-V", "31"}).client_id.size(), 19U);
    // The same parsed flags draw a new id on every finish().
    harness h;
    ASSERT_EQ(parse_connection(h.app, h.flags, std::vector<std::string>{}).action, parse_action::run);
    std::vector<std::string> errors;
    EXPECT_NE(h.flags.finish(errors)->client_id, h.flags.finish(errors)->client_id);
}

TEST_F(connection_flags_test, explicit_id_and_prefix) {
    const auto id = parse_ok({"-i", "sensor-1"});
    EXPECT_EQ(id.client_id, "sensor-1");
    EXPECT_FALSE(id.client_id_generated);
    const auto prefixed = parse_ok({"-I", "job-", "-V", "5"});
    EXPECT_EQ(prefixed.client_id.substr(0, 4), "job-");
    EXPECT_EQ(prefixed.client_id.size(), 16U);
    EXPECT_TRUE(prefixed.client_id_generated);
}

TEST_F(connection_flags_test, keepalive_and_timeout) {
    EXPECT_EQ(parse_ok({"-k", "0"}).keepalive, 0);
    EXPECT_EQ(parse_ok({"-k", "5"}).keepalive, 5);
    EXPECT_EQ(parse_ok({"--keepalive", "65535"}).keepalive, 65535);
    EXPECT_EQ(parse_ok({"--connect-timeout", "2.5"}).connect_timeout, std::chrono::milliseconds{2500});
    EXPECT_EQ(parse_ok({"--connect-timeout", "0.0001"}).connect_timeout, std::chrono::milliseconds{1});
}

TEST_F(connection_flags_test, persistent_sessions) {
    const auto v3 = parse_ok({"-c", "-i", "me"});
    EXPECT_FALSE(v3.clean_session);
    EXPECT_FALSE(v3.session_expiry_interval.has_value());

    // MQTT 5: -c alone means a session that never expires (mosquitto's default).
    const auto v5 = parse_ok({"-V", "5", "-c", "-i", "me"});
    EXPECT_FALSE(v5.clean_session);
    EXPECT_EQ(v5.session_expiry_interval, 0xFFFFFFFFu);

    // -x implies MQTT 5; a finite expiry needs no chosen id.
    const auto x = parse_ok({"-x", "300"});
    EXPECT_EQ(x.version, protocol_version::v5);
    EXPECT_EQ(x.session_expiry_interval, 300u);
    EXPECT_TRUE(x.client_id.empty());
    EXPECT_EQ(parse_ok({"-V", "5", "-c", "-x", "60"}).session_expiry_interval, 60u);
    EXPECT_EQ(parse_ok({"-x", "-1", "-i", "me"}).session_expiry_interval, 0xFFFFFFFFu);
    EXPECT_EQ(parse_ok({"-x", "never", "-i", "me"}).session_expiry_interval, 0xFFFFFFFFu);
    EXPECT_EQ(parse_ok({"-x", "\xE2\x88\x9E", "-i", "me"}).session_expiry_interval, 0xFFFFFFFFu);
    EXPECT_EQ(parse_ok({"--session-expiry-interval=0"}).session_expiry_interval, 0u);
}

TEST_F(connection_flags_test, username_and_password_sources) {
    const auto flags = parse_ok({"-u", "alice", "-P", "s3cret"});
    EXPECT_EQ(flags.username, "alice");
    EXPECT_EQ(flags.password, "s3cret");

    // User info in -L counts like -u/-P and is moved out of the broker URL.
    const auto from_url = parse_ok({"-L", "ws://bob:pw@h/mqtt"});
    EXPECT_EQ(from_url.username, "bob");
    EXPECT_EQ(from_url.password, "pw");
    EXPECT_FALSE(from_url.broker.username.has_value());
    EXPECT_FALSE(from_url.broker.password.has_value());
    EXPECT_EQ(from_url.broker.to_string(), "ws://h:80/mqtt");
    const auto url_user_flag_pw = parse_ok({"-L", "ws://bob@h/mqtt", "-P", "pw2"});
    EXPECT_EQ(url_user_flag_pw.username, "bob");
    EXPECT_EQ(url_user_flag_pw.password, "pw2");
}

TEST_F(connection_flags_test, password_precedence_flag_then_file_then_environment) {
    const auto pw_file = file("pw", "from-file\r\nsecond line\n");
    ::setenv(password_env_var, "from-env", 1);
    EXPECT_EQ(parse_ok({"-u", "a", "-P", "from-flag", "--pw-file", pw_file}).password, "from-flag");
    EXPECT_EQ(parse_ok({"-L", "ws://a:from-url@h", "--pw-file", pw_file}).password, "from-url");
    EXPECT_EQ(parse_ok({"-u", "a", "--pw-file", pw_file}).password, "from-file");
    EXPECT_EQ(parse_ok({"-u", "a"}).password, "from-env");
    // 3.1.1 has no password without a user name: the environment's default is dropped ...
    EXPECT_EQ(parse_ok({}).password, std::nullopt);
    // ... but MQTT 5 allows it.
    EXPECT_EQ(parse_ok({"-V", "5"}).password, "from-env");
    // An empty file is an empty password; a file without newline is read whole.
    EXPECT_EQ(parse_ok({"-u", "a", "--pw-file", file("empty", "")}).password, "");
    EXPECT_EQ(parse_ok({"-u", "a", "--pw-file", file("bare", "bare")}).password, "bare");
}

TEST_F(connection_flags_test, later_flag_wins_as_in_mosquitto) {
    const auto c = parse_ok({"-u", "first", "-u", "second", "-k", "10", "-k", "20"});
    EXPECT_EQ(c.username, "second");
    EXPECT_EQ(c.keepalive, 20);
}

TEST_F(connection_flags_test, will) {
    const auto c =
        parse_ok({"--will-topic", "status/me", "--will-payload", "gone", "--will-qos", "1", "--will-retain"});
    ASSERT_TRUE(c.will.has_value());
    EXPECT_EQ(c.will->topic, "status/me");
    EXPECT_EQ(c.will->payload, "gone");
    EXPECT_EQ(c.will->qos, 1);
    EXPECT_TRUE(c.will->retain);
    const auto bare = parse_ok({"--will-topic", "t"});
    ASSERT_TRUE(bare.will.has_value());
    EXPECT_EQ(bare.will->payload, "");
    EXPECT_EQ(bare.will->qos, 0);
    EXPECT_FALSE(bare.will->retain);
}

TEST_F(connection_flags_test, tls_flags) {
    const auto ca = file("ca.pem", "x");
    const auto cert = file("c.pem", "x");
    const auto key = file("k.pem", "x");
    const auto c = parse_ok({"-L",
                             "mqtts://h",
                             "--cafile",
                             ca,
                             "--capath",
                             directory(),
                             "--cert",
                             cert,
                             "--key",
                             key,
                             "--key-password",
                             "kp",
                             "--insecure",
                             "--tls-version",
                             "tlsv1.3",
                             "--alpn",
                             "mqtt",
                             "--tls-alpn",
                             "x-amzn-mqtt-ca",
                             "--sni",
                             "broker.example",
                             "--ciphers",
                             "HIGH",
                             "--tls-use-os-certs"});
    EXPECT_EQ(c.tls.cafile, ca);
    EXPECT_EQ(c.tls.capath, directory());
    EXPECT_EQ(c.tls.cert, cert);
    EXPECT_EQ(c.tls.key, key);
    EXPECT_EQ(c.tls.key_password, "kp");
    EXPECT_TRUE(c.tls.insecure);
    EXPECT_TRUE(c.tls.use_os_certs);
    EXPECT_EQ(c.tls.min_version, tls_version::v1_3);
    EXPECT_EQ(c.tls.alpn, (std::vector<std::string>{"mqtt", "x-amzn-mqtt-ca"}));
    EXPECT_EQ(c.tls.sni, "broker.example");
    EXPECT_EQ(c.tls.ciphers, "HIGH");
    EXPECT_EQ(parse_ok({"--protocol", "wss", "--insecure"}).tls.insecure, true);
}

TEST_F(connection_flags_test, websocket_flags) {
    const auto c = parse_ok({"--ws-header", "Authorization: Bearer abc", "--ws-header",
                             "X-Empty:", "--ws-subprotocol", "mqttv3.1", "--proxy", "http://u:p@proxy:3128"});
    EXPECT_EQ(c.websocket.headers,
              (std::vector<http_header>{{"Authorization", "Bearer abc"}, {"X-Empty", ""}}));
    EXPECT_EQ(c.websocket.subprotocols, std::vector<std::string>{"mqttv3.1"});
    ASSERT_TRUE(c.proxy.has_value());
    EXPECT_EQ(c.proxy->host, "proxy");
    EXPECT_EQ(c.proxy->port, 3128);
    EXPECT_EQ(c.proxy->password, "p");
    EXPECT_TRUE(parse_ok({"--ws-subprotocol", "none"}).websocket.subprotocols.empty());
    EXPECT_EQ(parse_ok({"-V", "31"}).websocket.subprotocols, std::vector<std::string>{"mqttv3.1"});
    // A proxy tunnels any scheme.
    EXPECT_TRUE(parse_ok({"-L", "mqtt://h", "--proxy", "http://p:8080"}).proxy.has_value());
}

TEST_F(connection_flags_test, debug_and_describe_never_show_the_password) {
    const auto c = parse_ok({"-d", "-L", "ws://alice:hunter2@h:8083/mqtt", "-i", "me"});
    EXPECT_TRUE(c.debug);
    const auto line = describe(c);
    EXPECT_EQ(line.find("hunter2"), std::string::npos) << line;
    EXPECT_EQ(line,
              "broker ws://h:8083/mqtt, MQTT 3.1.1, client id 'me', keepalive 60 s, clean session, user "
              "'alice' with password, connect timeout 10 s");
}

TEST_F(connection_flags_test, help_is_long_only_and_grouped) {
    const auto r = parse({"--help"});
    EXPECT_EQ(r.action, parse_action::print_help);
    for (const char* group : {"Connection:", "TLS:", "WebSocket:", "MQTT session:", "Will:"})
        EXPECT_NE(r.text.find(group), std::string::npos) << group << "\n" << r.text;
    EXPECT_NE(r.text.find("-h,--host"), std::string::npos) << r.text;
    EXPECT_NE(r.text.find("-V,--protocol-version"), std::string::npos) << r.text;
    // -h is the host, not help.
    EXPECT_EQ(parse({"-h", "x"}).action, parse_action::run);
}

TEST_F(connection_flags_test, version_is_long_only) {
    const auto r = parse({"--version"});
    EXPECT_EQ(r.action, parse_action::print_version);
    // The version line, then the build line (issue 6): git revision and library versions.
    EXPECT_EQ(r.text.rfind("wsmqtt-test 0.1.0\ngit ", 0), 0u) << r.text;
    for (const char* lib : {"Boost 1.", "OpenSSL 3.", "fmt "}) EXPECT_NE(r.text.find(lib), std::string::npos) << lib;
}

TEST_F(connection_flags_test, binaries_add_their_own_flags_on_the_same_app) {
    harness h;
    std::string topic;
    int qos = 0;
    h.app.add_option("-t,--topic", topic);
    h.app.add_option("-q,--qos", qos);
    const auto r =
        parse_connection(h.app, h.flags, {"-t", "a/b", "-h", "broker", "-q", "1", "--ws-header", "A: b"});
    ASSERT_TRUE(r.config.has_value());
    EXPECT_EQ(topic, "a/b");
    EXPECT_EQ(qos, 1);
    EXPECT_EQ(r.config->broker.host, "broker");
}

}  // namespace
}  // namespace wsmqtt::cli::test
