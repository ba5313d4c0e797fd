#!/usr/bin/env bash
# Security (issue 8): TLS verification is on unless --insecure, which warns (one stderr line,
# silenced by --quiet like every warning); the password never shows in -d output, in error lines,
# or in /proc/<pid>/cmdline (given by --pw-file, WSMQTT_PASSWORD, -P or the URL: -P and URL
# passwords are overwritten in argv once parsed); TLS 1.2 is the minimum even when the system's
# OpenSSL configuration allows less.
source "$(dirname "$0")/lib.sh"
require_bin wsmqtt-pub wsmqtt-sub

H=$WSMQTT_HOST
CA=(--cafile "$WSMQTT_CA_FILE")
B_WS="ws://$H:$WSMQTT_B_WS_PORT/mqtt"
SECRET=$WSMQTT_B_PASSWORD

assert_no_secret() { # FILE WHAT SECRET
  if grep -qF -- "$3" "$1"; then _note_failure "$2 shows the password"; fi
}

# ---- TLS verification
begin_case "verification is on by default: untrusted broker certificate is exit 4"
run_pub -L "mqtts://localhost:$WSMQTT_A_TLS_PORT" -t "$(unique_topic verify)" -m x
assert_exit 4
assert_stderr_contains "--cafile"
assert_stderr_one_line
end_case

begin_case "verification is on by default: wrong host name is exit 4"
run_pub -L "mqtts://localhost:$WSMQTT_A_WRONG_TLS_PORT" "${CA[@]}" -t "$(unique_topic name)" -m x
assert_exit 4
assert_stderr_contains "does not match"
end_case

begin_case "--insecure connects to an untrusted, wrongly named broker and warns once"
run_pub -L "mqtts://localhost:$WSMQTT_A_WRONG_TLS_PORT" --insecure -t "$(unique_topic insecure)" -m x
assert_exit 0
assert_stderr_one_line
assert_stderr_contains "wsmqtt-pub: warning: --insecure"
assert_stdout_empty
end_case

begin_case "--insecure warning on wsmqtt-sub too"
run_capture "$TEST_TMP/isub.out" "$TEST_TMP/isub.err" rc -- \
  "$SUB" -L "wss://localhost:$WSMQTT_A_WRONG_WSS_PORT/mqtt" --insecure -t "$(unique_topic isub)" -W 0.5
assert_exit 10
assert_stderr_contains "wsmqtt-sub: warning: --insecure"
end_case

begin_case "--quiet silences the --insecure warning"
run_pub -L "mqtts://localhost:$WSMQTT_A_WRONG_TLS_PORT" --insecure --quiet -t "$(unique_topic quiet)" -m x
assert_exit 0
[ ! -s "$LAST_ERR" ] || _note_failure "stderr not empty with --quiet"
end_case

# ---- the password
begin_case "-d with --pw-file: connects, password absent from the debug lines"
printf '%s\n' "$SECRET" >"$TEST_TMP/pw"
run_pub -d -L "$B_WS" -u "$WSMQTT_B_USER" --pw-file "$TEST_TMP/pw" -t "$(unique_topic pwfile)" -m x -q 1
assert_exit 0
grep -q "debug" "$LAST_ERR" || _note_failure "no debug lines"
assert_no_secret "$LAST_ERR" "-d output" "$SECRET"
end_case

begin_case "a refused password is not in the error line (nor in -d output)"
run_pub -d -L "$B_WS" -u "$WSMQTT_B_USER" -P "wrong-pw-7f3a9" -t "$(unique_topic refused)" -m x
assert_exit 6
assert_stderr_contains "connection refused by broker"
assert_no_secret "$LAST_ERR" "stderr" "wrong-pw-7f3a9"
end_case

begin_case "a password in the -L URL stays out of -d output and errors"
run_pub -d -L "ws://$WSMQTT_B_USER:url-pw-55e1@$H:$WSMQTT_B_WS_PORT/mqtt" -t "$(unique_topic urlpw)" -m x
assert_exit 6
assert_no_secret "$LAST_ERR" "stderr" "url-pw-55e1"
end_case

# A running wsmqtt-sub -d: its /proc/PID/cmdline and its stderr, then one message to end it.
# sub_with_password NAME ENV... -- ARGS...
sub_with_password() {
  local name=$1 envs=()
  shift
  while [ "$1" != "--" ]; do envs+=("$1"); shift; done
  shift
  begin_case "$name"
  local topic out err pid i cmdline
  topic=$(unique_topic "sub$RANDOM")
  out="$TEST_TMP/psub$RANDOM.out"
  err="$out.err"
  start_bg env "${envs[@]}" timeout 30 "$SUB" -d -L "$B_WS" -u "$WSMQTT_B_USER" -t "$topic" -C 1 -q 1 "$@" \
    >"$out" 2>"$err"
  pid=$BG_PID
  # Connected (-d says so): argv was scrubbed before the connection started.
  for ((i = 0; i < 200; i++)); do
    grep -q "debug: connected: " "$err" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05 # poll interval
  done
  # `env` execs `timeout`, whose one child is wsmqtt-sub.
  local sub_pid
  sub_pid=$(pgrep -P "$pid" | head -n 1 || true)
  if [ -n "$sub_pid" ] && [ -r "/proc/$sub_pid/cmdline" ]; then
    cmdline=$(tr '\0' ' ' <"/proc/$sub_pid/cmdline")
    case "$cmdline" in
      *wsmqtt-sub*) [[ $cmdline != *"$SECRET"* ]] || _note_failure "/proc/$sub_pid/cmdline shows the password: $cmdline" ;;
      *) _note_failure "pid $sub_pid is not wsmqtt-sub: $cmdline" ;;
    esac
  else
    _note_failure "wsmqtt-sub is not running (stderr: $(head -c 300 "$err"))"
  fi
  # -C 1 ends it at the first message; the SUBSCRIBE may still be on its way, so publish until then.
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    mosquitto_pub -h "$H" -p "$WSMQTT_B_TCP_PORT" -u "$WSMQTT_B_USER" -P "$SECRET" -q 1 -t "$topic" -m done \
      >/dev/null 2>&1 || true
    sleep 0.1 # poll interval
  done
  wait "$pid" 2>/dev/null || true
  grep -q "^done$" "$out" || _note_failure "the message did not arrive (stderr: $(head -c 300 "$err"))"
  assert_no_secret "$err" "-d output" "$SECRET"
  end_case
}

printf '%s\n' "$SECRET" >"$TEST_TMP/pw"
sub_with_password "wsmqtt-sub -d with WSMQTT_PASSWORD: not in cmdline nor stderr" "WSMQTT_PASSWORD=$SECRET" --
sub_with_password "wsmqtt-sub -d with --pw-file: not in cmdline nor stderr" "X=1" -- --pw-file "$TEST_TMP/pw"
sub_with_password "wsmqtt-sub -d with -P: scrubbed from cmdline, not in stderr" "X=1" -- -P "$SECRET"

# ---- TLS 1.2 minimum: a server that speaks only TLS 1.1, under an OpenSSL configuration that
# would allow TLS 1.0 and 1.1 (so only our own floor can refuse it).
begin_case "TLS 1.1-only server is refused (exit 4) even when openssl.cnf allows TLS 1.0"
cat >"$TEST_TMP/openssl.cnf" <<'EOF'
openssl_conf = default_conf
[default_conf]
ssl_conf = ssl_sect
[ssl_sect]
system_default = system_default_sect
[system_default_sect]
MinProtocol = TLSv1
CipherString = DEFAULT@SECLEVEL=0
EOF
# s_server ends after its first connection when its stdin is at EOF, so each check below gets
# a server of its own.
start_tls11_server() {
  local out=$1 i candidate
  port=""
  for ((i = 0; i < 50; i++)); do
    candidate=$((20000 + RANDOM % 12000))
    if ! ss -ltnH "sport = :$candidate" 2>/dev/null | grep -q .; then port=$candidate; break; fi
  done
  start_bg env OPENSSL_CONF="$TEST_TMP/openssl.cnf" timeout 60 openssl s_server -accept "$H:$port" \
    -cert "$WSMQTT_SERVER_CERT" -key "$WSMQTT_SERVER_KEY" -tls1_1 -naccept 1 >"$out" 2>&1
  for ((i = 0; i < 100; i++)); do
    grep -q "ACCEPT" "$out" && return 0
    sleep 0.05 # poll interval
  done
  _note_failure "openssl s_server -tls1_1 did not start: $(head -c 300 "$out")"
  return 1
}
if start_tls11_server "$TEST_TMP/s_server.out"; then
  run_capture "$TEST_TMP/t11.out" "$TEST_TMP/t11.err" rc -- env OPENSSL_CONF="$TEST_TMP/openssl.cnf" \
    "$PUB" -L "mqtts://localhost:$port" "${CA[@]}" -t t -m x --connect-timeout 10
  assert_exit 4
  assert_stderr_contains "tls handshake"
  assert_stderr_one_line
fi
# Control: the server really does TLS 1.1 under this configuration.
if start_tls11_server "$TEST_TMP/s_server2.out"; then
  control=$(echo | OPENSSL_CONF="$TEST_TMP/openssl.cnf" timeout 10 openssl s_client -connect "$H:$port" -tls1_1 \
    -CAfile "$WSMQTT_CA_FILE" 2>&1 | grep -c "Protocol *: TLSv1.1" || true)
  [ "$control" -ge 1 ] || _note_failure "control: openssl s_client -tls1_1 could not connect"
fi
end_case

finish
