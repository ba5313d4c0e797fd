# shellcheck shell=bash disable=SC2034 # variables here are used by the sourcing tests
# Sourced after tests/integration/lib.sh by the *-hostile-*.test.sh tests: starts
# wsmqtt-fake-broker (built beside the clients) and checks how a client survives it.
#
#   start_fake_broker VAR ARGS...  starts `wsmqtt-fake-broker ARGS...` in the background, waits for
#                                  the port it prints (its first stdout line) and puts it in VAR;
#                                  FAKE_LOG is its event log (stderr), FAKE_PID its PID
#   fake_url TRANSPORT PORT        mqtt://127.0.0.1:PORT or ws://127.0.0.1:PORT/mqtt
#   run_client PROGRAM ARGS...     run_capture of $WSMQTT_BIN_DIR/PROGRAM; LAST_MS = wall time in ms
#   assert_no_crash                exit < 128, not killed by the run timeout, no sanitizer report
#   assert_within MS               the last run took at most MS milliseconds
#   assert_hostile PROGRAM EXIT MAX_MS KEYWORD...
#                                  all of the above plus one stderr line "PROGRAM: stage: ..."
#                                  holding every KEYWORD, and nothing on stdout
#   fake_log_has TEXT              the broker's log holds TEXT (waits up to 3 s for it)
FAKE_BROKER=${WSMQTT_BIN_DIR:-}/wsmqtt-fake-broker
_fake_seq=0

start_fake_broker() { # VAR ARGS...
  local _fb_var=$1 _fb_i _fb_port=""
  shift
  [ -x "$FAKE_BROKER" ] || { echo "fail: $TEST_NAME: $FAKE_BROKER not found (build target wsmqtt-fake-broker)" >&2; exit 1; }
  _fake_seq=$((_fake_seq + 1))
  local _fb_out="$TEST_TMP/fake$_fake_seq.port"
  FAKE_LOG="$TEST_TMP/fake$_fake_seq.log"
  : >"$_fb_out"
  start_bg "$FAKE_BROKER" --lifetime 60 "$@" >"$_fb_out" 2>"$FAKE_LOG"
  FAKE_PID=$BG_PID
  for ((_fb_i = 0; _fb_i < 500; _fb_i++)); do # up to ~5 s; readiness is the printed port, not the time
    _fb_port=$(head -n 1 "$_fb_out")
    [ -n "$_fb_port" ] && break
    kill -0 "$FAKE_PID" 2>/dev/null || break
    sleep 0.01
  done
  if [ -z "$_fb_port" ]; then
    echo "fail: $TEST_NAME: wsmqtt-fake-broker $* printed no port; it said: $(cat "$FAKE_LOG")" >&2
    exit 1
  fi
  printf -v "$_fb_var" "%s" "$_fb_port"
}

fake_url() { # TRANSPORT PORT
  if [ "$1" = ws ]; then printf 'ws://127.0.0.1:%s/mqtt' "$2"; else printf 'mqtt://127.0.0.1:%s' "$2"; fi
}

LAST_MS=0
run_client() { # PROGRAM ARGS...
  local prog=$1 start end
  shift
  _run_seq=$((_run_seq + 1))
  start=$(date +%s%N)
  local client_rc
  run_capture "$TEST_TMP/run$_run_seq.stdout" "$TEST_TMP/run$_run_seq.stderr" client_rc -- \
    "$WSMQTT_BIN_DIR/$prog" "$@"
  end=$(date +%s%N)
  LAST_MS=$(((end - start) / 1000000))
  _case_files+=("$FAKE_LOG")
}

assert_no_crash() {
  if [ "$LAST_RC" -ge 128 ]; then _note_failure "crashed or killed (exit $LAST_RC)"; fi
  if [ "$LAST_RC" = 124 ]; then _note_failure "hung: killed by the ${WSMQTT_RUN_TIMEOUT} s run timeout"; fi
  if grep -qE 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:' "$LAST_ERR"; then
    _note_failure "sanitizer report on stderr"
  fi
}

assert_within() { # MS
  [ "$LAST_MS" -le "$1" ] || _note_failure "took $LAST_MS ms, more than $1 ms"
}

assert_hostile() { # PROGRAM EXIT MAX_MS KEYWORD...
  local prog=$1 code=$2 max=$3 k
  shift 3
  assert_no_crash
  assert_exit "$code"
  assert_within "$max"
  assert_stderr_one_line
  assert_stderr_prefix "$prog"
  for k in "$@"; do assert_stderr_contains "$k"; done
  assert_stdout_empty
}

fake_log_has() { # TEXT
  local i
  for ((i = 0; i < 300; i++)); do # up to ~3 s: the broker logs after the client is gone
    grep -qF -- "$1" "$FAKE_LOG" && return 0
    sleep 0.01
  done
  _note_failure "fake broker log lacks '$1'"
}
