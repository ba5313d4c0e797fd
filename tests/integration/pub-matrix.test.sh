#!/usr/bin/env bash
# QoS 0/1/2 x {ws, wss, mqtt, mqtts} x {3.1.1, 5}: what wsmqtt-pub sends, a TCP mosquitto_sub
# receives byte for byte (all 256 byte values), with the QoS and retain flag that were sent.
# The subscriber speaks MQTT 5 with --retain-as-published, so the retain flag of a live message is
# the publisher's.
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$0")/lib.sh"
require_bin wsmqtt-pub

H=$WSMQTT_HOST
CA=(--cafile "$WSMQTT_CA_FILE")
base=$(unique_topic matrix)

# All 256 byte values, in a scrambled order so that a shifted or truncated payload shows.
payload="$TEST_TMP/all-bytes.bin"
python3 -c 'import sys; sys.stdout.buffer.write(bytes((i * 37 + 11) % 256 for i in range(256)) * 2)' >"$payload"
expected_hex=$(hex_of_file "$payload")

# One subscriber for the whole matrix; ready once it shows the marker (no sleeps).
sub_out="$TEST_TMP/matrix-sub.out"
start_bg mosquitto_sub -h "$H" -p "$WSMQTT_A_TCP_PORT" -V 5 --retain-as-published -q 2 -W 120 \
  -F '%t %q %r %x' -t "$base/#" >"$sub_out" 2>"$TEST_TMP/matrix-sub.err"
sub_pid=$BG_PID
for ((i = 0; i < 200; i++)); do
  grep -q "^$base/ready " "$sub_out" && break
  mosquitto_pub -h "$H" -p "$WSMQTT_A_TCP_PORT" -t "$base/ready" -m ready >/dev/null 2>&1 || true
  sleep 0.05 # poll interval of a bounded readiness loop
done
grep -q "^$base/ready " "$sub_out" || { echo "fail: $TEST_NAME: subscriber not ready" >&2; exit 1; }

url_for() { # TRANSPORT
  case $1 in
    ws) echo "ws://$H:$WSMQTT_A_WS_PORT/mqtt" ;;
    wss) echo "wss://$WSMQTT_TLS_HOST:$WSMQTT_A_WSS_PORT/mqtt" ;;
    mqtt) echo "mqtt://$H:$WSMQTT_A_TCP_PORT" ;;
    mqtts) echo "mqtts://$WSMQTT_TLS_HOST:$WSMQTT_A_TLS_PORT" ;;
  esac
}

retained_topics=()
n=0
for transport in ws wss mqtt mqtts; do
  for version in 311 5; do
    for qos in 0 1 2; do
      n=$((n + 1))
      retain=$(( n % 2 ))
      topic="$base/$transport/v$version/q$qos"
      args=(-L "$(url_for "$transport")" -V "$version" -q "$qos" -t "$topic" -f "$payload")
      case $transport in wss | mqtts) args+=("${CA[@]}") ;; esac
      if [ "$retain" = 1 ]; then
        args+=(-r)
        retained_topics+=("$topic")
      fi
      begin_case "$transport MQTT $version QoS $qos retain $retain"
      run_pub "${args[@]}"
      assert_exit 0
      assert_stdout_empty
      [ ! -s "$LAST_ERR" ] || _note_failure "stderr not empty"
      got=""
      for ((i = 0; i < 200; i++)); do
        got=$(awk -v t="$topic" '$1 == t { print $2, $3, $4 }' "$sub_out")
        [ -n "$got" ] && break
        sleep 0.05 # poll interval
      done
      assert_eq "qos retain payload" "$qos $retain $expected_hex" "$got"
      end_case
    done
  done
done

begin_case "each message arrived exactly once"
kill -TERM "$sub_pid" 2>/dev/null || true
wait "$sub_pid" 2>/dev/null || true
assert_eq "messages" "$n" "$(grep -vc "^$base/ready " "$sub_out")"
end_case

# Clear the retained messages (a zero-length retained publish), so the broker keeps nothing.
for topic in "${retained_topics[@]}"; do
  "$PUB" -L "mqtt://$H:$WSMQTT_A_TCP_PORT" -t "$topic" -n -r >/dev/null 2>&1 || true
done
finish
