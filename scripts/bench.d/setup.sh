# scripts/bench.d/setup.sh — sourced by scripts/bench: arguments, packages, the work dir and the
# exit trap, a throw-away CA, and the two brokers on loopback (a private mosquitto with tcp, tls and
# websockets listeners; aedes with tcp and ws). Everything started here is killed by PID at exit.

die() { echo "bench: $*" >&2; exit 1; }
say() { echo "bench: $*" >&2; } # progress on stderr; stdout carries only the report

# ---- arguments and scale
QUICK=${WSMQTT_BENCH_QUICK:-0}
BIN=
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=1 ;;
    -h | --help) sed -n '2,/^set -euo/{/^# shellcheck/d; /^set -euo/d; s/^# \{0,1\}//; p}' "$0" >&2; exit 0 ;;
    -*) die "unknown option $arg (usage: scripts/bench [--quick] [BIN_DIR])" ;;
    *) [ -z "$BIN" ] || die "one BIN_DIR only"; BIN=$arg ;;
  esac
done
BIN=${BIN:-build/release/bin}
case "$BIN" in /*) ;; *) BIN="$PWD/$BIN" ;; esac
if [ "$QUICK" = 1 ]; then
  d_msgs=5000 d_sub=10000 d_runs=5 d_big=1 d_clients=100
else
  d_msgs=100000 d_sub=200000 d_runs=30 d_big=16 d_clients=1000
fi
N=${WSMQTT_BENCH_MESSAGES:-$d_msgs}               # item 2: messages through one publisher
NSUB=${WSMQTT_BENCH_SUB_MESSAGES:-$d_sub}         # item 3: messages into one subscriber
RUNS=${WSMQTT_BENCH_RUNS:-$d_runs}                # item 1: hyperfine runs of a fast command
BIG_MIB=${WSMQTT_BENCH_BIG_MIB:-$d_big}           # item 4: size of the one big message
CLIENTS=${WSMQTT_BENCH_CLIENTS:-$d_clients}       # item 5: connections from one process
CASE_TIMEOUT=${WSMQTT_BENCH_CASE_TIMEOUT:-60}     # seconds any one publisher/subscriber may take
PEER_TIMEOUT=${WSMQTT_BENCH_PEER_TIMEOUT:-25}     # the same for a slow ws peer in item 2 (rate from
                                                  # what arrived in that time)
for v in N NSUB RUNS BIG_MIB CLIENTS CASE_TIMEOUT PEER_TIMEOUT; do
  [[ "${!v}" =~ ^[1-9][0-9]*$ ]] || die "$v must be a positive whole number (got '${!v}')"
done
SLOW_RUNS=$(((RUNS + 2) / 3)) # hyperfine runs of a peer that takes 100+ ms per run
WARMUP=3

# ---- packages: the bench's own extras here; the rest is scripts/install-deps' job
bench_packages=(hyperfine paho.mqtt.c-examples time valgrind)
missing=()
for p in "${bench_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  say "installing ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
fi
for b in wsmqtt-pub wsmqtt-sub; do
  [ -x "$BIN/$b" ] || die "$BIN/$b not found (scripts/build release)"
done
for b in /usr/sbin/mosquitto mosquitto_pub mosquitto_sub openssl node python3 hyperfine valgrind \
         callgrind_annotate paho_cs_pub paho_cs_sub timeout; do
  command -v "$b" >/dev/null || die "$b is needed (run scripts/install-deps)"
done
TIME=/usr/bin/time
[ -x "$TIME" ] || die "/usr/bin/time is needed (apt-get install time)"
if [ ! -d tests/npm/node_modules/aedes ] || [ ! -d tests/npm/node_modules/ws ]; then
  die "tests/npm/node_modules has no aedes/ws (run scripts/install-deps)"
fi
MQTTJS=$PWD/tests/npm/node_modules/.bin/mqtt
[ -x "$MQTTJS" ] || { MQTTJS=; say "MQTT.js CLI not found in tests/npm: its rows are skipped"; }

# ---- work dir, background processes, exit trap
work=$(mktemp -d "${TMPDIR:-/tmp}/wsmqtt-bench.XXXXXX")
pids=()
# Kills what we started, by PID, and the children of a PID (a wrapper such as /usr/bin/time or
# timeout leaves its child behind when it is killed itself).
cleanup() {
  local p c
  for p in "${pids[@]}"; do
    for c in $(pgrep -P "$p" 2>/dev/null); do kill "$c" 2>/dev/null || true; done
    kill "$p" 2>/dev/null || true
  done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ -n "${WSMQTT_BENCH_KEEP:-}" ]; then say "work dir kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- ports: five free ones on 127.0.0.1, taken at once so they differ
read -r M_TCP M_TLS M_WS A_TCP A_WS < <(python3 -c '
import socket
ss = [socket.socket() for _ in range(5)]
for s in ss: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in ss])')

# ---- a throw-away CA and a server certificate for 127.0.0.1 / localhost (EC P-256: fast)
ossl() { openssl "$@" >>"$work/openssl.log" 2>&1 || die "openssl $1 failed: $(tail -n 3 "$work/openssl.log")"; }
ossl req -x509 -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -days 1 \
  -subj "/CN=wsmqtt bench CA" -keyout "$work/ca.key" -out "$work/ca.crt" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature" \
  "extendedKeyUsage=serverAuth" "subjectAltName=DNS:localhost,IP:127.0.0.1" >"$work/server.ext"
ossl req -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -subj "/CN=localhost" \
  -keyout "$work/server.key" -out "$work/server.csr"
ossl x509 -req -in "$work/server.csr" -CA "$work/ca.crt" -CAkey "$work/ca.key" -CAcreateserial \
  -days 1 -extfile "$work/server.ext" -out "$work/server.crt"
chmod 644 "$work/server.key" # mosquitto may drop privileges before reading it; throw-away key

# ---- mosquitto: tcp, tls, websockets. Queues unbounded so that a fast publisher is measured,
# not the broker's drop policy. A websockets-only config would not start; socket_domain ipv4 makes
# the ws listener bind 127.0.0.1 as asked.
cat >"$work/mosquitto.conf" <<CONF
user $(id -un)
allow_anonymous true
persistence false
max_queued_messages 10000000
max_queued_bytes 0
max_inflight_messages 0
connection_messages false
log_dest stderr
log_type error
log_type warning

listener $M_TCP 127.0.0.1

listener $M_TLS 127.0.0.1
certfile $work/server.crt
keyfile $work/server.key

listener $M_WS 127.0.0.1
protocol websockets
socket_domain ipv4
CONF
/usr/sbin/mosquitto -c "$work/mosquitto.conf" </dev/null >"$work/mosquitto.log" 2>&1 &
MOSQ_PID=$!
pids+=("$MOSQ_PID")
node tests/npm/aedes-broker.mjs --host 127.0.0.1 --tcp "$A_TCP" --ws "$A_WS" </dev/null >"$work/aedes.log" 2>&1 &
AEDES_PID=$!
pids+=("$AEDES_PID")

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for ((i = 0; ; i++)); do
  kill -0 "$MOSQ_PID" 2>/dev/null || die "mosquitto exited: $(cat "$work/mosquitto.log")"
  kill -0 "$AEDES_PID" 2>/dev/null || die "aedes exited: $(cat "$work/aedes.log")"
  up=1
  for p in "$M_TCP" "$M_TLS" "$M_WS" "$A_TCP" "$A_WS"; do port_open "$p" || { up=0; break; }; done
  [ "$up" = 1 ] && break
  ((i < 300)) || die "brokers not listening after 15 s"
  sleep 0.05
done
H=127.0.0.1
U_TCP=mqtt://$H:$M_TCP
U_TLS=mqtts://$H:$M_TLS
U_WS=ws://$H:$M_WS/mqtt
U_AWS=ws://$H:$A_WS/mqtt
CA=$work/ca.crt
say "mosquitto tcp $M_TCP tls $M_TLS ws $M_WS; aedes tcp $A_TCP ws $A_WS; work dir $work"
