# shellcheck shell=bash disable=SC2034 # variables here are used by the sourcing tests
# Sourced by every tests/integration/*.test.sh. Loads the broker environment written by
# `scripts/test-brokers start` (variables: README.md beside this file) and gives the helpers below.
#
# A test is a list of cases:
#   begin_case "mqtt 311"            names the case; assertions that follow belong to it
#   run_capture OUT ERR RC -- cmd... runs cmd (bounded by $WSMQTT_RUN_TIMEOUT s), stdout to file
#                                    OUT, stderr to file ERR, exit status into variable RC; the
#                                    assert_* helpers below check this last run
#   run_pub ARGS...                  run_capture of "$WSMQTT_BIN_DIR/wsmqtt-pub" ARGS into the
#                                    test's temp dir
#   assert_exit N / assert_stderr_contains S / assert_stderr_contains_any S1 S2... /
#   assert_stderr_one_line / assert_stderr_prefix PROGRAM / assert_stdout_empty /
#   assert_file_bytes_equal A B / assert_eq WHAT EXPECTED ACTUAL / assert_true WHAT cmd...
#   end_case                         prints one line: "pass: CASE" or "fail: CASE: reasons"
#   finish                           prints "N passed, N failed" and exits 0 or 1
# A failing assertion records the failure and lets the test go on to its next case.
#
# Subscriptions that are live before anything is published (no sleeps):
#   wait_for_subscription VAR TOPIC CONN_ARGS...
#     starts `mosquitto_sub CONN_ARGS -t TOPIC -t TOPIC-ready` in the background and publishes
#     to TOPIC-ready (with mosquitto_pub CONN_ARGS) until the subscriber shows that marker, so
#     the broker holds the subscription before the test publishes. VAR gets a handle.
#   sub_wait_messages H N [SECONDS]  waits until the subscriber has N messages on TOPIC itself
#   sub_message_hex H I              hex of the I-th (1-based) payload received on TOPIC
#   sub_stop H                       ends the subscriber (by PID)
set -euo pipefail

if [ -z "${WSMQTT_TEST_ENV:-}" ]; then
  echo "fail: $(basename "$0"): WSMQTT_TEST_ENV is not set; start the brokers with" \
       "'scripts/test-brokers start FILE' and export WSMQTT_TEST_ENV=FILE (scripts/test does both)" >&2
  exit 1
fi
if [ ! -f "$WSMQTT_TEST_ENV" ]; then
  echo "fail: $(basename "$0"): WSMQTT_TEST_ENV=$WSMQTT_TEST_ENV does not exist; are the brokers running" \
       "('scripts/test-brokers start $WSMQTT_TEST_ENV')?" >&2
  exit 1
fi
# shellcheck source=/dev/null
source "$WSMQTT_TEST_ENV"

TEST_NAME=$(basename "$0" .test.sh)
TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/wsmqtt-it.$TEST_NAME.XXXXXX")
WSMQTT_RUN_TIMEOUT=${WSMQTT_RUN_TIMEOUT:-30}
PUB=${WSMQTT_BIN_DIR:-}/wsmqtt-pub
SUB=${WSMQTT_BIN_DIR:-}/wsmqtt-sub
NPM_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../npm" && pwd)

_bg_pids=()
_cleanup() {
  local pid
  for pid in "${_bg_pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${_bg_pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$TEST_TMP"
}
trap _cleanup EXIT

# Starts "$@" in the background; the EXIT trap kills it by PID. Sets BG_PID.
start_bg() {
  "$@" &
  BG_PID=$!
  _bg_pids+=("$BG_PID")
}

require_bin() { # PROGRAM... — fails the whole test at once if a binary is missing
  local b
  for b in "$@"; do
    [ -x "${WSMQTT_BIN_DIR:-}/$b" ] || { echo "fail: $TEST_NAME: ${WSMQTT_BIN_DIR:-<WSMQTT_BIN_DIR unset>}/$b not found" >&2; exit 1; }
  done
}

# ------------------------------------------------------------------------------------- cases
_passed=0
_failed=0
_case=""
_case_errors=()
_case_files=()

begin_case() {
  [ -z "$_case" ] || end_case
  _case=$1
  _case_errors=()
  _case_files=()
}

_note_failure() { _case_errors+=("$1"); }

end_case() {
  [ -n "$_case" ] || return 0
  if [ ${#_case_errors[@]} -eq 0 ]; then
    echo "pass: $TEST_NAME: $_case"
    _passed=$((_passed + 1))
  else
    local joined
    joined=$(printf '%s; ' "${_case_errors[@]}")
    echo "fail: $TEST_NAME: $_case: ${joined%; }"
    [ -z "${LAST_CMD:-}" ] || echo "  command: $LAST_CMD"
    local f
    for f in "${_case_files[@]}"; do
      [ -s "$f" ] || continue
      echo "  --- $(basename "$f") (first 20 lines):"
      head -n 20 "$f" | sed 's/^/  | /'
    done
    _failed=$((_failed + 1))
  fi
  _case=""
}

finish() {
  end_case
  echo "$TEST_NAME: $_passed passed, $_failed failed"
  [ "$_failed" -eq 0 ] && [ "$_passed" -gt 0 ]
}

# --------------------------------------------------------------------------------- running
LAST_OUT=""
LAST_ERR=""
LAST_RC=""
LAST_CMD=""
_run_seq=0

run_capture() { # OUT ERR RC -- cmd...
  # Locals carry a prefix so that they cannot shadow the caller's RC variable.
  local _rc_out=$1 _rc_err=$2 _rc_var=$3 _rc_status=0
  [ "$4" = "--" ] || { echo "run_capture: usage: run_capture OUT ERR RC -- cmd..." >&2; return 2; }
  shift 4
  LAST_CMD=$(printf '%q ' "$@")
  timeout -k 5 "$WSMQTT_RUN_TIMEOUT" "$@" >"$_rc_out" 2>"$_rc_err" </dev/null || _rc_status=$?
  LAST_OUT=$_rc_out LAST_ERR=$_rc_err LAST_RC=$_rc_status
  _case_files+=("$_rc_out" "$_rc_err")
  printf -v "$_rc_var" '%s' "$_rc_status"
}

run_pub() { # ARGS... — wsmqtt-pub with the outputs in the test's temp dir
  _run_seq=$((_run_seq + 1))
  local pub_rc # run_capture needs a variable; the assert_* helpers read LAST_RC
  run_capture "$TEST_TMP/run$_run_seq.stdout" "$TEST_TMP/run$_run_seq.stderr" pub_rc -- "$PUB" "$@"
}

# ------------------------------------------------------------------------------ assertions
assert_exit() { # N
  [ "$LAST_RC" = "$1" ] || _note_failure "exit status $LAST_RC, expected $1"
}

assert_stderr_contains() { # STRING (case-sensitive, literal)
  grep -qF -- "$1" "$LAST_ERR" || _note_failure "stderr lacks '$1'"
}

assert_stderr_contains_any() { # STRING... — at least one of them
  local s
  for s in "$@"; do grep -qF -- "$s" "$LAST_ERR" && return 0; done
  _note_failure "stderr has none of: $(printf "'%s' " "$@")"
}

assert_stderr_one_line() {
  local n
  n=$(awk 'END { print NR }' "$LAST_ERR")
  [ "$n" = 1 ] || _note_failure "stderr has $n lines, expected exactly 1"
}

assert_stderr_prefix() { # PROGRAM — the contract's "<program>: <stage>: ..." line
  head -n 1 "$LAST_ERR" | grep -q "^$1: [^:]*: " || _note_failure "stderr does not start with '$1: <stage>: '"
}

assert_stdout_empty() {
  [ ! -s "$LAST_OUT" ] || _note_failure "stdout not empty ($(wc -c <"$LAST_OUT") bytes)"
}

assert_file_bytes_equal() { # A B
  cmp -s -- "$1" "$2" || _note_failure "$(basename "$1") and $(basename "$2") differ"
}

assert_eq() { # WHAT EXPECTED ACTUAL
  [ "$2" = "$3" ] || _note_failure "$1: expected '$2', got '$3'"
}

assert_true() { # WHAT cmd... — the command must succeed
  local what=$1; shift
  "$@" >/dev/null 2>&1 || _note_failure "$what"
}

# One assertion for each row of the diagnostics table in notes/contracts.md.
assert_diagnosis() { # PROGRAM EXIT KEYWORD...
  local prog=$1 code=$2 k; shift 2
  assert_exit "$code"
  for k in "$@"; do assert_stderr_contains "$k"; done
  assert_stderr_one_line
  assert_stderr_prefix "$prog"
  assert_stdout_empty
}

# -------------------------------------------------------------------------------- helpers
unique_topic() { # NAME — under test/ so that broker B's ACL allows it too
  printf 'test/wsmqtt-it/%s/%s/%s-%s' "$TEST_NAME" "$1" "$$" "$RANDOM$RANDOM"
}

hex_of_file() { od -An -v -tx1 -- "$1" | tr -d ' \n'; }
hex_of_string() { printf '%s' "$1" | od -An -v -tx1 | tr -d ' \n'; }

# Subscriber handles are small integers; per handle: PID, output file, topic.
_sub_pid=()
_sub_out=()
_sub_topic=()
_sub_lines() { # H — lines of messages on TOPIC itself (the marker topic is TOPIC-ready)
  awk -v t="${_sub_topic[$1]}" '{ sp = index($0, " "); if (substr($0, 1, sp - 1) == t) print substr($0, sp + 1) }' "${_sub_out[$1]}"
}

wait_for_subscription() { # VAR TOPIC CONN_ARGS...
  local var=$1 topic=$2; shift 2
  local h=${#_sub_pid[@]} marker="$topic-ready" i
  _sub_out[h]="$TEST_TMP/sub$h.out"
  _sub_topic[h]=$topic
  : >"${_sub_out[h]}"
  # -W bounds the subscriber's life even if the test forgets sub_stop; %x keeps payloads exact.
  start_bg mosquitto_sub "$@" -q 1 -W "${WSMQTT_SUB_MAX_SECONDS:-120}" -F '%t %x' \
    -t "$topic" -t "$marker" >"${_sub_out[h]}" 2>"$TEST_TMP/sub$h.err"
  _sub_pid[h]=$BG_PID
  for ((i = 0; i < 200; i++)); do # up to ~10 s
    if grep -q "^$marker " "${_sub_out[h]}"; then
      printf -v "$var" '%s' "$h"
      return 0
    fi
    kill -0 "${_sub_pid[h]}" 2>/dev/null || break
    mosquitto_pub "$@" -q 0 -t "$marker" -m ready >/dev/null 2>&1 || true
    sleep 0.05 # poll interval of this bounded loop; readiness is the marker, not the time
  done
  echo "fail: $TEST_NAME: subscriber to '$topic' not ready; mosquitto_sub said: $(cat "$TEST_TMP/sub$h.err")" >&2
  exit 1
}

sub_wait_messages() { # H N [SECONDS] — returns 1 (without failing the case) on time-out
  local h=$1 n=$2 limit=${3:-10} i
  for ((i = 0; i < limit * 20; i++)); do
    [ "$(_sub_lines "$h" | wc -l)" -ge "$n" ] && return 0
    kill -0 "${_sub_pid[h]}" 2>/dev/null || break
    sleep 0.05 # poll interval
  done
  [ "$(_sub_lines "$h" | wc -l)" -ge "$n" ]
}

sub_message_hex() { # H I
  _sub_lines "$1" | sed -n "$2p"
}

sub_message_count() { # H
  _sub_lines "$1" | wc -l
}

sub_stop() { # H
  kill -TERM "${_sub_pid[$1]}" 2>/dev/null || true
  wait "${_sub_pid[$1]}" 2>/dev/null || true
}

# Publishes with wsmqtt-pub ARGS... (which must carry -t TOPIC -m PAYLOAD) while subscriber H
# listens, and asserts exit 0, nothing on stdout and stderr, and the payload received byte for byte.
assert_pub_delivers() { # H PAYLOAD ARGS...
  local h=$1 payload=$2; shift 2
  run_pub "$@"
  assert_exit 0
  assert_stdout_empty
  [ ! -s "$LAST_ERR" ] || _note_failure "stderr not empty"
  if [ "$LAST_RC" != 0 ]; then
    : # the failed publish is reported above; do not wait for a message that cannot come
  elif sub_wait_messages "$h" 1 10; then
    assert_eq "payload (hex)" "$(hex_of_string "$payload")" "$(sub_message_hex "$h" 1)"
    assert_eq "messages received" 1 "$(sub_message_count "$h")"
  else
    _note_failure "subscriber received nothing within 10 s"
  fi
  sub_stop "$h"
}

# Connection arguments for the peer tools against each broker.
A_TCP_ARGS=(-h "$WSMQTT_HOST" -p "$WSMQTT_A_TCP_PORT")
B_TCP_ARGS=(-h "$WSMQTT_HOST" -p "$WSMQTT_B_TCP_PORT" -u "$WSMQTT_B_USER" -P "$WSMQTT_B_PASSWORD")
AEDES_TCP_ARGS=(-h "$WSMQTT_HOST" -p "$WSMQTT_AEDES_TCP_PORT")

# A field of a JSON file (a --stats-format json summary), by a Python expression on `d`.
json_field() { # FILE PYTHON-EXPRESSION-ON-d
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"
}

# Starts a load-mode wsmqtt-sub (--stats or --stats-format) in the background (SUB_PID) and waits,
# bounded, for its "N client(s) subscribed" line in ERR, which the caller's 2> redirection fills.
start_load_sub() { # ERR ARGS...
  local err=$1
  shift
  start_bg "$SUB" "$@"
  SUB_PID=$BG_PID
  local i
  for i in $(seq 200); do
    grep -q 'subscribed' "$err" 2>/dev/null && return 0
    kill -0 "$SUB_PID" 2>/dev/null || return 1
    sleep 0.05 # poll interval of this bounded loop; readiness is the line, not the time
  done
  return 1
}

# Waits (bounded) for PID to exit; sets WAIT_RC to its status (124 when it had to be killed).
wait_exit() { # PID SECONDS
  local pid=$1 limit=$2 i
  for ((i = 0; i < limit * 20; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05 # poll interval
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    WAIT_RC=124
    return
  fi
  WAIT_RC=0
  wait "$pid" || WAIT_RC=$?
}
