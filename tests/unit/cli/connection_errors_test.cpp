// Refused argument vectors: each problem is one line, and all of them come back at once.
#include "harness.hpp"

namespace wsmqtt::cli::test {
namespace {

class connection_errors_test : public cli_test {};

// The single error of args.
std::string only_error(std::vector<std::string> args) {
    const auto errors = parse_errors(std::move(args));
    EXPECT_EQ(errors.size(), 1U);
    return errors.empty() ? std::string{} : errors.front();
}

TEST_F(connection_errors_test, every_error_is_reported_at_once) {
    const auto errors =
        parse_errors({"-L", "localhost:8083/mqtt", "-h", "x", "-k", "3", "-V", "4", "--will-qos", "1",
                      "--cert", "missing.pem", "--connect-timeout", "0", "--ws-header", "bad"});
    const std::vector<std::string> expected{
        "-V/--protocol-version '4' is not an MQTT version; use 5, 311 or 31 (or mqttv5, mqttv311, mqttv31)",
        "-L/--url cannot be combined with -h/--host; put the host, port, scheme and path in the URL",
        "-L/--url: broker URL 'localhost:8083/mqtt' has no scheme; write ws://localhost:8083/mqtt",
        "-k/--keepalive '3' must be 0 (off) or from 5 to 65535 seconds",
        "--connect-timeout '0' must be a number of seconds above 0 and at most 86400 (fractions allowed, "
        "e.g. 2.5)",
        "--will-qos given without --will-topic",
        "--cert 'missing.pem': no such file",
        "--cert needs --key: give both the client certificate and its private key",
        "--ws-header 'bad' must be 'Name: value'",
    };
    EXPECT_EQ(errors, expected);
    for (const auto& e : errors) EXPECT_EQ(e.find('\n'), std::string::npos);
}

TEST_F(connection_errors_test, url_conflicts_with_host_port_protocol_and_path) {
    EXPECT_EQ(only_error({"-L", "ws://h/mqtt", "-h", "a", "-p", "1", "--protocol", "ws", "--ws-path", "/x"}),
              "-L/--url cannot be combined with -h/--host, -p/--port, --protocol and --ws-path; put the "
              "host, port, "
              "scheme and path in the URL");
    EXPECT_EQ(only_error({"--url", "ws://h/mqtt", "--port", "80"}),
              "-L/--url cannot be combined with -p/--port; put the host, port, scheme and path in the URL");
}

TEST_F(connection_errors_test, url_mistakes_reach_the_user_verbatim) {
    EXPECT_EQ(only_error({"-L", "tcp://h:1883"}),
              "-L/--url: broker URL 'tcp://h:1883' has unsupported scheme 'tcp'; use "
              "mqtt://, mqtts://, ws:// or wss:// (here: mqtt://h:1883)");
    EXPECT_NE(only_error({"-L", "http://h/"}).find("unsupported scheme"), std::string::npos);
}

TEST_F(connection_errors_test, host_port_and_protocol_values) {
    EXPECT_EQ(only_error({"-p", "0"}), "-p/--port '0' must be a number from 1 to 65535");
    EXPECT_EQ(only_error({"-p", "http"}), "-p/--port 'http' must be a number from 1 to 65535");
    EXPECT_EQ(only_error({"--protocol", "tcp"}), "--protocol 'tcp' must be mqtt, mqtts, ws or wss");
    EXPECT_EQ(only_error({"-h", ""}), "-h/--host is empty");
    EXPECT_EQ(only_error({"-h", "a b"}),
              "-h/--host 'a b' has an invalid character space in the host name 'a b'");
    EXPECT_EQ(only_error({"--ws-path", "mqtt"}), "--ws-path 'mqtt' must start with '/'; write /mqtt");
    EXPECT_EQ(only_error({"--protocol", "mqtt", "--ws-path", "/x"}),
              "--ws-path applies to ws:// and wss:// only, not mqtt://");
}

TEST_F(connection_errors_test, client_id_rules_follow_mosquitto) {
    EXPECT_EQ(only_error({"-i", "a", "-I", "b"}), "-i/--id and -I/--id-prefix cannot be used together");
    // 3.1.1: a kept session is found by its id, so -c needs -i.
    const std::string needs_id =
        "-c/--disable-clean-session needs a client id (-i): a kept session is found again "
        "by its client id, and a generated one (or -I) changes every run";
    EXPECT_EQ(only_error({"-c"}), needs_id);
    EXPECT_EQ(only_error({"-c", "-I", "p"}), needs_id);
    EXPECT_EQ(only_error({"-c", "-i", ""}), needs_id);
    // 5: the same for a session that never expires.
    const std::string never =
        "a session that never expires (-c without -x, or -x never) needs a client id (-i): it "
        "is found again by that id; or give -x SECONDS";
    EXPECT_EQ(only_error({"-V", "5", "-c"}), never);
    EXPECT_EQ(only_error({"-V", "mqttv5", "-x", "-1"}), never);
    // 3.1 ids are 1..23 bytes.
    EXPECT_EQ(only_error({"-V", "31", "-i", "this-id-is-longer-than-23"}),
              "MQTT 3.1 client ids are 1 to 23 bytes; -i/--id gives 25 ('this-id-is-longer-than-23')");
    EXPECT_EQ(only_error({"-i", "bad\xff"}), "-i/--id 'bad\xff' is not valid UTF-8 (or contains a NUL)");
}

TEST_F(connection_errors_test, session_expiry_needs_mqtt5) {
    EXPECT_EQ(only_error({"-V", "311", "-x", "60"}),
              "-x/--session-expiry-interval needs MQTT 5, but -V asks for MQTT 3.1.1; use -V 5 or drop -x");
    EXPECT_EQ(only_error({"-x", "soon"}),
              "-x/--session-expiry-interval 'soon' must be seconds from 0 to 4294967295, or -1, never or "
              "\xE2\x88\x9E "
              "for a session that never expires");
}

TEST_F(connection_errors_test, credentials) {
    EXPECT_EQ(only_error({"-L", "ws://a@h", "-u", "b"}),
              "user name given twice, in -L/--url and in -u/--username; keep one");
    EXPECT_EQ(only_error({"-L", "ws://a:x@h", "-P", "y"}),
              "password given twice, in -L/--url and in -P/--pw; keep one");
    EXPECT_EQ(only_error({"-P", "x"}),
              "a password (-P/--pw) needs a user name (-u) under MQTT 3.1.1; only MQTT 5 "
              "(-V 5) allows a password alone");
    EXPECT_EQ(only_error({"-u", "a", "--pw-file", directory() + "/nope"}),
              "--pw-file '" + directory() + "/nope': no such file");
    EXPECT_EQ(only_error({"-u", "a", "--pw-file", directory()}),
              "--pw-file '" + directory() + "' is a directory, not a file");
    // An unreadable --pw-file does not fall back to the environment.
    ::setenv(password_env_var, "env", 1);
    EXPECT_EQ(parse_errors({"-u", "a", "--pw-file", directory() + "/nope"}).size(), 1U);
}

TEST_F(connection_errors_test, will_flags) {
    EXPECT_EQ(only_error({"--will-payload", "x", "--will-retain"}),
              "--will-payload and --will-retain given without --will-topic");
    EXPECT_EQ(only_error({"--will-topic", "a/+"}),
              "--will-topic 'a/+' contains a wildcard ('+' or '#'), which only subscriptions may use");
    EXPECT_EQ(only_error({"--will-topic", ""}), "--will-topic '' is empty");
    EXPECT_EQ(only_error({"--will-topic", "t", "--will-qos", "3"}), "--will-qos '3' must be 0, 1 or 2");
}

TEST_F(connection_errors_test, tls_flags_need_a_tls_broker_and_existing_files) {
    EXPECT_EQ(only_error({"--insecure"}),
              "TLS options (--insecure) need an mqtts:// or wss:// broker, but it is "
              "ws://localhost:8083/mqtt; use -L "
              "mqtts://... or wss://..., or --protocol mqtts|wss");
    const auto errors = parse_errors({"-L", "mqtts://h", "--cafile", "/no/ca.pem", "--capath", "/no/dir",
                                      "--key", "/no/k.pem", "--tls-version", "tlsv1.1", "--alpn", ""});
    const std::vector<std::string> expected{
        "--cafile '/no/ca.pem': no such file",
        "--capath '/no/dir': no such directory",
        "--key '/no/k.pem': no such file",
        "--key needs --cert: give both the client certificate and its private key",
        "--tls-version 'tlsv1.1' is not supported (TLS below 1.2 is obsolete and off in OpenSSL 3); use "
        "tlsv1.2 or "
        "tlsv1.3",
        "--alpn '' must be 1 to 255 bytes",
    };
    EXPECT_EQ(errors, expected);
    EXPECT_EQ(only_error({"--protocol", "wss", "--capath", file("f", "x")}),
              "--capath '" + directory() + "/f' is not a directory");
    EXPECT_EQ(only_error({"--protocol", "wss", "--key-password", "x"}), "--key-password needs --key");
}

TEST_F(connection_errors_test, websocket_flags) {
    EXPECT_EQ(only_error({"-L", "mqtt://h", "--ws-header", "A: b", "--ws-subprotocol", "mqtt"}),
              "WebSocket options (--ws-header and --ws-subprotocol) need a ws:// or wss:// broker, but it is "
              "mqtt://h:1883");
    EXPECT_EQ(
        only_error({"--ws-header", "Sec-WebSocket-Protocol: mqtt"}),
        "--ws-header 'Sec-WebSocket-Protocol: mqtt': set the sub-protocol with --ws-subprotocol instead");
    EXPECT_EQ(only_error({"--ws-subprotocol", "none", "--ws-subprotocol", "mqtt"}),
              "--ws-subprotocol none cannot be combined with other sub-protocols");
    EXPECT_EQ(only_error({"--ws-subprotocol", "a b"}),
              "--ws-subprotocol 'a b' is not a valid sub-protocol name (an HTTP token)");
    EXPECT_EQ(only_error({"--proxy", "socks5h://p:1080"}),
              "proxy URL 'socks5h://p:1080': SOCKS proxies are not supported; use an HTTP proxy "
              "(http://host:port)");
}

TEST_F(connection_errors_test, syntax_errors_come_from_cli11_as_one_line) {
    const auto unknown = parse({"--bogus"});
    EXPECT_EQ(unknown.action, parse_action::syntax_error);
    ASSERT_EQ(unknown.errors.size(), 1U);
    EXPECT_NE(unknown.errors[0].find("--bogus"), std::string::npos) << unknown.errors[0];
    const auto missing = parse({"-L"});
    EXPECT_EQ(missing.action, parse_action::syntax_error);
    ASSERT_EQ(missing.errors.size(), 1U);
    EXPECT_NE(missing.errors[0].find("--url"), std::string::npos) << missing.errors[0];
}

}  // namespace
}  // namespace wsmqtt::cli::test
