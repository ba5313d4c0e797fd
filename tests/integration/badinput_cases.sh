# shellcheck shell=bash
# Sourced by pub-badinput.test.sh and sub-badinput.test.sh (after lib.sh): the bad input both
# binaries take the same way. Every case must be a usage error (exit 2) whose one stderr line is
# "<program>: usage: ..." naming the flag and the problem, before any connection: the broker is
# 127.0.0.1 on a port where nothing listens, so a connection attempt would end in exit 3 instead.

CP=$WSMQTT_CLOSED_PORT
H=127.0.0.1

# expect_usage PROGRAM NAME KEYWORD... -- ARGS...: runs PROGRAM ARGS, asserts exit 2, one line,
# the usage prefix, every KEYWORD, nothing on stdout.
expect_usage() {
  local prog=$1 name=$2 keywords=()
  shift 2
  while [ "$1" != "--" ]; do keywords+=("$1"); shift; done
  shift
  begin_case "$name"
  _run_seq=$((_run_seq + 1))
  local rc
  run_capture "$TEST_TMP/run$_run_seq.stdout" "$TEST_TMP/run$_run_seq.stderr" rc -- \
    "$WSMQTT_BIN_DIR/$prog" "$@"
  assert_exit 2
  assert_stderr_one_line
  head -n 1 "$LAST_ERR" | grep -q "^$prog: usage: " || _note_failure "stderr does not start with '$prog: usage: '"
  local k
  for k in "${keywords[@]}"; do assert_stderr_contains "$k"; done
  assert_stdout_empty
  end_case
}

# URL KEYWORD pairs: at least 30 invalid -L values. Each line is "URL<TAB>KEYWORD"; printf %b
# turns \xNN into the raw byte (control characters, invalid UTF-8).
BAD_URLS=(
  "$H:$CP/mqtt	no scheme"
  "$H	no scheme"
  "ws:$H	no scheme"
  "ws:/$H	needs '//'"
  "wss//$H	no scheme"
  "ws://	no host"
  "wss://	no host"
  "mqtt://	no host"
  "ws:///mqtt	no host"
  "ws://:$CP/mqtt	no host"
  "ws://user@:$CP/	no host"
  "	is empty"
  "ws://$H:99999/mqtt	port '99999'"
  "ws://$H:65536/mqtt	port '65536'"
  "ws://$H:0/mqtt	port '0'"
  "ws://$H:-1/mqtt	port '-1'"
  "ws://$H:abc/mqtt	port 'abc'"
  "ws://$H:+80/mqtt	port '+80'"
  "ws://$H:0x50/mqtt	port '0x50'"
  "ws://$H:123456789012345/	port"
  "ws://$H:/mqtt	empty port"
  "http://$H:$CP/	unsupported scheme"
  "https://$H:$CP/	unsupported scheme"
  "tcp://$H:$CP	unsupported scheme"
  "ftp://$H:$CP/	unsupported scheme"
  "ws://::1:$CP/mqtt	brackets"
  "ws://$H:$CP:$CP/	brackets"
  "ws://[::1:$CP/mqtt	unbalanced brackets"
  "ws://::1]:$CP/	brackets"
  "ws://[not-ipv6]:$CP/	invalid IPv6"
  "ws://[::1]x:$CP/	after ']'"
  "ws://[]:$CP/	no host"
  " ws://$H:$CP/	space"
  "ws://$H :$CP/	invalid character"
  "ws://127.0. 0.1:$CP/	space"
  "ws://$H:$CP/mq tt	path"
  "ws://h\\x01st:$CP/	invalid character"
  "ws://$H:$CP/mq\\x7ftt	path"
  "ws://$H:$CP/\\x1b[31m	path"
  "ws://h\\tst:$CP/	invalid character"
  "ws://h\\xffst:$CP/	invalid character"
  "ws://h\\xc3\\xa9st:$CP/	invalid character"
  "ws://%zz:$CP/	invalid character"
  "ws://$H:$CP/%zz	two hex digits"
  "ws://$H:$CP/mqtt%	two hex digits"
  "ws://$H:$CP#frag	fragment"
  "mqtt://$H:$CP?x=1	'?'"
  "ws://a..b:$CP/	empty label"
  "ws://.a:$CP/	empty label"
  "ws://$(printf 'x%.0s' {1..64}).example:$CP/	longer than 63"
)

# url_cases PROGRAM ARGS...: every BAD_URLS entry with ARGS (what else the program needs).
url_cases() {
  local prog=$1 entry url keyword
  shift
  for entry in "${BAD_URLS[@]}"; do
    url=$(printf '%b' "${entry%%	*}")
    keyword=${entry#*	}
    expect_usage "$prog" "-L $(printf '%q' "$url")" "-L/--url" "$keyword" -- -L "$url" "$@"
  done
}

# Cases both binaries share beyond the URL: keepalive, QoS, files, TLS material, -D.
# common_cases PROGRAM ARGS... (ARGS: a topic and whatever the program needs besides).
common_cases() {
  local prog=$1
  shift
  local L=(-L "mqtt://$H:$CP")
  local T=(-L "mqtts://$H:$CP")
  expect_usage "$prog" "QoS 3" "-q/--qos" "'3'" -- "${L[@]}" "$@" -q 3
  expect_usage "$prog" "QoS -1" "-q/--qos" -- "${L[@]}" "$@" -q -1
  expect_usage "$prog" "QoS x" "-q/--qos" -- "${L[@]}" "$@" -q x
  expect_usage "$prog" "negative keepalive" "-k/--keepalive" -- "${L[@]}" "$@" -k -1
  expect_usage "$prog" "keepalive 65536" "-k/--keepalive" -- "${L[@]}" "$@" -k 65536
  expect_usage "$prog" "huge keepalive" "-k/--keepalive" -- "${L[@]}" "$@" -k 99999999999999999999
  expect_usage "$prog" "keepalive 3 (below mosquitto's 5)" "-k/--keepalive" -- "${L[@]}" "$@" -k 3
  expect_usage "$prog" "keepalive not a number" "-k/--keepalive" -- "${L[@]}" "$@" -k 1e3x
  expect_usage "$prog" "protocol version 4" "-V/--protocol-version" -- "${L[@]}" "$@" -V 4
  expect_usage "$prog" "--connect-timeout 0" "--connect-timeout" -- "${L[@]}" "$@" --connect-timeout 0

  # Files that cannot be read: missing, a directory, unreadable (only when not root: root reads all).
  expect_usage "$prog" "--cafile missing" "--cafile" "no such file" -- "${T[@]}" "$@" --cafile "$TEST_TMP/missing.pem"
  expect_usage "$prog" "--cafile a directory" "--cafile" -- "${T[@]}" "$@" --cafile "$TEST_TMP"
  expect_usage "$prog" "--cert missing" "--cert" "no such file" -- "${T[@]}" "$@" \
    --cert "$TEST_TMP/missing.pem" --key "$WSMQTT_CLIENT_KEY"
  expect_usage "$prog" "--key missing" "--key" "no such file" -- "${T[@]}" "$@" \
    --cert "$WSMQTT_CLIENT_CERT" --key "$TEST_TMP/missing.key"
  printf 'not a certificate\n' >"$TEST_TMP/garbage.pem"
  expect_usage "$prog" "--cafile not PEM" "--cafile" -- "${T[@]}" "$@" --cafile "$TEST_TMP/garbage.pem"
  expect_usage "$prog" "--cert not PEM" "--cert" -- "${T[@]}" "$@" --cafile "$WSMQTT_CA_FILE" \
    --cert "$TEST_TMP/garbage.pem" --key "$WSMQTT_CLIENT_KEY"
  if [ "$(id -u)" != 0 ]; then
    cp "$WSMQTT_CA_FILE" "$TEST_TMP/unreadable.pem"
    chmod 000 "$TEST_TMP/unreadable.pem"
    expect_usage "$prog" "--cafile unreadable" "--cafile" -- "${T[@]}" "$@" --cafile "$TEST_TMP/unreadable.pem"
  fi

  # TLS material that only fails when loaded: exit 2 as well (the context is built before connecting).
  expect_usage "$prog" "key of another certificate" "--key" "does not belong to --cert" -- "${T[@]}" "$@" \
    --cafile "$WSMQTT_CA_FILE" --cert "$WSMQTT_CLIENT_CERT" --key "$WSMQTT_SERVER_KEY"
  if [ ! -f "$TEST_TMP/encrypted.key" ]; then
    openssl pkey -in "$WSMQTT_CLIENT_KEY" -aes256 -passout pass:right-password -out "$TEST_TMP/encrypted.key" 2>/dev/null
  fi
  expect_usage "$prog" "wrong --key-password" "--key" "--key-password" -- "${T[@]}" "$@" \
    --cafile "$WSMQTT_CA_FILE" --cert "$WSMQTT_CLIENT_CERT" --key "$TEST_TMP/encrypted.key" --key-password wrong
  # Without --key-password an encrypted key must fail, never prompt on a terminal and hang.
  expect_usage "$prog" "encrypted key without --key-password" "--key" -- "${T[@]}" "$@" \
    --cafile "$WSMQTT_CA_FILE" --cert "$WSMQTT_CLIENT_CERT" --key "$TEST_TMP/encrypted.key"
  expect_usage "$prog" "--tls-version tlsv1.1" "--tls-version" -- "${T[@]}" "$@" --tls-version tlsv1.1
  expect_usage "$prog" "TLS flag on a plain broker" "--cafile" "mqtts://" -- "${L[@]}" "$@" --cafile "$WSMQTT_CA_FILE"

  # -D properties (mosquitto's form), in the MQTT 5 the flag implies.
  expect_usage "$prog" "-D unknown command" "-D" "unknown command" -- "${L[@]}" -V 5 "$@" -D bogus content-type x
  expect_usage "$prog" "-D unknown property" "-D" "unknown property" -- "${L[@]}" -V 5 "$@" -D connect no-such-thing 1
  expect_usage "$prog" "-D too few words" "--property" -- "${L[@]}" -V 5 "$@" -D connect
  expect_usage "$prog" "-D user-property without a value" "-D connect user-property" "NAME and a VALUE" -- \
    "${L[@]}" -V 5 "$@" -D connect user-property k
  expect_usage "$prog" "-D number out of range" "-D connect receive-maximum" "1 to 65535" -- \
    "${L[@]}" -V 5 "$@" -D connect receive-maximum 0
  expect_usage "$prog" "-D not a number" "-D connect session-expiry-interval" "invalid value" -- \
    "${L[@]}" -V 5 "$@" -D connect session-expiry-interval soon
  expect_usage "$prog" "-D property not allowed in the packet" "-D connect topic-alias" "not allowed in connect" -- \
    "${L[@]}" -V 5 "$@" -D connect topic-alias 1
  expect_usage "$prog" "-D invalid UTF-8 value" "-D connect user-property" "UTF-8" -- \
    "${L[@]}" -V 5 "$@" -D connect user-property k "$(printf 'v\xff')"
  expect_usage "$prog" "-D control characters shown as '?'" "-D/--property" "'a?b'" -- \
    "${L[@]}" -V 5 "$@" -D "$(printf 'a\nb')" content-type x
  expect_usage "$prog" "-D refused command" "-D" "not supported" -- "${L[@]}" -V 5 "$@" -D auth authentication-method x
}

# topic_cases PROGRAM FLAG ARGS...: topics that are invalid for any use.
topic_cases() {
  local prog=$1 flag=$2
  shift 2
  local L=(-L "mqtt://$H:$CP")
  expect_usage "$prog" "$flag invalid UTF-8 (0xFF)" "$flag" "UTF-8" -- "${L[@]}" "$@" "$flag" "$(printf 'a/\xff')"
  expect_usage "$prog" "$flag overlong UTF-8 (C0 80)" "$flag" "UTF-8" -- "${L[@]}" "$@" "$flag" "$(printf 'a/\xc0\x80')"
  expect_usage "$prog" "$flag UTF-16 surrogate" "$flag" "UTF-8" -- "${L[@]}" "$@" "$flag" "$(printf 'a/\xed\xa0\x80')"
  expect_usage "$prog" "$flag truncated UTF-8" "$flag" "UTF-8" -- "${L[@]}" "$@" "$flag" "$(printf 'a/\xe2\x82')"
  expect_usage "$prog" "$flag empty" "$flag" -- "${L[@]}" "$@" "$flag" ""
  local long
  long=$(head -c 65536 /dev/zero | tr '\0' 'a')
  expect_usage "$prog" "$flag of 65,536 bytes" "$flag" "65535" -- "${L[@]}" "$@" "$flag" "$long"
}
