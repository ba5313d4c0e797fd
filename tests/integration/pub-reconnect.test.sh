#!/usr/bin/env bash
# The broker stopped and restarted in the middle of -l at QoS 1: with -c and a fixed -i nothing is
# lost and duplicates stay within what QoS 1 allows (at most the in-flight window, -M); with
# --no-reconnect the publisher exits 9. Uses its OWN mosquitto (persistence on, a free port),
# stopped and started by PID, so the shared brokers are not disturbed.
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$0")/lib.sh"
require_bin wsmqtt-pub

H=$WSMQTT_HOST
N=4000
RATE=1000

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
mkdir -p "$TEST_TMP/store"
conf="$TEST_TMP/mosquitto.conf"
cat >"$conf" <<EOF
user $(id -un)
per_listener_settings false
allow_anonymous true
persistence true
persistence_location $TEST_TMP/store/
max_queued_messages 0
log_dest file $TEST_TMP/broker.log
log_type error
log_type warning
log_type notice
listener $port 127.0.0.1
listener $ws_port 127.0.0.1
protocol websockets
socket_domain ipv4
EOF

broker_pid=""
broker_start() {
  local i
  start_bg mosquitto -c "$conf" 2>>"$TEST_TMP/broker.stderr"
  broker_pid=$BG_PID
  for ((i = 0; i < 100; i++)); do
    mosquitto_pub -h "$H" -p "$port" -t probe -n >/dev/null 2>&1 && return 0
    sleep 0.05 # poll interval of a bounded readiness loop
  done
  echo "fail: $TEST_NAME: private mosquitto did not start: $(tail -n 3 "$TEST_TMP/broker.log")" >&2
  exit 1
}
broker_stop() { # SIGNAL — waits until it is gone (it saves its store on TERM)
  kill "-$1" "$broker_pid" 2>/dev/null || true
  wait "$broker_pid" 2>/dev/null || true
}

count_lines() { # FILE TOPIC
  awk -v t="$2" '$1 == t' "$1" | wc -l
}

broker_start
seq -f 'msg-%05g' 1 "$N" >"$TEST_TMP/lines.in"

restart_case() { # NAME URL
  local name=$1 url=$2 topic sub_id pub_id sub_out i pub_pid pub_rc
  begin_case "broker restarted in the middle of -l at QoS 1 over $name with -c -i: nothing lost"
  topic=$(unique_topic "restart-$name")
  sub_id="wsmqtt-it-sub-$$-$name"
  pub_id="wsmqtt-it-pub-$$-$name"
  sub_out="$TEST_TMP/$name.sub"
  # A persistent subscriber: its queue survives the restart in the broker's store, and it
  # reconnects by itself (mosquitto_sub retries every second).
  start_bg mosquitto_sub -h "$H" -p "$port" -c -i "$sub_id" -q 1 -W 90 -F '%t %p' -t "$topic" -t "$topic-ready" \
    >"$sub_out" 2>"$sub_out.err"
  local sub_pid=$BG_PID
  for ((i = 0; i < 200; i++)); do
    grep -q "^$topic-ready " "$sub_out" && break
    mosquitto_pub -h "$H" -p "$port" -t "$topic-ready" -m ready >/dev/null 2>&1 || true
    sleep 0.05 # poll interval
  done
  "$PUB" -L "$url" -t "$topic" -q 1 -c -i "$pub_id" --rate "$RATE" --reconnect-delay 0.2 --reconnect-max 0.5 -l \
    <"$TEST_TMP/lines.in" >"$TEST_TMP/$name.pub.out" 2>"$TEST_TMP/$name.pub.err" &
  pub_pid=$!
  _bg_pids+=("$pub_pid")
  # Stop the broker once a quarter has arrived.
  for ((i = 0; i < 300; i++)); do
    [ "$(count_lines "$sub_out" "$topic")" -ge $((N / 4)) ] && break
    sleep 0.02 # poll interval
  done
  broker_stop TERM
  broker_start
  pub_rc=0
  for ((i = 0; i < 400; i++)); do # up to 40 s
    kill -0 "$pub_pid" 2>/dev/null || break
    sleep 0.1 # poll interval
  done
  wait "$pub_pid" || pub_rc=$?
  assert_eq "wsmqtt-pub exit status" 0 "$pub_rc"
  grep -q "reconnecting" "$TEST_TMP/$name.pub.err" || _note_failure "no 'reconnecting' warning on stderr"
  for ((i = 0; i < 300; i++)); do # the subscriber catches up within 30 s
    [ "$(awk -v t="$topic" '$1 == t { print $2 }' "$sub_out" | sort -u | wc -l)" -ge "$N" ] && break
    sleep 0.1 # poll interval
  done
  kill -TERM "$sub_pid" 2>/dev/null || true
  wait "$sub_pid" 2>/dev/null || true
  local received unique dups
  received=$(count_lines "$sub_out" "$topic")
  unique=$(awk -v t="$topic" '$1 == t { print $2 }' "$sub_out" | sort -u | wc -l)
  dups=$((received - unique))
  assert_eq "distinct messages received" "$N" "$unique"
  [ "$dups" -le 20 ] || _note_failure "$dups duplicates; QoS 1 with -M 20 allows at most 20 per reconnect"
  # Every received line must be one we sent.
  awk -v t="$topic" '$1 == t { print $2 }' "$sub_out" | sort -u | cmp -s - "$TEST_TMP/lines.in" ||
    _note_failure "received messages are not exactly the lines sent"
  echo "info: $TEST_NAME: $name: $received received, $unique distinct, $dups duplicate(s); stderr: $(tr '\n' '|' <"$TEST_TMP/$name.pub.err")"
  end_case
}

restart_case mqtt "mqtt://$H:$port"
restart_case ws "ws://$H:$ws_port/mqtt"

begin_case "--no-reconnect: the broker stopping ends the run with exit 9"
topic=$(unique_topic noreconnect)
# A fifo that stays open keeps -l waiting for input while the broker goes away.
mkfifo "$TEST_TMP/fifo"
start_bg sleep 30
holder=$BG_PID
exec 7<>"$TEST_TMP/fifo"
# The publisher is connected once its first line has reached a subscriber (under ASan on a busy
# machine its start-up alone can take longer than any fixed wait).
wait_for_subscription nr_sub "$topic" -h "$H" -p "$port" -q 1
"$PUB" -L "mqtt://$H:$port" -t "$topic" -q 1 --no-reconnect -l <"$TEST_TMP/fifo" \
  >"$TEST_TMP/nr.out" 2>"$TEST_TMP/nr.err" &
pub_pid=$!
_bg_pids+=("$pub_pid")
echo first >&7
sub_wait_messages "$nr_sub" 1 20 || _note_failure "the publisher's first line never arrived: $(cat "$TEST_TMP/nr.err")"
sub_stop "$nr_sub"
broker_stop TERM
rc=0
for ((i = 0; i < 100; i++)); do
  kill -0 "$pub_pid" 2>/dev/null || break
  sleep 0.1 # poll interval
done
wait "$pub_pid" || rc=$?
exec 7>&-
kill "$holder" 2>/dev/null || true
assert_eq "exit status" 9 "$rc"
grep -q "^wsmqtt-pub: connection: " "$TEST_TMP/nr.err" || _note_failure "stderr lacks 'wsmqtt-pub: connection: ...': $(cat "$TEST_TMP/nr.err")"
end_case

finish
