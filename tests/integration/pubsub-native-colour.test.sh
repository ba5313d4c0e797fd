#!/usr/bin/env bash
# -v colours the topic on a terminal unless NO_COLOR (issue 6); piped output is never coloured.
# The terminal is a real pty from util-linux `script`.
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$0")/lib.sh"
require_bin wsmqtt-pub wsmqtt-sub

H=$WSMQTT_HOST
ESC=$'\033'

# Runs wsmqtt-sub -v -C 1 (with ENV...) on a pty, publishes once it is subscribed, prints its output.
sub_on_pty() { # OUTFILE ENV...
  local out=$1 topic i
  shift
  topic=$(unique_topic colour)
  start_bg script -qfec "env $* $(printf '%q ' "$SUB" -L "mqtt://$H:$WSMQTT_A_TCP_PORT" -v -C 1 -W 20 -t "$topic")" \
    "$out" </dev/null >/dev/null 2>&1
  local pid=$BG_PID
  # Publish until the subscriber (which exits after one message) is gone: bounded.
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    "$PUB" -L "mqtt://$H:$WSMQTT_A_TCP_PORT" -t "$topic" -m hello >/dev/null 2>&1 || true
    sleep 0.1 # poll interval of a bounded loop; the subscription is not visible from outside
  done
  wait "$pid" 2>/dev/null || true
}

if ! command -v script >/dev/null; then
  begin_case "colour on a terminal"
  _note_failure "util-linux 'script' is not installed"
  finish
  exit $?
fi

begin_case "-v on a terminal: the topic is coloured"
sub_on_pty "$TEST_TMP/tty.out" TERM=xterm
grep -q "hello" "$TEST_TMP/tty.out" || _note_failure "no message on the pty: $(head -c 200 "$TEST_TMP/tty.out" | od -c | head -n 3)"
grep -q "$ESC\[" "$TEST_TMP/tty.out" || _note_failure "no colour escape on a terminal"

begin_case "-v on a terminal with NO_COLOR=1: no colour"
sub_on_pty "$TEST_TMP/nocolor.out" NO_COLOR=1
grep -q "hello" "$TEST_TMP/nocolor.out" || _note_failure "no message on the pty"
! grep -q "$ESC\[" "$TEST_TMP/nocolor.out" || _note_failure "coloured despite NO_COLOR"

begin_case "-v piped: no colour"
topic=$(unique_topic piped)
start_bg "$SUB" -L "mqtt://$H:$WSMQTT_A_TCP_PORT" -v -C 1 -W 20 -t "$topic" >"$TEST_TMP/pipe.out" 2>&1
pid=$BG_PID
for ((i = 0; i < 100; i++)); do
  kill -0 "$pid" 2>/dev/null || break
  "$PUB" -L "mqtt://$H:$WSMQTT_A_TCP_PORT" -t "$topic" -m hello >/dev/null 2>&1 || true
  sleep 0.1 # poll interval of a bounded loop
done
wait "$pid" 2>/dev/null || true
assert_eq "piped -v output" "$topic hello" "$(cat "$TEST_TMP/pipe.out")"

finish
