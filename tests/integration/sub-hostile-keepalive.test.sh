#!/usr/bin/env bash
# A broker that stops answering after CONNACK (issue 8): keepalive must detect it within 1.5 x the
# keepalive interval. With -k 5 (the smallest keepalive mosquitto and we accept) the PINGREQ goes
# out after 5 s of silence and the answer is awaited 2.5 s: ~7.5 s. Measured here: ~7.5 s.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/../fake_broker/fake_broker.sh"
require_bin wsmqtt-sub wsmqtt-fake-broker

pids=() logs=() outs=() errs=() starts=() transports=(tcp ws)
# Both transports at once: the test takes ~7.5 s, not 15.
for transport in "${transports[@]}"; do
  start_fake_broker port --transport "$transport" --scenario mute-after-connack
  out="$TEST_TMP/$transport.out" err="$TEST_TMP/$transport.err"
  starts+=("$(date +%s%N)")
  start_bg timeout -k 5 30 "$SUB" -L "$(fake_url "$transport" "$port")" -t hostile/a -k 5 --no-reconnect >"$out" 2>"$err"
  pids+=("$BG_PID") logs+=("$FAKE_LOG") outs+=("$out") errs+=("$err")
done
# Time from the CONNACK (the broker's log line) to the client's exit, polled every 20 ms, so a slow
# process start (sanitizers, a busy machine) does not count.
connack_at=("" "") exited_at=("" "")
for ((k = 0; k < 1000; k++)); do # up to ~20 s
  for i in 0 1; do
    [ -z "${connack_at[i]}" ] && grep -q "CONNACK sent" "${logs[i]}" && connack_at[i]=$(date +%s%N)
    [ -z "${exited_at[i]}" ] && ! kill -0 "${pids[i]}" 2>/dev/null && exited_at[i]=$(date +%s%N)
  done
  [ -n "${exited_at[0]}" ] && [ -n "${exited_at[1]}" ] && break
  sleep 0.02 # poll interval
done
for i in 0 1; do
  begin_case "${transports[i]} broker mute after CONNACK: keepalive -k 5 detects it"
  rc=0
  wait "${pids[i]}" || rc=$?
  LAST_MS=$(((${exited_at[i]:-$(date +%s%N)} - ${connack_at[i]:-${starts[i]}}) / 1000000))
  LAST_RC=$rc LAST_ERR=${errs[i]} LAST_OUT=${outs[i]} FAKE_LOG=${logs[i]}
  LAST_CMD="wsmqtt-sub -L ... -t hostile/a -k 5 --no-reconnect"
  _case_files+=("${errs[i]}" "${logs[i]}")
  # 1.5 x 5 s plus 0.5 s of slack for process start and scheduling on a busy machine.
  assert_hostile wsmqtt-sub 9 8000 "wsmqtt-sub: connection: " "PINGREQ" "keep alive 5 s"
  [ "$LAST_MS" -ge 5000 ] || _note_failure "declared dead after $LAST_MS ms, before one keepalive interval"
  echo "  measured: ${transports[i]} dead broker detected after $LAST_MS ms"
done

finish
