#!/usr/bin/env bash
# SIGINT/SIGTERM during a slow -l (stdin a fifo that stays open): exit 130 with a clean
# DISCONNECT, so the will is not published; a broker that never acknowledges holds the exit for
# the 2 s grace period only; --ack-timeout gives exit 10. Also --rate pacing.
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$0")/lib.sh"
require_bin wsmqtt-pub

H=$WSMQTT_HOST
TCP=(-h "$H" -p "$WSMQTT_A_TCP_PORT")

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }


signal_case() { # SIGNAL URL
  local sig=$1 url=$2 topic will fifo sub will_pid pub_pid i t0 t1
  begin_case "$sig during a slow -l over ${url%%:*}: exit 130, DISCONNECT, no will"
  topic=$(unique_topic "sig-$sig")
  will="$topic/will"
  fifo="$TEST_TMP/fifo-$sig"
  mkfifo "$fifo"
  wait_for_subscription sub "$topic" "${TCP[@]}"
  # The will subscriber: -W bounds it; it must time out having received nothing.
  start_bg mosquitto_sub "${TCP[@]}" -q 1 -W 4 -t "$will" >"$TEST_TMP/will-$sig.out" 2>&1
  will_pid=$BG_PID
  exec 8<>"$fifo" # keeps the fifo open for writing: the publisher never sees end of input
  "$PUB" -L "$url" -t "$topic" -q 1 -l --will-topic "$will" --will-payload gone <"$fifo" \
    >"$TEST_TMP/pub-$sig.out" 2>"$TEST_TMP/pub-$sig.err" &
  pub_pid=$!
  _bg_pids+=("$pub_pid")
  printf 'one\ntwo\n' >&8
  sub_wait_messages "$sub" 2 10 || _note_failure "the two lines before the signal did not arrive"
  t0=$(now)
  kill "-$sig" "$pub_pid"
  wait_exit "$pub_pid" 5
  t1=$(now)
  exec 8>&-
  assert_eq "exit status" 130 "$WAIT_RC"
  awk -v a="$t0" -v b="$t1" 'BEGIN { exit !(b - a < 2.5) }' || _note_failure "took $(elapsed "$t0" "$t1") s to exit"
  [ ! -s "$TEST_TMP/pub-$sig.out" ] || _note_failure "stdout not empty"
  wait "$will_pid" 2>/dev/null || true
  grep -q gone "$TEST_TMP/will-$sig.out" && _note_failure "the will was published: no clean DISCONNECT"
  assert_eq "messages" "$(hex_of_string one) $(hex_of_string two)" "$(sub_message_hex "$sub" 1) $(sub_message_hex "$sub" 2)"
  sub_stop "$sub"
  end_case
}
signal_case INT "ws://$H:$WSMQTT_A_WS_PORT/mqtt"
signal_case TERM "mqtt://$H:$WSMQTT_A_TCP_PORT"

# ---------------------------------------------------------------- a broker that never acknowledges
free_port() {
  local p i
  for ((i = 0; i < 100; i++)); do
    p=$((32000 + RANDOM % 768))
    ss -Htln "sport = :$p" 2>/dev/null | grep -q . || { echo "$p"; return 0; }
  done
  return 1
}
mute_port=$(free_port)
# Accepts MQTT connections, answers CONNECT with CONNACK 0 and then reads and ignores everything;
# it appends a line to its second argument's file each time something arrives after the CONNACK.
cat >"$TEST_TMP/mute-broker.py" <<'EOF'
import socket, sys, threading
seen = sys.argv[2]
srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", int(sys.argv[1])))
srv.listen(8)
def serve(c):
    try:
        c.recv(65536)
        c.sendall(b"\x20\x02\x00\x00")
        while c.recv(65536):
            with open(seen, "a") as f:
                f.write("received\n")
    except OSError:
        pass
    c.close()
while True:
    conn, _ = srv.accept()
    threading.Thread(target=serve, args=(conn,), daemon=True).start()
EOF
start_bg python3 "$TEST_TMP/mute-broker.py" "$mute_port" "$TEST_TMP/mute-seen"
for ((i = 0; i < 100; i++)); do
  ss -Htln "sport = :$mute_port" | grep -q . && break
  sleep 0.05 # poll interval of a bounded readiness loop
done
ss -Htln "sport = :$mute_port" | grep -q . || { echo "fail: $TEST_NAME: the mute broker did not start" >&2; exit 1; }

begin_case "SIGINT while acknowledgements never come: exit 130 after the grace period"
"$PUB" -L "mqtt://$H:$mute_port" -t t -q 1 -m never-acked >"$TEST_TMP/mute.out" 2>"$TEST_TMP/mute.err" &
pub_pid=$!
_bg_pids+=("$pub_pid")
for ((i = 0; i < 200; i++)); do
  [ -s "$TEST_TMP/mute-seen" ] && break # the PUBLISH has reached the broker
  sleep 0.05 # poll interval of a bounded readiness loop
done
t0=$(now)
kill -INT "$pub_pid"
wait_exit "$pub_pid" 6
t1=$(now)
assert_eq "exit status" 130 "$WAIT_RC"
awk -v a="$t0" -v b="$t1" 'BEGIN { d = b - a; exit !(d >= 1.5 && d < 3.5) }' ||
  _note_failure "took $(elapsed "$t0" "$t1") s to exit, expected about 2 s"
end_case

begin_case "--ack-timeout: exit 10 when the broker never acknowledges"
t0=$(now)
run_pub -L "mqtt://$H:$mute_port" -t t -q 1 -m never-acked --ack-timeout 0.5
t1=$(now)
assert_diagnosis wsmqtt-pub 10 "PUBACK"
awk -v a="$t0" -v b="$t1" 'BEGIN { exit !(b - a < 3) }' || _note_failure "took $(elapsed "$t0" "$t1") s"
end_case

# ---------------------------------------------------------------- --rate
begin_case "--rate 40 spaces 20 messages over about half a second"
topic=$(unique_topic rate)
wait_for_subscription sub "$topic" "${TCP[@]}"
t0=$(now)
run_pub -L "mqtt://$H:$WSMQTT_A_TCP_PORT" -t "$topic" -q 1 -m tick --repeat 20 --rate 40
t1=$(now)
assert_exit 0
awk -v a="$t0" -v b="$t1" 'BEGIN { d = b - a; exit !(d >= 0.45 && d < 2) }' ||
  _note_failure "20 messages at 40/s took $(elapsed "$t0" "$t1") s"
sub_wait_messages "$sub" 20 10 || _note_failure "not all 20 arrived"
sub_stop "$sub"
end_case

finish
