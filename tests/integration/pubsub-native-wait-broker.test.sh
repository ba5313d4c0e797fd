#!/usr/bin/env bash
# --wait-broker (issue 6): the clients start first, a private mosquitto (its own config, a free
# port, started and stopped by PID) a couple of seconds later; the subscriber gets the message and
# both exit 0. Without a broker the client gives up after the time with exit 3.
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$0")/lib.sh"
require_bin wsmqtt-pub wsmqtt-sub

H=$WSMQTT_HOST

free_port() {
  local p i
  for ((i = 0; i < 100; i++)); do
    p=$((32000 + RANDOM % 768))
    ss -Htln "sport = :$p" 2>/dev/null | grep -q . || { echo "$p"; return 0; }
  done
  return 1
}

port=$(free_port)
ws_port=$(free_port)
conf="$TEST_TMP/mosquitto.conf"
cat >"$conf" <<CONF
user $(id -un)
per_listener_settings false
allow_anonymous true
persistence false
log_dest file $TEST_TMP/broker.log
listener $port 127.0.0.1
listener $ws_port 127.0.0.1
protocol websockets
socket_domain ipv4
CONF

begin_case "clients first, broker 2 s later: the publish arrives and both exit 0"
topic=$(unique_topic wait)
start=$(date +%s)
start_bg timeout -k 5 40 "$SUB" --wait-broker 20 -L "ws://$H:$ws_port/mqtt" -t "$topic" -q 1 -C 1 -W 25 \
  >"$TEST_TMP/sub.out" 2>"$TEST_TMP/sub.err"
sub_pid=$BG_PID
sleep 2 # the point of the test: the broker really starts after the clients
start_bg mosquitto -c "$conf" 2>>"$TEST_TMP/broker.stderr"
broker_pid=$BG_PID
# The subscriber retries every second at most; publish (also waiting) until it shows the message,
# bounded: each publish is retained-free QoS 1, so repeat until the subscriber is done.
pub_rc=0
for ((i = 0; i < 40; i++)); do
  run_capture "$TEST_TMP/pub.out" "$TEST_TMP/pub.err" pub_rc -- "$PUB" --wait-broker 20 -L "ws://$H:$ws_port/mqtt" \
    -t "$topic" -q 1 -m arrived
  [ "$pub_rc" = 0 ] || break
  kill -0 "$sub_pid" 2>/dev/null || break
  sleep 0.25 # poll interval: the subscriber may not hold its subscription yet
done
assert_eq "wsmqtt-pub --wait-broker exit status" 0 "$pub_rc"
sub_rc=0
wait "$sub_pid" || sub_rc=$?
assert_eq "wsmqtt-sub --wait-broker exit status" 0 "$sub_rc"
assert_eq "received" "arrived" "$(cat "$TEST_TMP/sub.out")"
[ $(($(date +%s) - start)) -ge 2 ] || _note_failure "finished before the broker was started?"

begin_case "pub started before the broker (broker up 2 s later) exits 0"
kill -TERM "$broker_pid" 2>/dev/null || true
wait "$broker_pid" 2>/dev/null || true
topic=$(unique_topic pubfirst)
start_bg timeout -k 5 40 "$PUB" --wait-broker 20 -L "mqtt://$H:$port" -t "$topic" -q 1 -m x \
  >"$TEST_TMP/pub2.out" 2>"$TEST_TMP/pub2.err"
pub_pid=$BG_PID
sleep 2 # the broker starts after the client
start_bg mosquitto -c "$conf" 2>>"$TEST_TMP/broker.stderr"
broker_pid=$BG_PID
rc=0
wait "$pub_pid" || rc=$?
assert_eq "exit status" 0 "$rc"
[ ! -s "$TEST_TMP/pub2.err" ] || _note_failure "stderr: $(head -n 2 "$TEST_TMP/pub2.err")"
kill -TERM "$broker_pid" 2>/dev/null || true
wait "$broker_pid" 2>/dev/null || true

begin_case "no broker: gives up after --wait-broker 2 with exit 3 and one line"
t0=$(date +%s%N)
run_pub --wait-broker 2 -L "ws://$H:$WSMQTT_CLOSED_PORT/mqtt" -t "$(unique_topic none)" -m x
t1=$(date +%s%N)
assert_exit 3
assert_stderr_contains "connection refused"
assert_stderr_contains "--wait-broker 2"
assert_stderr_one_line
elapsed_ms=$(((t1 - t0) / 1000000))
((elapsed_ms >= 1900 && elapsed_ms < 6000)) || _note_failure "took $elapsed_ms ms for --wait-broker 2"

begin_case "no waiting for what waiting cannot fix: HTTP 404 fails at once"
t0=$(date +%s%N)
run_pub --wait-broker 10 -L "ws://$H:$WSMQTT_AEDES_WS_PORT/nope" -t "$(unique_topic 404)" -m x
t1=$(date +%s%N)
assert_exit 5
assert_stderr_contains "HTTP 404"
(((t1 - t0) / 1000000 < 5000)) || _note_failure "waited for a 404"

finish
