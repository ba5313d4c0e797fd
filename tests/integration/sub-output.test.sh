#!/usr/bin/env bash
# wsmqtt-sub over every transport (ws, wss, mqtt, mqtts) at MQTT 3.1.1 and 5 prints what
# mosquitto_pub (a peer we did not write, over TCP to the same mosquitto A) publishes, byte for
# byte, in each output mode: raw (all 256 byte values), -v, -F, -N and --format json (checked with
# jq: binary, empty, UTF-8 payloads and a UTF-8 topic). Readiness without sleeps: the subscriber
# also subscribes (last) to a marker topic holding a retained message; once the marker is printed
# the broker holds the subscription. Registered when wsmqtt-sub exists.
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$0")/lib.sh"
require_bin wsmqtt-sub

H=$WSMQTT_HOST
CA=(--cafile "$WSMQTT_CA_FILE")
BYTES=$TEST_TMP/bytes256
python3 -c 'import sys; sys.stdout.buffer.write(bytes(range(256)))' >"$BYTES"
UTF8_PAYLOAD='héllo 日本語 😀 {"x":1}'

# Starts wsmqtt-sub ARGS... in the background (stdout OUT, stderr ERR) and waits (bounded) until
# OUT holds at least one byte: the retained marker. Sets SUB_PID.
start_sub_until_output() { # OUT ERR ARGS...
  local out=$1 err=$2 i; shift 2
  : >"$out"
  start_bg "$SUB" "$@" >"$out" 2>"$err"
  SUB_PID=$BG_PID
  for ((i = 0; i < 200; i++)); do # up to ~10 s
    [ -s "$out" ] && return 0
    kill -0 "$SUB_PID" 2>/dev/null || return 1
    sleep 0.05 # poll interval; readiness is the marker in the output
  done
  return 1
}


publish_set() { # TOPIC — the three messages of every case, QoS 1, over TCP
  mosquitto_pub "${A_TCP_ARGS[@]}" -q 1 -t "$1" -f "$BYTES"
  mosquitto_pub "${A_TCP_ARGS[@]}" -q 1 -t "$1" -m "$UTF8_PAYLOAD"
  mosquitto_pub "${A_TCP_ARGS[@]}" -q 1 -t "$1" -n
}

# One case: subscribe over URL with MODE_ARGS, publish the set, compare with the expected bytes
# (written by the function named EXPECT, given TOPIC and MARK) or check the JSON.
sub_case() { # NAME URL EXPECT MODE_ARGS...
  local name=$1 url=$2 expect=$3 topic mark out err; shift 3
  begin_case "$name"
  topic="$(unique_topic "${name//[^A-Za-z0-9]/_}")/日本/😀"
  mark="$topic-ready"
  out="$TEST_TMP/$RANDOM.out" err="$TEST_TMP/$RANDOM.err"
  _case_files+=("$out" "$err")
  LAST_CMD="wsmqtt-sub -L $url $*"
  mosquitto_pub "${A_TCP_ARGS[@]}" -q 1 -r -t "$mark" -m READY
  if ! start_sub_until_output "$out" "$err" -L "$url" -q 1 -t "$topic" -t "$mark" -C 4 -W 15 "$@"; then
    _note_failure "no marker from the subscriber within 10 s"
    end_case
    return
  fi
  publish_set "$topic"
  wait_exit "$SUB_PID" 15
  assert_eq "exit status" 0 "$WAIT_RC"
  [ ! -s "$err" ] || _note_failure "stderr not empty"
  "$expect" "$topic" "$mark" "$out"
  mosquitto_pub "${A_TCP_ARGS[@]}" -q 1 -r -t "$mark" -n
  end_case
}

expect_raw() { # TOPIC MARK OUT
  { printf 'READY\n'; cat "$BYTES"; printf '\n%s\n' "$UTF8_PAYLOAD"; } >"$TEST_TMP/expected"
  assert_file_bytes_equal "$TEST_TMP/expected" "$3"
}
expect_raw_n() {
  { printf 'READY'; cat "$BYTES"; printf '%s' "$UTF8_PAYLOAD"; } >"$TEST_TMP/expected"
  assert_file_bytes_equal "$TEST_TMP/expected" "$3"
}
expect_verbose() {
  { printf '%s READY\n%s ' "$2" "$1"; cat "$BYTES"; printf '\n%s %s\n%s (null)\n' "$1" "$UTF8_PAYLOAD" "$1"; } \
    >"$TEST_TMP/expected"
  assert_file_bytes_equal "$TEST_TMP/expected" "$3"
}
expect_format() { # -F '%t|%q|%r|%l|%x'
  local hex256 hexutf
  hex256=$(hex_of_file "$BYTES")
  hexutf=$(hex_of_string "$UTF8_PAYLOAD")
  printf '%s|1|1|5|5245414459\n%s|1|0|256|%s\n%s|1|0|%s|%s\n%s|1|0|0|\n' "$2" "$1" "$hex256" "$1" \
    "$(printf '%s' "$UTF8_PAYLOAD" | wc -c)" "$hexutf" "$1" >"$TEST_TMP/expected"
  assert_file_bytes_equal "$TEST_TMP/expected" "$3"
}
expect_json() {
  local out=$3
  assert_eq "lines" 4 "$(wc -l <"$out")"
  assert_true "every line is JSON (jq)" jq -e -c . "$out"
  assert_eq "topics" "$(printf '%s\n%s\n%s\n%s' "$2" "$1" "$1" "$1")" "$(jq -r .topic "$out")"
  assert_eq "binary payload (base64)" "$(hex_of_file "$BYTES")" \
    "$(sed -n 2p "$out" | jq -r .payload | base64 -d | od -An -v -tx1 | tr -d ' \n')"
  assert_eq "binary payload_encoding" base64 "$(sed -n 2p "$out" | jq -r .payload_encoding)"
  assert_eq "utf8 payload" "$UTF8_PAYLOAD" "$(sed -n 3p "$out" | jq -r .payload)"
  assert_eq "utf8 payload_encoding" utf8 "$(sed -n 3p "$out" | jq -r .payload_encoding)"
  assert_eq "empty payload" '""|0' "$(sed -n 4p "$out" | jq -r '(.payload|tojson) + "|" + (.payload_length|tostring)')"
  assert_eq "qos/retain" "1 true|1 false|1 false|1 false" \
    "$(jq -r '"\(.qos) \(.retain)"' "$out" | paste -sd'|')"
  assert_true "received_at is RFC 3339 with microseconds" \
    jq -e -s 'all(.[]; .received_at | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\\.[0-9]{6}Z$"))' "$out"
}

URLS=("ws://$H:$WSMQTT_A_WS_PORT/mqtt" "wss://localhost:$WSMQTT_A_WSS_PORT/mqtt"
      "mqtt://$H:$WSMQTT_A_TCP_PORT" "mqtts://localhost:$WSMQTT_A_TLS_PORT")
for v in 311 5; do
  for url in "${URLS[@]}"; do
    scheme=${url%%:*}
    tls=()
    case $scheme in wss|mqtts) tls=("${CA[@]}") ;; esac
    sub_case "$scheme -V $v raw"     "$url" expect_raw     -V "$v" "${tls[@]}"
    sub_case "$scheme -V $v -N"      "$url" expect_raw_n   -V "$v" "${tls[@]}" -N
    sub_case "$scheme -V $v -v"      "$url" expect_verbose -V "$v" "${tls[@]}" -v
    sub_case "$scheme -V $v -F"      "$url" expect_format  -V "$v" "${tls[@]}" -F '%t|%q|%r|%l|%x'
    sub_case "$scheme -V $v json"    "$url" expect_json    -V "$v" "${tls[@]}" --format json
  done
done

finish
