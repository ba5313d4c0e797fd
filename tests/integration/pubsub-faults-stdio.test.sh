#!/usr/bin/env bash
# Faults at the process's own ends (issue 8, "Faults with real brokers"): stdout closed by the
# reader (`| head -n 1`), stdin closed early for `wsmqtt-pub -l`, a disk-full stdout (/dev/full).
# A clean DISCONNECT is checked two ways: the fake broker logs it, and the will is not published.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/../fake_broker/fake_broker.sh"
require_bin wsmqtt-pub wsmqtt-sub wsmqtt-fake-broker
A_URL="mqtt://$WSMQTT_HOST:$WSMQTT_A_TCP_PORT"

# ----------------------------------------------------------------- stdout closed by the reader
for transport in tcp ws; do
  # Messages keep coming one every 50 ms: the write after head has gone fails with EPIPE.
  begin_case "$transport sub | head -n 1: exit 0 promptly, DISCONNECT sent"
  start_fake_broker port --transport "$transport" --scenario trickle --count 100 --dribble-ms 50
  start=$(date +%s%N)
  rc=0
  timeout -k 5 20 bash -c '"$1" -L "$2" -t hostile/a 2>"$3" | head -n 1 >"$4"; exit "${PIPESTATUS[0]}"' _ \
    "$SUB" "$(fake_url "$transport" "$port")" "$TEST_TMP/head.err" "$TEST_TMP/head.out" || rc=$?
  LAST_MS=$((($(date +%s%N) - start) / 1000000)) LAST_RC=$rc LAST_ERR=$TEST_TMP/head.err LAST_OUT=$TEST_TMP/head.out
  _case_files+=("$LAST_ERR" "$FAKE_LOG")
  assert_no_crash
  assert_exit 0
  assert_within 3000
  assert_eq "first line" 1 "$(cat "$LAST_OUT")"
  [ ! -s "$LAST_ERR" ] || _note_failure "stderr not empty"
  fake_log_has "DISCONNECT reason=0"
done

begin_case "real broker: sub -q 1 | head -n 1 ends at the second message"
topic=$(unique_topic head)
start=$(date +%s%N)
start_bg bash -c 'timeout -k 5 20 "$1" -L "$2" -t "$3" -q 1 2>"$4" | head -n 1 >"$5"; echo "${PIPESTATUS[0]}" >"$6"' _ \
  "$SUB" "$A_URL" "$topic" "$TEST_TMP/rhead.err" "$TEST_TMP/rhead.out" "$TEST_TMP/rhead.rc"
head_pid=$BG_PID
# Publish until the first line is out (the subscription is then live), then once more.
for ((i = 0; i < 100; i++)); do
  mosquitto_pub "${A_TCP_ARGS[@]}" -q 1 -t "$topic" -m "line$i" >/dev/null 2>&1 || true
  [ -s "$TEST_TMP/rhead.out" ] && break
  sleep 0.05 # poll interval of this bounded loop
done
mosquitto_pub "${A_TCP_ARGS[@]}" -q 1 -t "$topic" -m after >/dev/null 2>&1 || true
wait "$head_pid" || true
LAST_RC=$(cat "$TEST_TMP/rhead.rc" 2>/dev/null || echo none) LAST_ERR=$TEST_TMP/rhead.err
LAST_MS=$((($(date +%s%N) - start) / 1000000))
_case_files+=("$LAST_ERR")
assert_no_crash
assert_exit 0
assert_within 10000
[ ! -s "$LAST_ERR" ] || _note_failure "stderr not empty"

# -------------------------------------------------------------------------- stdin closed early
begin_case "pub -l: stdin closed early, last line unterminated: all sent, exit 0"
topic=$(unique_topic stdin)
wait_for_subscription sh1 "$topic" "${A_TCP_ARGS[@]}"
rc=0
printf 'one\ntwo\nthree' | timeout -k 5 20 "$PUB" -L "$A_URL" -t "$topic" -l -q 1 >"$TEST_TMP/stdin.out" 2>"$TEST_TMP/stdin.err" || rc=$?
LAST_RC=$rc LAST_ERR=$TEST_TMP/stdin.err LAST_OUT=$TEST_TMP/stdin.out
_case_files+=("$LAST_ERR")
assert_no_crash
assert_exit 0
assert_stdout_empty
if sub_wait_messages "$sh1" 3 10; then
  assert_eq "payloads" "$(hex_of_string one) $(hex_of_string two) $(hex_of_string three)" \
    "$(sub_message_hex "$sh1" 1) $(sub_message_hex "$sh1" 2) $(sub_message_hex "$sh1" 3)"
else
  _note_failure "subscriber got $(sub_message_count "$sh1") of 3 messages"
fi
sub_stop "$sh1"

begin_case "pub -l: the producer dies mid-stream: what was read is sent, exit 0"
topic=$(unique_topic producer)
wait_for_subscription sh1 "$topic" "${A_TCP_ARGS[@]}"
rc=0
# The producer writes 50 lines and is killed; the reader sees EOF at once.
{ bash -c 'for i in $(seq 50); do echo "m$i"; done; kill -PIPE $$' 2>/dev/null || true; } |
  timeout -k 5 20 "$PUB" -L "$A_URL" -t "$topic" -l -q 1 >"$TEST_TMP/prod.out" 2>"$TEST_TMP/prod.err" || rc=$?
LAST_RC=$rc LAST_ERR=$TEST_TMP/prod.err LAST_OUT=$TEST_TMP/prod.out
_case_files+=("$LAST_ERR")
assert_no_crash
assert_exit 0
sub_wait_messages "$sh1" 50 10 || true
assert_eq "messages received" 50 "$(sub_message_count "$sh1")"
sub_stop "$sh1"

begin_case "pub -l: empty stdin: nothing sent, exit 0"
run_pub -L "$A_URL" -t "$(unique_topic empty)" -l -q 1
assert_no_crash
assert_exit 0

# ------------------------------------------------------------------------ disk-full stdout
for transport in tcp ws; do
  begin_case "$transport sub >/dev/full: one error line, exit 1, DISCONNECT sent"
  start_fake_broker port --transport "$transport" --scenario batched --count 100
  rc=0
  start=$(date +%s%N)
  timeout -k 5 20 "$SUB" -L "$(fake_url "$transport" "$port")" -t hostile/a >/dev/full 2>"$TEST_TMP/full.err" || rc=$?
  LAST_MS=$((($(date +%s%N) - start) / 1000000)) LAST_RC=$rc LAST_ERR=$TEST_TMP/full.err LAST_OUT=/dev/null
  _case_files+=("$LAST_ERR" "$FAKE_LOG")
  assert_no_crash
  assert_exit 1
  assert_within 3000
  assert_stderr_one_line
  assert_stderr_contains "wsmqtt-sub: output: cannot write to stdout: No space left on device"
  fake_log_has "DISCONNECT reason=0"
done

begin_case "real broker: sub >/dev/full with a will: the will is not published"
topic=$(unique_topic full)
will=$topic-will
wait_for_subscription sh1 "$will" "${A_TCP_ARGS[@]}"
start_bg bash -c 'timeout -k 5 20 "$1" -L "$2" -t "$3" -q 1 --will-topic "$4" --will-payload died >/dev/full 2>"$5"; echo $? >"$6"' _ \
  "$SUB" "$A_URL" "$topic" "$will" "$TEST_TMP/wfull.err" "$TEST_TMP/wfull.rc"
full_pid=$BG_PID
for ((i = 0; i < 100; i++)); do # until the subscriber has failed on its first message
  mosquitto_pub "${A_TCP_ARGS[@]}" -q 1 -t "$topic" -m x >/dev/null 2>&1 || true
  kill -0 "$full_pid" 2>/dev/null || break
  sleep 0.05 # poll interval
done
wait "$full_pid" || true
LAST_RC=$(cat "$TEST_TMP/wfull.rc" 2>/dev/null || echo none) LAST_ERR=$TEST_TMP/wfull.err
_case_files+=("$LAST_ERR")
assert_exit 1
assert_stderr_one_line
assert_stderr_contains "No space left on device"
# A marker on the will topic after the exit: a will would have come before it.
mosquitto_pub "${A_TCP_ARGS[@]}" -q 1 -t "$will" -m marker >/dev/null 2>&1
if sub_wait_messages "$sh1" 1 10; then
  assert_eq "first message on the will topic" "$(hex_of_string marker)" "$(sub_message_hex "$sh1" 1)"
else
  _note_failure "marker never arrived"
fi
sub_stop "$sh1"

finish
