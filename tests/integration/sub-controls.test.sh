#!/usr/bin/env bash
# wsmqtt-sub's ending controls against real brokers: -C, -W, --retained-only, -R, -T, -U, -E,
# --remove-retained; SUBACK denials (aedes refuses filters under its denied prefix: mosquitto
# grants them); a closed stdout (| head -n 1); /dev/full; %J with a non-JSON payload.
# Every wait is bounded; readiness is a retained message or a marker published until it arrives.
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$0")/lib.sh"
require_bin wsmqtt-sub

H=$WSMQTT_HOST
A_URL="ws://$H:$WSMQTT_A_WS_PORT/mqtt"
AEDES_URL="ws://$H:$WSMQTT_AEDES_WS_PORT/mqtt"
S=wsmqtt-sub
_seq=0
run_sub() { # ARGS...
  _seq=$((_seq + 1))
  local rc
  run_capture "$TEST_TMP/s$_seq.out" "$TEST_TMP/s$_seq.err" rc -- "$SUB" "$@"
}
assert_stderr_empty() { [ ! -s "$LAST_ERR" ] || _note_failure "stderr not empty: $(head -c 300 "$LAST_ERR")"; }
retain() { mosquitto_pub "${A_TCP_ARGS[@]}" -q 1 -r -t "$1" -m "$2"; }
unretain() { mosquitto_pub "${A_TCP_ARGS[@]}" -q 1 -r -t "$1" -n; }

# Runs wsmqtt-sub ARGS... in the background while publishing PAYLOAD to TOPIC (mosquitto_pub,
# TCP to A) every 0.05 s until it exits (at most SECONDS): readiness by repetition. Sets
# LAST_OUT, LAST_ERR, LAST_RC like run_capture (124 when it did not exit in time).
run_sub_while_publishing() { # SECONDS TOPIC PAYLOAD -- ARGS...
  local limit=$1 topic=$2 payload=$3 pid i; shift 4
  _seq=$((_seq + 1))
  LAST_OUT=$TEST_TMP/s$_seq.out LAST_ERR=$TEST_TMP/s$_seq.err LAST_CMD="wsmqtt-sub $*"
  _case_files+=("$LAST_OUT" "$LAST_ERR")
  start_bg "$SUB" "$@" >"$LAST_OUT" 2>"$LAST_ERR"
  pid=$BG_PID
  for ((i = 0; i < limit * 20; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    mosquitto_pub "${A_TCP_ARGS[@]}" -t "$topic" -m "$payload" >/dev/null 2>&1 || true
    sleep 0.05 # publish interval of this bounded loop
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null || true
  fi
  LAST_RC=0
  wait "$pid" || LAST_RC=$?
}

# ---- -C
begin_case "-C 3 exits 0 after exactly 3 messages"
t=$(unique_topic count)
for i in 1 2 3 4 5; do retain "$t/$i" "m$i"; done
run_sub -L "$A_URL" -t "$t/#" -C 3 -W 10
assert_exit 0
assert_stderr_empty
assert_eq "lines" 3 "$(wc -l <"$LAST_OUT")"
assert_true "three distinct stored messages" test "$(sort -u "$LAST_OUT" | grep -c '^m[1-5]$')" = 3
for i in 1 2 3 4 5; do unretain "$t/$i"; done
end_case

begin_case "-C 2 with live messages, MQTT 5 (receive maximum 2)"
t=$(unique_topic count5)
run_sub_while_publishing 10 "$t" live -- -L "$A_URL" -V 5 -q 1 -t "$t" -C 2 -W 10
assert_exit 0
assert_stderr_empty
assert_eq "output" "$(printf 'live\nlive')" "$(cat "$LAST_OUT")"
end_case

# ---- -W
begin_case "-W 2 without traffic exits 10 in about 2 s"
t=$(unique_topic timeout)
start=$(date +%s%N)
run_sub -L "$A_URL" -t "$t" -W 2
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
assert_exit 10
assert_stdout_empty
assert_stderr_one_line
assert_stderr_prefix "$S"
assert_stderr_contains "timed out"
assert_true "took 2 s to 5 s (took ${elapsed_ms} ms)" test "$elapsed_ms" -ge 1900 -a "$elapsed_ms" -lt 5000
end_case

# ---- --retained-only
begin_case "--retained-only prints the stored messages and exits 0 at the first live one"
t=$(unique_topic retonly)
retain "$t/a" stored-a
retain "$t/b" stored-b
run_sub_while_publishing 10 "$t/c" live -- -L "$A_URL" -t "$t/#" --retained-only -W 10
assert_exit 0
assert_stderr_empty
assert_eq "output" "$(printf 'stored-a\nstored-b')" "$(sort "$LAST_OUT")"
unretain "$t/a"; unretain "$t/b"
end_case

# ---- -R
for v in 311 5; do
  begin_case "-R skips the stored message (-V $v)"
  t=$(unique_topic noretain$v)
  retain "$t/old" stale
  run_sub_while_publishing 10 "$t/new" live -- -L "$A_URL" -V "$v" -t "$t/#" -R -C 1 -W 10
  assert_exit 0
  assert_stderr_empty
  assert_eq "output" live "$(cat "$LAST_OUT")"
  unretain "$t/old"
  end_case
done

# ---- -T
begin_case "-T filters matching topics out (not printed, not counted)"
t=$(unique_topic filterout)
retain "$t/skip/x" skipped
retain "$t/keep" kept
run_sub -L "$A_URL" -t "$t/#" -T "$t/skip/#" -T "$t/other" -C 1 -W 10 -v
assert_exit 0
assert_stderr_empty
assert_eq "output" "$t/keep kept" "$(cat "$LAST_OUT")"
unretain "$t/skip/x"; unretain "$t/keep"
end_case

# ---- -E, -U (with a persistent session: what it unsubscribes stays unsubscribed)
t=$(unique_topic unsub)
mark=$(unique_topic unsubmark)
id="wsmqtt-it-unsub-$$-$RANDOM"
begin_case "-E exits 0 once subscribed"
run_sub -L "$A_URL" -c -i "$id" -q 1 -t "$t" -E -W 10
assert_exit 0
assert_stderr_empty
assert_stdout_empty
end_case

begin_case "the kept session received while away (control for -U)"
mosquitto_pub "${A_TCP_ARGS[@]}" -q 1 -t "$t" -m one
run_sub -L "$A_URL" -c -i "$id" -q 1 -t "$t" -C 1 -W 10
assert_exit 0
assert_eq "output" one "$(cat "$LAST_OUT")"
end_case

begin_case "-U removes the subscription from the kept session"
run_sub -L "$A_URL" -c -i "$id" -U "$t" -W 10
assert_exit 0
assert_stderr_empty
mosquitto_pub "${A_TCP_ARGS[@]}" -q 1 -t "$t" -m two
retain "$mark" READY
run_sub -L "$A_URL" -c -i "$id" -q 1 -t "$mark" -C 2 -W 2 -v
assert_exit 10
assert_eq "output (only the marker; 'two' was not queued)" "$mark READY" "$(cat "$LAST_OUT")"
unretain "$mark"
run_sub -L "$A_URL" -i "$id" -t "$mark" -E -W 10 # a clean session drops the kept one
end_case

# ---- --remove-retained
begin_case "--remove-retained clears what it prints"
t=$(unique_topic removeret)
retain "$t/a" a
retain "$t/b" b
run_sub -L "$A_URL" -t "$t/#" --retained-only --remove-retained -W 10
assert_exit 0
assert_stderr_empty
assert_eq "output" "$(printf 'a\nb')" "$(sort "$LAST_OUT")"
run_sub -L "$A_URL" -t "$t/#" -W 1
assert_exit 10
assert_stdout_empty
end_case

# ---- SUBACK denials (aedes)
begin_case "every filter denied: exit 8"
run_sub -L "$AEDES_URL" -t "${WSMQTT_AEDES_DENIED_PREFIX}a" -t "${WSMQTT_AEDES_DENIED_PREFIX}b/#" -W 10
assert_exit 8
assert_stdout_empty
assert_stderr_one_line
assert_stderr_prefix "$S"
assert_stderr_contains "denied"
assert_stderr_contains "'${WSMQTT_AEDES_DENIED_PREFIX}a' (0x80)"
assert_stderr_contains "'${WSMQTT_AEDES_DENIED_PREFIX}b/#' (0x80)"
end_case

begin_case "one filter denied of two: reported, not fatal"
t=$(unique_topic partial)
mosquitto_pub "${AEDES_TCP_ARGS[@]}" -q 1 -r -t "$t" -m fine
run_sub -L "$AEDES_URL" -t "${WSMQTT_AEDES_DENIED_PREFIX}x" -t "$t" -C 1 -W 10
assert_exit 0
assert_eq "output" fine "$(cat "$LAST_OUT")"
assert_stderr_one_line
assert_stderr_contains "denied the subscription '${WSMQTT_AEDES_DENIED_PREFIX}x' (0x80)"
mosquitto_pub "${AEDES_TCP_ARGS[@]}" -q 1 -r -t "$t" -n
end_case

# ---- stdout closed by its reader
begin_case "| head -n 1: exit 0 at the next message, no stderr"
t=$(unique_topic head)
_seq=$((_seq + 1))
out=$TEST_TMP/head.out err=$TEST_TMP/head.err rcf=$TEST_TMP/head.rc
_case_files+=("$out" "$err")
LAST_CMD="wsmqtt-sub -L $A_URL -t $t | head -n 1"
start_bg bash -c '"$1" -L "$2" -t "$3" -W 20 2>"$4" | head -n 1 >"$5"; echo "${PIPESTATUS[0]}" >"$6"' _ \
  "$SUB" "$A_URL" "$t" "$err" "$out" "$rcf"
for ((i = 0; i < 200; i++)); do # ~10 s at most
  [ -s "$rcf" ] && break
  mosquitto_pub "${A_TCP_ARGS[@]}" -t "$t" -m "line$i" >/dev/null 2>&1 || true
  sleep 0.05 # publish interval of this bounded loop
done
assert_true "the pipeline ended within 10 s" test -s "$rcf"
assert_eq "wsmqtt-sub exit status" 0 "$(cat "$rcf" 2>/dev/null)"
assert_true "head printed one line" grep -q '^line[0-9]*$' "$out"
[ ! -s "$err" ] || _note_failure "stderr not empty"
end_case

# ---- a stdout that cannot be written
begin_case "/dev/full: one error line, exit 1"
t=$(unique_topic devfull)
retain "$t" payload
_seq=$((_seq + 1))
LAST_OUT=$TEST_TMP/full.out LAST_ERR=$TEST_TMP/full.err LAST_CMD="wsmqtt-sub -t $t -C 1 >/dev/full"
LAST_RC=0
timeout -k 5 20 "$SUB" -L "$A_URL" -t "$t" -C 1 -W 10 >/dev/full 2>"$LAST_ERR" || LAST_RC=$?
: >"$LAST_OUT"
_case_files+=("$LAST_ERR")
assert_exit 1
assert_stderr_one_line
assert_stderr_prefix "$S"
assert_stderr_contains "No space left on device"
unretain "$t"
end_case

# ---- %J with a payload that is not JSON
begin_case "%J with a non-JSON payload: mosquitto's stderr line"
t=$(unique_topic badjson)
retain "$t" 'not json'
run_sub -L "$A_URL" -t "$t" -F '%J' -C 1 -W 10
assert_exit 0
assert_stdout_empty
assert_stderr_contains "Error: Message payload is not valid JSON on topic $t."
unretain "$t"
end_case

# ---- usage
begin_case "usage errors: exit 2, every problem reported"
run_sub -L "$A_URL" -t 'a/#/b' -C 0 --no-local
assert_exit 2
assert_stdout_empty
assert_stderr_contains "-t/--topic 'a/#/b'"
assert_stderr_contains "-C/--count"
assert_stderr_contains "--no-local is an MQTT 5 option"
end_case

finish
