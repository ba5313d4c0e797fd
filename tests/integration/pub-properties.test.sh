#!/usr/bin/env bash
# MQTT 5 properties set by wsmqtt-pub's flags (-D in mosquitto's form and the friendly flags)
# arrive at a mosquitto_sub -V 5 subscriber; -D implies MQTT 5 (as mosquitto_pub) and is a usage
# error under an explicit -V 311; --topic-alias auto/off both deliver repeated messages.
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$0")/lib.sh"
require_bin wsmqtt-pub

H=$WSMQTT_HOST
TCP=(-h "$H" -p "$WSMQTT_A_TCP_PORT")
WS_URL="ws://$H:$WSMQTT_A_WS_PORT/mqtt"

# start_v5_sub TOPIC OUT: an MQTT 5 subscriber printing the properties; returns when it is live.
start_v5_sub() {
  local topic=$1 out=$2 i
  start_bg mosquitto_sub "${TCP[@]}" -V 5 -q 1 -W 30 -F '%t|%C|%D|%E|%F|%R|%P|%x' -t "$topic" -t "$topic-ready" \
    >"$out" 2>"$out.err"
  SUB_PID=$BG_PID
  for ((i = 0; i < 200; i++)); do
    grep -q "^$topic-ready|" "$out" && return 0
    mosquitto_pub "${TCP[@]}" -t "$topic-ready" -m ready >/dev/null 2>&1 || true
    sleep 0.05 # poll interval of a bounded readiness loop
  done
  echo "fail: $TEST_NAME: subscriber to $topic not ready" >&2
  exit 1
}

wait_line() { # OUT TOPIC — prints the first message line on TOPIC (waits up to 10 s)
  local i
  for ((i = 0; i < 200; i++)); do
    if grep -q "^$2|" "$1"; then
      grep "^$2|" "$1" | head -n 1
      return 0
    fi
    sleep 0.05 # poll interval
  done
}

begin_case "friendly flags: content type, correlation data, expiry, payload format, response topic, user properties"
topic=$(unique_topic friendly)
start_v5_sub "$topic" "$TEST_TMP/friendly.out"
run_pub -L "$WS_URL" -t "$topic" -q 1 -m 'héllo' --content-type application/json --correlation-data corr-42 \
  --message-expiry 300 --payload-format-indicator --response-topic "$topic/reply" --user-property a=1 \
  --user-property 'b=two=2'
assert_exit 0
[ ! -s "$LAST_ERR" ] || _note_failure "stderr not empty"
line=$(wait_line "$TEST_TMP/friendly.out" "$topic")
IFS='|' read -r t ct cd ex pf rt up hex <<<"$line"
assert_eq "content type" application/json "$ct"
assert_eq "correlation data" corr-42 "$cd"
# The broker forwards the remaining lifetime: at most what was sent, and not much less.
[ -n "$ex" ] && [ "$ex" -le 300 ] && [ "$ex" -ge 290 ] || _note_failure "message expiry '$ex', expected 290..300"
assert_eq "payload format indicator" 1 "$pf"
assert_eq "response topic" "$topic/reply" "$rt"
assert_eq "user properties" "a:1 b:two=2" "$up"
assert_eq "payload" "$(hex_of_string 'héllo')" "$hex"
kill -TERM "$SUB_PID" 2>/dev/null || true
end_case

begin_case "-D in mosquitto's form (connect, publish, disconnect) implies MQTT 5"
topic=$(unique_topic dprop)
start_v5_sub "$topic" "$TEST_TMP/d.out"
run_pub -L "mqtt://$H:$WSMQTT_A_TCP_PORT" -t "$topic" -q 2 -m d-form \
  -D PUBLISH user-property k v -D publish content-type text/plain -D publish message-expiry-interval 120 \
  -D publish correlation-data xyz -D publish payload-format-indicator 1 -D publish response-topic r/t \
  -D connect receive-maximum 10 -D connect user-property ck cv -D connect session-expiry-interval 0 \
  -D disconnect user-property bye now
assert_exit 0
[ ! -s "$LAST_ERR" ] || _note_failure "stderr not empty"
line=$(wait_line "$TEST_TMP/d.out" "$topic")
IFS='|' read -r t ct cd ex pf rt up hex <<<"$line"
assert_eq "content type" text/plain "$ct"
assert_eq "correlation data" xyz "$cd"
assert_eq "payload format indicator" 1 "$pf"
assert_eq "response topic" r/t "$rt"
assert_eq "user properties" "k:v" "$up"
[ -n "$ex" ] && [ "$ex" -le 120 ] || _note_failure "message expiry '$ex', expected <= 120"
kill -TERM "$SUB_PID" 2>/dev/null || true
end_case

begin_case "-D publish topic-alias and --topic-alias off/auto deliver every repeated message"
topic=$(unique_topic alias)
start_v5_sub "$topic" "$TEST_TMP/alias.out"
run_pub -L "$WS_URL" -t "$topic" -q 1 -m a --repeat 3 -V 5 --topic-alias auto
assert_exit 0
run_pub -L "$WS_URL" -t "$topic" -q 1 -m b --repeat 3 -V 5 --topic-alias off
assert_exit 0
run_pub -L "$WS_URL" -t "$topic" -q 1 -m c --repeat 3 -D publish topic-alias 1
assert_exit 0
for ((i = 0; i < 200; i++)); do
  [ "$(grep -c "^$topic|" "$TEST_TMP/alias.out")" -ge 9 ] && break
  sleep 0.05 # poll interval
done
assert_eq "payloads" "aaabbbccc" "$(grep "^$topic|" "$TEST_TMP/alias.out" | awk -F'|' '{ printf "%s", $8 }' | xxd -r -p)"
kill -TERM "$SUB_PID" 2>/dev/null || true
end_case

# ---- usage errors (2), before any connection
usage() { # NAME KEYWORD -- ARGS...
  local name=$1 keyword=$2; shift 3
  begin_case "$name"
  run_pub -L "mqtt://$H:$WSMQTT_CLOSED_PORT" -t t -m x "$@"
  assert_exit 2
  assert_stderr_contains "$keyword"
  assert_stderr_prefix wsmqtt-pub
  assert_stdout_empty
  end_case
}
usage "-D under an explicit -V 311" "need MQTT 5" -- -V 311 -D publish content-type x
usage "--user-property under -V 311" "need MQTT 5" -- -V mqttv311 --user-property a=b
usage "-D puback is refused as by mosquitto_pub" "not supported" -- -D puback reason-string x
usage "-D with a property not allowed in the packet" "not allowed in publish" -- -D publish receive-maximum 5
usage "-D with an unknown property" "unknown property" -- -D publish no-such-thing 1
usage "-D with a value out of range" "0 or 1" -- -D publish payload-format-indicator 7
usage "-D will without a will" "--will-topic" -- -D will content-type x
usage "--user-property without '='" "NAME=VALUE" -- --user-property novalue
usage "--topic-alias with an unknown mode" "auto or off" -- --topic-alias sometimes
usage "--repeat with -l" "--repeat" -- --repeat 2 -l
usage "--line-topic without -l" "--line-topic" -- --line-topic :
usage "two payload sources" "only one" -- -n

finish
