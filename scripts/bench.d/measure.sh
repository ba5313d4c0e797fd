# scripts/bench.d/measure.sh — sourced by scripts/bench: how one figure is taken. Every function
# records the exact command it ran (CMDS) so the report can show it; results go into the
# associative arrays below, "fail" or "skip" when there is no figure.
declare -A HF=() HFMIN=() IR=() RSS=() BULK=() SUB=() BIG=()
CMDS=()

# The command line as it can be pasted again ($W = the work dir of the run).
show_cmd() { local c; c=$(printf '%q ' "$@"); c=${c% }; echo "${c//$work/\$W}"; }
record() { CMDS+=("$1"); }

now() { echo "$EPOCHREALTIME"; } # seconds.microseconds, no fork
fcalc() { awk "BEGIN { printf \"$1\", $2 }"; } # FORMAT EXPRESSION

# hf NAME RUNS [--ignore-failure] CMD... — hyperfine median (HF) and fastest (HFMIN) wall time in
# seconds of a command that exits 0. One
# checked run first: a failing command gets "fail" and its stderr kept, not an aborted bench.
hf() {
  local name=$1 runs=$2 ignore=(); shift 2
  if [ "$1" = --ignore-failure ]; then ignore=(-i); shift; fi
  local cmd; cmd=$(printf '%q ' "$@")
  record "hyperfine -N --warmup $WARMUP --runs $runs ${ignore[*]} '$(show_cmd "$@")'"
  if [ ${#ignore[@]} = 0 ] && ! timeout 30 "$@" </dev/null >/dev/null 2>"$work/hf-$name.err"; then
    HF[$name]=fail; say "$name failed: $(head -c 300 "$work/hf-$name.err")"; return 0
  fi
  if timeout 300 hyperfine -N --style none "${ignore[@]}" --warmup "$WARMUP" --runs "$runs" \
       --export-json "$work/hf-$name.json" "$cmd" >"$work/hf-$name.log" 2>&1; then
    read -r "HF[$name]" "HFMIN[$name]" < <(python3 -c 'import json,sys; r = json.load(open(sys.argv[1]))["results"][0]; print(r["median"], r["min"])' "$work/hf-$name.json")
  else
    HF[$name]=fail; say "$name: hyperfine failed: $(tail -n 2 "$work/hf-$name.log")"
  fi
}

# ir NAME CMD... — instructions (Ir) of the whole client process under callgrind.
ir() {
  local name=$1; shift
  record "valgrind --tool=callgrind --callgrind-out-file=\$W/cg-$name.out $(show_cmd "$@")"
  if timeout 120 valgrind --tool=callgrind --callgrind-out-file="$work/cg-$name.out" "$@" \
       </dev/null >/dev/null 2>"$work/cg-$name.log"; then
    IR[$name]=$(awk '/^(summary|totals):/ { print $2; exit }' "$work/cg-$name.out")
  else
    IR[$name]=fail; say "$name failed under callgrind: $(tail -n 2 "$work/cg-$name.log")"
  fi
}

# maxrss NAME CMD... — median max RSS (KiB) of 5 runs, from /usr/bin/time -f %M.
maxrss() {
  local name=$1 i; shift
  record "$TIME -f %M $(show_cmd "$@")"
  for i in 1 2 3 4 5; do
    timeout 30 "$TIME" -f %M -o "$work/rss-$name.$i" "$@" </dev/null >/dev/null 2>&1 || true
    tail -n 1 "$work/rss-$name.$i"
  done | sort -n | sed -n 3p >"$work/rss-$name"
  RSS[$name]=$(cat "$work/rss-$name")
}

# wait_ready PORT TOPIC FILE — publish a marker on TOPIC (over TCP to PORT) until a subscriber
# writing to FILE shows it: then the broker holds the subscription. One marker a second, so a
# second copy is rare; callers count the marker lines they saw before the measured traffic.
wait_ready() {
  local i
  for ((i = 0; i < 250; i++)); do # ~10 s
    ((i % 25)) || mosquitto_pub -h "$H" -p "$1" -t "$2" -m ready 2>/dev/null || true
    [ -s "$3" ] && return 0
    sleep 0.04
  done
  return 1
}

# bulk NAME QOS CPORT [--timeout S] CMD... — CMD publishes the N lines of $work/lines (stdin) on the topic
# bench/bulk/NAME (written @T@ in CMD). A mosquitto_sub over TCP to CPORT, subscribed at QOS,
# counts them and stamps each arrival (-F %U), so the rate is arrivals / (last arrival - start)
# even when some never come. BULK[NAME] = "got rate pub_wall pub_cpu exit".
bulk() {
  local name=$1 qos=$2 cport=$3 limit=$CASE_TIMEOUT; shift 3
  if [ "$1" = --timeout ]; then ((limit = $2 < limit ? $2 : limit)); shift 2; fi
  local t=bench/bulk/$name out=$work/bulk-$name.out args=() a
  for a in "$@"; do args+=("${a//@T@/$t}"); done
  record "timeout $limit $(show_cmd "${args[@]}") <\$W/lines   # counted by: mosquitto_sub -p $cport -q $qos -t $t -C $N -F %U"
  mosquitto_sub -h "$H" -p "$cport" -q "$qos" -t "$t" -t "$t/ready" -C $((N + 1)) \
    -W $((limit + 10)) -F %U >"$out" 2>"$work/bulk-$name.suberr" &
  local sub=$!
  pids+=("$sub")
  if ! wait_ready "$cport" "$t/ready" "$out"; then
    BULK[$name]=fail; say "$name: counting subscriber not ready"; kill "$sub"; return 0
  fi
  local ready t0 rc=0
  ready=$(wc -l <"$out")
  t0=$(now)
  timeout -k 2 "$limit" "$TIME" -f '%e %U %S' -o "$work/bulk-$name.time" "${args[@]}" \
    <"$work/lines" >/dev/null 2>"$work/bulk-$name.err" || rc=$?
  drain "$sub" "$out"
  local got last wall user sys
  got=$(($(wc -l <"$out") - ready))
  last=$(tail -n 1 "$out")
  wall=0 user=0 sys=0
  read -r wall user sys < <(tail -n 1 "$work/bulk-$name.time" 2>/dev/null) || true # empty when timed out
  [[ "$wall$user$sys" =~ ^[0-9.]+$ ]] || { wall=0 user=0 sys=0; }
  local rate=0
  ((got > 0)) && rate=$(fcalc %.0f "$got / ($last - $t0)")
  BULK[$name]="$got $rate $wall $(fcalc %.2f "$user + $sys") $rc"
  say "$name: $got/$N arrived, $rate msgs/s, publisher exit $rc"
}

# drain PID FILE — the publisher is done: wait for the counting subscriber PID to exit, or kill it
# once FILE has not grown for 3 s (messages that never come). Bounded by its -W as well.
drain() {
  local i last=-1 size still=0
  for ((i = 0; i < 3000; i++)); do # 0.1 s steps, 300 s at most
    kill -0 "$1" 2>/dev/null || break
    size=$(stat -c %s "$2")
    if [ "$size" = "$last" ]; then ((++still < 30)) || { kill "$1" 2>/dev/null || true; break; }
    else still=0 last=$size; fi
    sleep 0.1
  done
  wait "$1" 2>/dev/null || true
}

# subrate NAME CMD... — CMD subscribes to bench/sub/NAME (@T@) over whatever transport and exits
# after NSUB + 1 messages (one warm-up marker). mosquitto_pub -l over TCP feeds it NSUB QoS 0
# lines. SUB[NAME] = "rate cpu_seconds max_rss_kib got".
subrate() {
  local name=$1; shift
  local t=bench/sub/$name out=$work/sub-$name.out args=() a
  for a in "$@"; do args+=("${a//@T@/$t}"); done
  record "$TIME -f '%e %U %S %M' $(show_cmd "${args[@]}") >\$W/sub-$name.out   # fed by: mosquitto_pub -p $M_TCP -t $t -l <\$W/sublines"
  "$TIME" -f '%e %U %S %M' -o "$work/sub-$name.time" timeout -k 2 "$CASE_TIMEOUT" "${args[@]}" \
    >"$out" 2>"$work/sub-$name.err" &
  local sp=$!
  pids+=("$sp")
  if ! wait_ready "$M_TCP" "$t" "$out"; then
    SUB[$name]=fail; say "$name: subscriber not ready: $(head -c 300 "$work/sub-$name.err")"; return 0
  fi
  local ready t0 t1
  ready=$(wc -l <"$out")
  t0=$(now)
  mosquitto_pub -h "$H" -p "$M_TCP" -t "$t" -l <"$work/sublines"
  wait "$sp" || true
  t1=$(now)
  local got wall user sys rss
  got=$(($(wc -l <"$out") - ready))
  wall='' user='' sys='' rss=''
  read -r wall user sys rss < <(tail -n 1 "$work/sub-$name.time") || true
  [[ "$rss" =~ ^[0-9]+$ ]] || { SUB[$name]=fail; say "$name: $(tail -n 2 "$work/sub-$name.time")"; return 0; }
  SUB[$name]="$(fcalc %.0f "$got / ($t1 - $t0)") $(fcalc %.2f "$user + $sys") $rss $got"
  say "$name: ${SUB[$name]}"
}
