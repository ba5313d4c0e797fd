#!/usr/bin/env bash
# wsmqtt-sub's session behaviour against mosquitto A: SIGINT/SIGTERM end with a normal DISCONNECT
# (exit 0, no will; checked by a second subscriber on the will topic), SIGKILL does produce the
# will; a kept session (-c -i X -q 1) gets the 100 messages published while it was away; a lost
# connection (session taken over) reconnects and resubscribes, or exits 9 with --no-reconnect;
# MQTT 5 properties published with mosquitto_pub -D show in --format json and -F.
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$0")/lib.sh"
require_bin wsmqtt-sub

H=$WSMQTT_HOST
A_URL="ws://$H:$WSMQTT_A_WS_PORT/mqtt"
retain() { mosquitto_pub "${A_TCP_ARGS[@]}" -q 1 -r -t "$1" -m "$2"; }
unretain() { mosquitto_pub "${A_TCP_ARGS[@]}" -q 1 -r -t "$1" -n; }

# Starts wsmqtt-sub ARGS... in the background; waits (bounded) until OUT holds a byte (a
# retained marker the caller arranged). Sets SUB_PID, SUB_OUT, SUB_ERR.
start_sub_until_output() { # NAME ARGS...
  local i
  SUB_OUT=$TEST_TMP/$1.out SUB_ERR=$TEST_TMP/$1.err
  shift
  : >"$SUB_OUT"
  _case_files+=("$SUB_OUT" "$SUB_ERR")
  LAST_CMD="wsmqtt-sub $*"
  start_bg "$SUB" "$@" >"$SUB_OUT" 2>"$SUB_ERR"
  SUB_PID=$BG_PID
  for ((i = 0; i < 200; i++)); do # up to ~10 s
    [ -s "$SUB_OUT" ] && return 0
    kill -0 "$SUB_PID" 2>/dev/null || return 1
    sleep 0.05 # poll interval; readiness is the marker in the output
  done
  return 1
}


# ---- signals and the will
for sig in INT TERM; do
  for v in 311 5; do
    begin_case "SIG$sig: DISCONNECT reason 0, exit 0, no will (-V $v)"
    will=$(unique_topic "will$sig$v")
    mark=$(unique_topic "mark$sig$v")
    id="wsmqtt-it-sig-$$-$RANDOM"
    retain "$mark" READY
    wait_for_subscription watcher "$will" "${A_TCP_ARGS[@]}"
    if start_sub_until_output "sig$sig$v" -L "$A_URL" -V "$v" -i "$id" -t "$mark" -W 20 \
      --will-topic "$will" --will-payload gone; then
      kill "-$sig" "$SUB_PID"
      wait_exit "$SUB_PID" 5
      assert_eq "exit status" 0 "$WAIT_RC"
      [ ! -s "$SUB_ERR" ] || _note_failure "stderr not empty"
      assert_true "mosquitto logged a normal DISCONNECT" grep -qF "Client $id disconnected." "$WSMQTT_A_LOG"
      if sub_wait_messages "$watcher" 1 2; then _note_failure "the will was published"; fi
    else
      _note_failure "subscriber not ready"
    fi
    sub_stop "$watcher"
    unretain "$mark"
    end_case
  done
done

begin_case "SIGKILL: the broker publishes the will"
will=$(unique_topic willkill)
mark=$(unique_topic markkill)
retain "$mark" READY
wait_for_subscription watcher "$will" "${A_TCP_ARGS[@]}"
if start_sub_until_output kill -L "$A_URL" -t "$mark" -W 20 --will-topic "$will" --will-payload gone; then
  kill -KILL "$SUB_PID"
  wait_exit "$SUB_PID" 5
  if sub_wait_messages "$watcher" 1 5; then
    assert_eq "will payload" "$(hex_of_string gone)" "$(sub_message_hex "$watcher" 1)"
  else
    _note_failure "no will within 5 s"
  fi
else
  _note_failure "subscriber not ready"
fi
sub_stop "$watcher"
unretain "$mark"
end_case

# ---- a kept session
for v in 311 5; do
  begin_case "kept session (-c -i X -q 1): 100 messages sent while away all arrive (-V $v)"
  t=$(unique_topic "persist$v")
  id="wsmqtt-it-persist-$$-$RANDOM"
  run_capture "$TEST_TMP/p1.out" "$TEST_TMP/p1.err" rc -- "$SUB" -L "$A_URL" -V "$v" -c -i "$id" -q 1 -t "$t" -E -W 10
  assert_exit 0
  for i in $(seq 1 100); do mosquitto_pub "${A_TCP_ARGS[@]}" -q 1 -t "$t" -m "msg $i"; done
  run_capture "$TEST_TMP/p2.out" "$TEST_TMP/p2.err" rc -- "$SUB" -L "$A_URL" -V "$v" -c -i "$id" -q 1 -t "$t" -C 100 -W 15
  assert_exit 0
  assert_eq "messages, in order" "$(seq 1 100 | sed 's/^/msg /')" "$(cat "$TEST_TMP/p2.out")"
  [ ! -s "$TEST_TMP/p2.err" ] || _note_failure "stderr not empty"
  # Leave no session behind: a clean connect with the same id drops it.
  run_capture "$TEST_TMP/p3.out" "$TEST_TMP/p3.err" rc -- "$SUB" -L "$A_URL" -V "$v" -i "$id" -t "$t" -E -W 10
  end_case
done

# ---- lost connection: reconnect (default) or exit 9
begin_case "--no-reconnect: a lost connection exits 9"
mark=$(unique_topic marklost)
id="wsmqtt-it-lost-$$-$RANDOM"
retain "$mark" READY
if start_sub_until_output lost -L "$A_URL" -i "$id" -t "$mark" --no-reconnect -W 20; then
  # Another client with the same id takes the session over: the broker closes ours.
  mosquitto_sub "${A_TCP_ARGS[@]}" -i "$id" -t "$mark" -E >/dev/null 2>&1 || true
  wait_exit "$SUB_PID" 5
  assert_eq "exit status" 9 "$WAIT_RC"
  assert_true "one stderr line" test "$(wc -l <"$SUB_ERR")" = 1
  assert_true "stderr starts with wsmqtt-sub: connection:" grep -q '^wsmqtt-sub: connection: ' "$SUB_ERR"
else
  _note_failure "subscriber not ready"
fi
unretain "$mark"
end_case

begin_case "default: reconnects after the loss and resubscribes"
t=$(unique_topic reconnect)
mark=$(unique_topic markreconnect)
id="wsmqtt-it-reconnect-$$-$RANDOM"
retain "$mark" READY
if start_sub_until_output reconnect -L "$A_URL" -V 5 -i "$id" -t "$mark" -t "$t" -C 3 -W 20 \
  --reconnect-delay 0.2 -v; then
  mosquitto_sub "${A_TCP_ARGS[@]}" -i "$id" -t "$mark" -E >/dev/null 2>&1 || true
  for ((i = 0; i < 200; i++)); do # publish until the reconnected subscriber has what it needs
    kill -0 "$SUB_PID" 2>/dev/null || break
    mosquitto_pub "${A_TCP_ARGS[@]}" -t "$t" -m after >/dev/null 2>&1 || true
    sleep 0.05 # publish interval
  done
  wait_exit "$SUB_PID" 5
  assert_eq "exit status" 0 "$WAIT_RC"
  assert_true "warned about the reconnect" grep -q "reconnecting in" "$SUB_ERR"
  assert_true "received after the reconnect" grep -qx "$t after" "$SUB_OUT"
else
  _note_failure "subscriber not ready"
fi
unretain "$mark"
end_case

# ---- MQTT 5 properties from mosquitto_pub -D
begin_case "MQTT 5 properties in --format json and -F"
t=$(unique_topic props)
mosquitto_pub "${A_TCP_ARGS[@]}" -V 5 -q 1 -r -t "$t" -m '{"a":1}' -D publish content-type text/plain \
  -D publish user-property k1 v1 -D publish user-property k2 'v 2' -D publish response-topic r/t \
  -D publish correlation-data abc -D publish message-expiry-interval 100 -D publish payload-format-indicator 1
run_capture "$TEST_TMP/j.out" "$TEST_TMP/j.err" rc -- "$SUB" -L "$A_URL" -V 5 -t "$t" -C 1 -W 10 --format json \
  --subscription-identifier 7
assert_exit 0
j=$TEST_TMP/j.out
assert_eq "content_type" text/plain "$(jq -r .properties.content_type "$j")"
assert_eq "response_topic" r/t "$(jq -r .properties.response_topic "$j")"
assert_eq "correlation_data" abc "$(jq -r .properties.correlation_data "$j" | base64 -d)"
assert_eq "payload_format_indicator" 1 "$(jq -r .properties.payload_format_indicator "$j")"
assert_true "message_expiry_interval 99..100" jq -e '.properties.message_expiry_interval | . == 100 or . == 99' "$j"
assert_eq "subscription_identifiers" '[7]' "$(jq -c .properties.subscription_identifiers "$j")"
assert_eq "user_properties" '[["k1","v1"],["k2","v 2"]]' "$(jq -c .properties.user_properties "$j")"
run_capture "$TEST_TMP/f.out" "$TEST_TMP/f.err" rc -- "$SUB" -L "$A_URL" -V 5 -t "$t" -C 1 -W 10 \
  -F '%C|%D|%F|%P|%R|%S' --subscription-identifier 9
assert_exit 0
assert_eq "-F fields" 'text/plain|abc|1|k1:v1 k2:v 2|r/t|9' "$(cat "$TEST_TMP/f.out")"
unretain "$t"
end_case

finish
