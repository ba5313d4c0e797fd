#!/usr/bin/env bash
# wsmqtt-pub's bulk inputs: -l / -0 record rules, --line-topic, 100,000 lines at QoS 1 over ws
# (stdin a regular file: plain reads) and over mqtt (stdin a pipe: asynchronous reads) arriving
# complete and in order, and a 16 MiB -f message over ws arriving byte-exact. A TCP mosquitto_sub
# is the receiver throughout.
#
# Readiness without sleeps: a retained marker is published to TOPIC-ready before the subscriber
# starts; it subscribes to TOPIC and TOPIC-ready in one SUBSCRIBE, so when the retained marker
# arrives the subscription to TOPIC is live. -C counts the marker and the empty retained message
# that clears it.
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$0")/lib.sh"
require_bin wsmqtt-pub

H=$WSMQTT_HOST

# free_port: a port in 32000-32767 (below the ephemeral range, above test-brokers' 20000-31999)
# that nothing listens on.
free_port() {
  local p i
  for ((i = 0; i < 100; i++)); do
    p=$((32000 + RANDOM % 768))
    ss -Htln "sport = :$p" 2>/dev/null | grep -q . || { echo "$p"; return 0; }
  done
  return 1
}

# Our own mosquitto: broker A drops messages for a subscriber that falls behind by more than
# max_queued_messages (1000 by default), which 100,000 lines at full speed provoke; that would
# test the broker, not the publisher. This one queues without limit.
priv_conf="$TEST_TMP/mosquitto.conf"
priv_tcp=$(free_port)
priv_ws=$(free_port)
cat >"$priv_conf" <<EOF
user $(id -un)
per_listener_settings false
allow_anonymous true
max_queued_messages 0
log_dest stderr
log_type error
listener $priv_tcp 127.0.0.1
listener $priv_ws 127.0.0.1
protocol websockets
socket_domain ipv4
EOF
start_bg mosquitto -c "$priv_conf" 2>>"$TEST_TMP/broker.stderr"
for ((i = 0; i < 100; i++)); do
  mosquitto_pub -h "$H" -p "$priv_tcp" -t probe -n >/dev/null 2>&1 && break
  sleep 0.05 # poll interval of a bounded readiness loop
done

TCP=(-h "$H" -p "$priv_tcp")
WS_URL="ws://$H:$priv_ws/mqtt"
TCP_URL="mqtt://$H:$priv_tcp"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# start_counted_sub TOPIC COUNT OUT FORMAT: mosquitto_sub -C COUNT+2 (marker and clearing) in the
# background; returns once the subscription is live. Sets SUB_PID.
start_counted_sub() {
  local topic=$1 count=$2 out=$3 format=$4 i
  mosquitto_pub "${TCP[@]}" -r -t "$topic-ready" -m ready
  start_bg mosquitto_sub "${TCP[@]}" -q 1 -C $((count + 2)) -W 90 -F "$format" -t "$topic" -t "$topic-ready" \
    >"$out" 2>"$out.err"
  SUB_PID=$BG_PID
  for ((i = 0; i < 200; i++)); do
    grep -q "^$topic-ready " "$out" && break
    sleep 0.05 # poll interval of a bounded readiness loop
  done
  mosquitto_pub "${TCP[@]}" -r -n -t "$topic-ready"
  grep -q "^$topic-ready " "$out" || { echo "fail: $TEST_NAME: subscriber to $topic not ready" >&2; exit 1; }
}

wait_sub() { # PID SECONDS — the subscriber exits by itself after -C messages
  local pid=$1 limit=$2 i
  for ((i = 0; i < limit * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1 # poll interval
  done
  kill -TERM "$pid" 2>/dev/null || true
  return 1
}

payloads_of() { # OUT TOPIC — the payload field of TOPIC's lines, in order
  awk -v t="$2" '{ sp = index($0, " "); if (substr($0, 1, sp - 1) == t) print substr($0, sp + 1) }' "$1"
}

# ---------------------------------------------------------------- record rules, small and exact
begin_case "-l: newline dropped, \\r kept, empty line = empty message, last line without newline sent"
topic=$(unique_topic rules)
start_counted_sub "$topic" 5 "$TEST_TMP/rules.out" '%t %x'
printf 'first\nwith cr\r\n\n\xff\xfe binary\x01\nlast no newline' >"$TEST_TMP/rules.in"
run_capture "$TEST_TMP/rules.stdout" "$TEST_TMP/rules.stderr" rc -- \
  bash -c '"$0" -L "$1" -t "$2" -q 1 -l <"$3"' "$PUB" "$WS_URL" "$topic" "$TEST_TMP/rules.in"
assert_exit 0
wait_sub "$SUB_PID" 10 || _note_failure "subscriber did not get 5 messages"
expected="$(hex_of_string first)
$(hex_of_string $'with cr\r')

$(printf '\xff\xfe binary\x01' | od -An -v -tx1 | tr -d ' \n')
$(hex_of_string 'last no newline')"
assert_eq "payloads (hex)" "$expected" "$(payloads_of "$TEST_TMP/rules.out" "$topic")"
end_case

begin_case "-0: NUL-separated records carry newlines and every other byte value"
topic=$(unique_topic nul)
start_counted_sub "$topic" 3 "$TEST_TMP/nul.out" '%t %x'
python3 -c 'import sys; b = bytes(range(1, 256)); sys.stdout.buffer.write(b"two\nlines\0" + b + b"\0\0")' \
  >"$TEST_TMP/nul.in"
run_capture "$TEST_TMP/nul.stdout" "$TEST_TMP/nul.stderr" rc -- \
  bash -c 'cat "$3" | "$0" -L "$1" -t "$2" -q 2 -0' "$PUB" "$TCP_URL" "$topic" "$TEST_TMP/nul.in"
assert_exit 0
wait_sub "$SUB_PID" 10 || _note_failure "subscriber did not get 3 messages"
expected="$(hex_of_string $'two\nlines')
$(python3 -c 'print(bytes(range(1, 256)).hex())')
"
assert_eq "payloads (hex)" "$expected
end" "$(payloads_of "$TEST_TMP/nul.out" "$topic"; echo end)"
end_case

begin_case "--line-topic: one stream feeds many topics; a record without the separator is skipped (exit 2)"
topic=$(unique_topic linetopic)
start_bg mosquitto_sub "${TCP[@]}" -q 1 -W 30 -F '%t %p' -t "$topic/#" >"$TEST_TMP/lt.out" 2>/dev/null
lt_pid=$BG_PID
for ((i = 0; i < 200; i++)); do
  grep -q "^$topic/ready " "$TEST_TMP/lt.out" && break
  mosquitto_pub "${TCP[@]}" -t "$topic/ready" -m x
  sleep 0.05 # poll interval
done
printf '%s\n' "$topic/a => one" "$topic/b => two => three" "no separator" "$topic/a => four" >"$TEST_TMP/lt.in"
run_capture "$TEST_TMP/lt.stdout" "$TEST_TMP/lt.stderr" rc -- \
  bash -c '"$0" -L "$1" --line-topic " => " -q 1 -l <"$2"' "$PUB" "$WS_URL" "$TEST_TMP/lt.in"
assert_exit 2
assert_stderr_contains "record 3"
for ((i = 0; i < 100; i++)); do
  [ "$(grep -c "^$topic/[ab] " "$TEST_TMP/lt.out")" -ge 3 ] && break
  sleep 0.05 # poll interval
done
kill -TERM "$lt_pid" 2>/dev/null || true
assert_eq "messages" "$topic/a one
$topic/b two => three
$topic/a four" "$(grep "^$topic/[ab] " "$TEST_TMP/lt.out")"
end_case

# ---------------------------------------------------------------- 100,000 lines at QoS 1
seq -f 'line-%06g' 1 100000 >"$TEST_TMP/lines.in"

hundred_k() { # NAME URL MODE(file|pipe)
  local name=$1 url=$2 mode=$3 topic t0 t1 t2
  begin_case "100,000 lines at QoS 1 over $name (stdin a $mode): complete and in order"
  topic=$(unique_topic "lines-$name")
  start_counted_sub "$topic" 100000 "$TEST_TMP/$name.out" '%t %p'
  t0=$(now)
  if [ "$mode" = file ]; then
    WSMQTT_RUN_TIMEOUT=60 run_capture "$TEST_TMP/$name.stdout" "$TEST_TMP/$name.stderr" rc -- \
      bash -c '"$0" -L "$1" -t "$2" -q 1 -l <"$3"' "$PUB" "$url" "$topic" "$TEST_TMP/lines.in"
  else
    WSMQTT_RUN_TIMEOUT=60 run_capture "$TEST_TMP/$name.stdout" "$TEST_TMP/$name.stderr" rc -- \
      bash -c 'cat "$3" | "$0" -L "$1" -t "$2" -q 1 -l' "$PUB" "$url" "$topic" "$TEST_TMP/lines.in"
  fi
  t1=$(now)
  assert_exit 0
  [ ! -s "$LAST_ERR" ] || _note_failure "stderr not empty"
  wait_sub "$SUB_PID" 60 || _note_failure "subscriber did not get 100,000 messages within 60 s"
  t2=$(now)
  payloads_of "$TEST_TMP/$name.out" "$topic" >"$TEST_TMP/$name.got"
  assert_eq "messages received" 100000 "$(wc -l <"$TEST_TMP/$name.got")"
  cmp -s "$TEST_TMP/lines.in" "$TEST_TMP/$name.got" || _note_failure "received lines differ from the input (order or content)"
  echo "info: $TEST_NAME: 100,000 QoS 1 lines over $name ($mode): wsmqtt-pub $(elapsed "$t0" "$t1") s" \
    "($(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", 100000 / (b - a) }') msgs/s), all received after $(elapsed "$t0" "$t2") s"
  end_case
}
hundred_k ws "$WS_URL" file
hundred_k mqtt "$TCP_URL" pipe

# ---------------------------------------------------------------- 16 MiB through -f over ws
begin_case "16 MiB file through -f over ws arrives byte-exact"
topic=$(unique_topic big)
head -c $((16 * 1024 * 1024)) /dev/urandom >"$TEST_TMP/big.bin"
start_counted_sub "$topic" 1 "$TEST_TMP/big.out" '%t %x'
t0=$(now)
WSMQTT_RUN_TIMEOUT=60 run_pub -L "$WS_URL" -t "$topic" -q 1 -f "$TEST_TMP/big.bin"
t1=$(now)
assert_exit 0
wait_sub "$SUB_PID" 60 || _note_failure "subscriber did not get the message within 60 s"
t2=$(now)
python3 - "$TEST_TMP/big.out" "$topic" "$TEST_TMP/big.bin" <<'EOF' || _note_failure "received payload differs from the file"
import sys
out, topic, path = sys.argv[1:]
want = open(path, "rb").read()
for line in open(out):
    t, _, hexed = line.rstrip("\n").partition(" ")
    if t == topic:
        sys.exit(0 if bytes.fromhex(hexed) == want else 1)
sys.exit(1)
EOF
echo "info: $TEST_NAME: 16 MiB over ws: wsmqtt-pub $(elapsed "$t0" "$t1") s, received after $(elapsed "$t0" "$t2") s"
end_case

finish
