# scripts/bench.d/items.sh — sourced by scripts/bench: the five measurements of issue 7. Each
# item only fills the result arrays of measure.sh; report.sh turns them into the table.
PAYLOAD=0123456789abcdef # 16 bytes

# 1. one-shot publish, process start to exit; --help.
item_oneshot() {
  say "1. one-shot publish (hyperfine, $RUNS runs) and callgrind"
  local q
  for q in 0 1; do
    hf "ours-ws-aedes-q$q" "$RUNS" "$BIN/wsmqtt-pub" -L "$U_AWS" -t bench/once -q "$q" -m "$PAYLOAD"
    hf "ours-tcp-q$q" "$RUNS" "$BIN/wsmqtt-pub" -L "$U_TCP" -t bench/once -q "$q" -m "$PAYLOAD"
    hf "mosq-tcp-q$q" "$RUNS" mosquitto_pub -h "$H" -p "$M_TCP" -t bench/once -q "$q" -m "$PAYLOAD"
  done
  hf ours-ws-mosq-q0 "$RUNS" "$BIN/wsmqtt-pub" -L "$U_WS" -t bench/once -m "$PAYLOAD"
  hf mosq-tcp-aedes-q0 "$RUNS" mosquitto_pub -h "$H" -p "$A_TCP" -t bench/once -m "$PAYLOAD"
  hf ours-tls-q0 "$RUNS" "$BIN/wsmqtt-pub" -L "$U_TLS" --cafile "$CA" -t bench/once -m "$PAYLOAD"
  hf mosq-tls-q0 "$RUNS" mosquitto_pub -h "$H" -p "$M_TLS" --cafile "$CA" -t bench/once -m "$PAYLOAD"
  hf paho-ws-aedes-q0 "$SLOW_RUNS" paho_cs_pub -c "$U_AWS" -t bench/once -m "$PAYLOAD"
  if [ -n "$MQTTJS" ]; then
    hf mqttjs-ws-aedes-q0 "$SLOW_RUNS" "$MQTTJS" pub -h "$H" -p "$A_WS" -C ws --path /mqtt -t bench/once -m "$PAYLOAD"
  else HF[mqttjs-ws-aedes-q0]=skip; fi
  hf ours-help "$RUNS" "$BIN/wsmqtt-pub" --help
  hf mosq-help "$RUNS" --ignore-failure mosquitto_pub --help
  maxrss ours-help "$BIN/wsmqtt-pub" --help
  maxrss mosq-help mosquitto_pub --help

  for q in 0 1; do
    ir "ours-ws-aedes-q$q" "$BIN/wsmqtt-pub" -L "$U_AWS" -t bench/once -q "$q" -m "$PAYLOAD"
    ir "ours-tcp-q$q" "$BIN/wsmqtt-pub" -L "$U_TCP" -t bench/once -q "$q" -m "$PAYLOAD"
    ir "mosq-tcp-q$q" mosquitto_pub -h "$H" -p "$M_TCP" -t bench/once -q "$q" -m "$PAYLOAD"
  done
  ir ours-ws-aedes-q0-id "$BIN/wsmqtt-pub" -L "$U_AWS" -i bench-once -t bench/once -m "$PAYLOAD"
  ir ours-help "$BIN/wsmqtt-pub" --help
  if [ "${IR[ours-ws-aedes-q0]}" != fail ]; then
    callgrind_annotate --inclusive=no "$work/cg-ours-ws-aedes-q0.out" 2>/dev/null >"$work/annotate-ws.txt" || true
    callgrind_annotate --inclusive=yes "$work/cg-ours-ws-aedes-q0.out" 2>/dev/null >"$work/annotate-ws-incl.txt" || true
  fi
}

# 2. N x 64-byte messages through one publisher process from stdin, QoS 0 and 1.
item_bulk() {
  say "2. bulk publish: $N x 64 B from stdin, counted by mosquitto_sub over TCP"
  python3 -c 'import sys; sys.stdout.write(("x" * 64 + "\n") * int(sys.argv[1]))' "$N" >"$work/lines"
  local q
  for q in 0 1; do
    bulk "ours-tcp-q$q" "$q" "$M_TCP" "$BIN/wsmqtt-pub" -L "$U_TCP" -t @T@ -q "$q" -l
    bulk "ours-ws-mosq-q$q" "$q" "$M_TCP" "$BIN/wsmqtt-pub" -L "$U_WS" -t @T@ -q "$q" -l
    bulk "ours-ws-aedes-q$q" "$q" "$A_TCP" "$BIN/wsmqtt-pub" -L "$U_AWS" -t @T@ -q "$q" -l
    bulk "mosq-tcp-q$q" "$q" "$M_TCP" mosquitto_pub -h "$H" -p "$M_TCP" -t @T@ -q "$q" -l
    # No -m/-f: paho_cs_pub reads stdin, one message per line, newline kept (65-byte payloads).
    bulk "paho-ws-mosq-q$q" "$q" "$M_TCP" --timeout "$PEER_TIMEOUT" paho_cs_pub -c "$U_WS" -t @T@ -q "$q"
    bulk "paho-ws-aedes-q$q" "$q" "$A_TCP" --timeout "$PEER_TIMEOUT" paho_cs_pub -c "$U_AWS" -t @T@ -q "$q"
    if [ -n "$MQTTJS" ]; then
      bulk "mqttjs-ws-mosq-q$q" "$q" "$M_TCP" --timeout "$PEER_TIMEOUT" "$MQTTJS" pub -h "$H" -p "$M_WS" -C ws --path /mqtt -t @T@ -q "$q" -s -M
      bulk "mqttjs-ws-aedes-q$q" "$q" "$A_TCP" --timeout "$PEER_TIMEOUT" "$MQTTJS" pub -h "$H" -p "$A_WS" -C ws --path /mqtt -t @T@ -q "$q" -s -M
    else BULK[mqttjs-ws-mosq-q$q]=skip BULK[mqttjs-ws-aedes-q$q]=skip; fi
  done
}

# 3. one subscriber receiving NSUB QoS 0 messages (from mosquitto, fed over TCP by mosquitto_pub -l).
item_sub() {
  say "3. subscriber: $NSUB QoS 0 messages"
  python3 -c 'import sys; sys.stdout.write(("y" * 64 + "\n") * int(sys.argv[1]))' "$NSUB" >"$work/sublines"
  local w=$((CASE_TIMEOUT - 5))
  subrate ours-tcp "$BIN/wsmqtt-sub" -L "$U_TCP" -t @T@ -C $((NSUB + 1)) -W "$w"
  subrate ours-ws "$BIN/wsmqtt-sub" -L "$U_WS" -t @T@ -C $((NSUB + 1)) -W "$w"
  subrate mosq-tcp mosquitto_sub -h "$H" -p "$M_TCP" -t @T@ -C $((NSUB + 1)) -W "$w"
  # paho_cs_sub has no message count and no timeout: it cannot end by itself after N messages.
  SUB[paho-ws]=skip
}

# 4. one BIG_MIB MiB message over ws through aedes, both ends under /usr/bin/time.
big_case() { # NAME SUBSCRIBER... -- PUBLISHER...   (topic @T@, the file @F@)
  local name=$1; shift
  local t=bench/big/$name sub=() pub=() a side=sub
  for a in "$@"; do
    [ "$a" = -- ] && { side=pub; continue; }
    a=${a//@T@/$t}; a=${a//@F@/$work/big}
    if [ $side = sub ]; then sub+=("$a"); else pub+=("$a"); fi
  done
  record "$TIME -f '%e %M' $(show_cmd "${sub[@]}") >\$W/big-$name.out &  then  $TIME -f '%e %M' $(show_cmd "${pub[@]}")"
  "$TIME" -f '%e %M' -o "$work/big-$name.subtime" timeout -k 2 "$CASE_TIMEOUT" "${sub[@]}" \
    >"$work/big-$name.out" 2>"$work/big-$name.suberr" &
  local sp=$!
  pids+=("$sp")
  wait_ready "$A_TCP" "$t" "$work/big-$name.out" || { BIG[$name]=fail; say "$name: subscriber not ready"; return 0; }
  local ready t0 t1 rc=0
  ready=$(stat -c %s "$work/big-$name.out")
  t0=$(now)
  timeout -k 2 "$CASE_TIMEOUT" "$TIME" -f '%e %M' -o "$work/big-$name.pubtime" "${pub[@]}" \
    </dev/null >/dev/null 2>"$work/big-$name.puberr" || rc=$?
  wait "$sp" || true
  t1=$(now)
  local ok=intact
  tail -c +$((ready + 1)) "$work/big-$name.out" | head -c $((BIG_MIB * 1048576)) | cmp -s - "$work/big" || ok=damaged
  local prss srss
  prss=$(tail -n 1 "$work/big-$name.pubtime" | awk '{ print $2 }')
  srss=$(tail -n 1 "$work/big-$name.subtime" | awk '{ print $2 }')
  BIG[$name]="$(fcalc %.2f "$t1 - $t0") ${prss:-0} ${srss:-0} $ok $rc"
  say "$name: ${BIG[$name]}"
}
item_big() {
  say "4. one $BIG_MIB MiB message through aedes"
  head -c $((BIG_MIB * 1048576)) /dev/urandom >"$work/big"
  big_case ours-ws "$BIN/wsmqtt-sub" -L "$U_AWS" -t @T@ -C 2 -N -W $((CASE_TIMEOUT - 5)) -- \
    "$BIN/wsmqtt-pub" -L "$U_AWS" -t @T@ -f @F@
  big_case mosq-tcp mosquitto_sub -h "$H" -p "$A_TCP" -t @T@ -C 2 -N -W $((CASE_TIMEOUT - 5)) -- \
    mosquitto_pub -h "$H" -p "$A_TCP" -t @T@ -f @F@
}

# 5. CLIENTS connections from one wsmqtt-pub process, each publishing once.
conn_case() { # NAME URL
  local name=$1 url=$2
  local cmd=("$BIN/wsmqtt-pub" -L "$url" -t 'bench/conn/{client}' --clients "$CLIENTS" --count 1
             --size 16 --stats-format json)
  record "$TIME -f '%e %M' $(show_cmd "${cmd[@]}")"
  if timeout -k 2 "$CASE_TIMEOUT" "$TIME" -f '%e %M' -o "$work/conn-$name.time" "${cmd[@]}" \
       </dev/null >"$work/conn-$name.json" 2>"$work/conn-$name.err"; then
    CONN[$name]=$(python3 - "$work/conn-$name.json" "$(tail -n 1 "$work/conn-$name.time")" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
m, lat = d["memory"], d["connect_latency"]
wall, rss = sys.argv[2].split()[:2]
# per-connection bytes, connected, connect p50 and max (ms), process wall (s) and max RSS (KiB)
print(int(m["bytes_per_connection"]), d["connected"], "%.1f" % (lat["p50"] / 1e6),
      "%.1f" % (lat["max"] / 1e6), wall, rss, m["rss_before_kib"], m["rss_connected_kib"])
PY
    )
  else
    CONN[$name]=fail; say "$name: $(head -c 300 "$work/conn-$name.err")"
  fi
  say "$name: ${CONN[$name]}"
}
declare -A CONN=()
item_conn() {
  say "5. $CLIENTS connections from one process"
  conn_case ws-aedes "$U_AWS"
  conn_case ws-mosq "$U_WS"
  conn_case tcp-mosq "$U_TCP"
}
