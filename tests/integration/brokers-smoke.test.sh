#!/usr/bin/env bash
# The servers started by scripts/test-brokers, checked with the peer tools (mosquitto_pub/sub,
# openssl s_client, curl, a small node WebSocket client), so that a failing wsmqtt test can be
# trusted to be about wsmqtt and not about the test servers.
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$0")/lib.sh"

H=$WSMQTT_HOST
PROBE=(node "$NPM_DIR/ws-mqtt-probe.mjs")
printf 'bin\000ary\377payload\nwith newline' >"$TEST_TMP/binary.payload"
binary_hex=$(hex_of_file "$TEST_TMP/binary.payload")

# Publishes the binary payload with `mosquitto_pub PUB_ARGS...` to a fresh topic on mosquitto A
# and checks a TCP subscriber gets it byte for byte.
check_roundtrip_a() { # NAME PUB_ARGS...
  local name=$1 topic sub rc; shift
  topic=$(unique_topic "$name")
  wait_for_subscription sub "$topic" "${A_TCP_ARGS[@]}"
  run_capture "$TEST_TMP/$name.out" "$TEST_TMP/$name.err" rc -- \
    mosquitto_pub "$@" -q 1 -t "$topic" -f "$TEST_TMP/binary.payload"
  assert_exit 0
  if sub_wait_messages "$sub" 1 10; then
    assert_eq "payload" "$binary_hex" "$(sub_message_hex "$sub" 1)"
  else
    _note_failure "nothing received"
  fi
  sub_stop "$sub"
}

# ---------------------------------------------------------------------------- mosquitto A
begin_case "A tcp: publish/subscribe byte for byte"
check_roundtrip_a tcp "${A_TCP_ARGS[@]}"

begin_case "A tls: localhost with --cafile"
check_roundtrip_a tls-name -h localhost -p "$WSMQTT_A_TLS_PORT" --cafile "$WSMQTT_CA_FILE"

begin_case "A tls: 127.0.0.1 (IP SAN) with --cafile"
check_roundtrip_a tls-ip -h 127.0.0.1 -p "$WSMQTT_A_TLS_PORT" --cafile "$WSMQTT_CA_FILE"

begin_case "A tls: openssl verifies localhost and 127.0.0.1"
run_capture "$TEST_TMP/s1.out" "$TEST_TMP/s1.err" rc -- openssl s_client -connect "$H:$WSMQTT_A_TLS_PORT" \
  -servername localhost -CAfile "$WSMQTT_CA_FILE" -verify_hostname localhost -verify_return_error
assert_exit 0
assert_true "verify of localhost not ok" grep -q 'Verify return code: 0 (ok)' "$TEST_TMP/s1.out"
run_capture "$TEST_TMP/s2.out" "$TEST_TMP/s2.err" rc -- openssl s_client -connect "$H:$WSMQTT_A_TLS_PORT" \
  -CAfile "$WSMQTT_CA_FILE" -verify_ip 127.0.0.1 -verify_return_error
assert_exit 0

begin_case "A tls: refused without the test CA"
run_capture "$TEST_TMP/notrust.out" "$TEST_TMP/notrust.err" rc -- \
  mosquitto_pub -h localhost -p "$WSMQTT_A_TLS_PORT" --capath /etc/ssl/certs -t "$(unique_topic notrust)" -m x
[ "$rc" != 0 ] || _note_failure "mosquitto_pub succeeded against an untrusted certificate"

begin_case "A mutual TLS: accepted with the client certificate"
check_roundtrip_a mtls -h localhost -p "$WSMQTT_A_MTLS_PORT" --cafile "$WSMQTT_CA_FILE" \
  --cert "$WSMQTT_CLIENT_CERT" --key "$WSMQTT_CLIENT_KEY"

begin_case "A mutual TLS: refused without a client certificate"
run_capture "$TEST_TMP/mtls-no.out" "$TEST_TMP/mtls-no.err" rc -- \
  mosquitto_pub -h localhost -p "$WSMQTT_A_MTLS_PORT" --cafile "$WSMQTT_CA_FILE" -t "$(unique_topic mtlsno)" -m x
[ "$rc" != 0 ] || _note_failure "mosquitto_pub succeeded without a client certificate"

for kind in TLS WSS; do
  port_var=WSMQTT_A_WRONG_${kind}_PORT
  begin_case "A wrong-name ${kind,,}: presents $WSMQTT_WRONG_NAME only, fails host-name check"
  run_capture "$TEST_TMP/w.out" "$TEST_TMP/w.err" rc -- openssl s_client -connect "$H:${!port_var}" \
    -servername localhost -CAfile "$WSMQTT_CA_FILE" -verify_hostname localhost -verify_return_error
  [ "$rc" != 0 ] || _note_failure "s_client accepted the wrong name"
  assert_true "no 'hostname mismatch' from s_client" grep -q 'hostname mismatch' "$TEST_TMP/w.out" "$TEST_TMP/w.err"
  openssl s_client -connect "$H:${!port_var}" </dev/null 2>/dev/null |
    openssl x509 -noout -subject -ext subjectAltName >"$TEST_TMP/w.cert" 2>&1 || true
  assert_true "certificate is not CN=$WSMQTT_WRONG_NAME" grep -q "CN = $WSMQTT_WRONG_NAME" "$TEST_TMP/w.cert"
  assert_true "certificate SAN is not DNS:$WSMQTT_WRONG_NAME" grep -q "DNS:$WSMQTT_WRONG_NAME" "$TEST_TMP/w.cert"
  assert_true "certificate names localhost" bash -c "! grep -q localhost '$TEST_TMP/w.cert'"
done

check_ws_publish() { # NAME SUB_ARGS_NAME PROBE_ARGS... — probe publishes, a TCP subscriber receives
  local name=$1 args_name=$2 topic sub rc; shift 2
  local -n sub_args=$args_name
  topic=$(unique_topic "$name")
  wait_for_subscription sub "$topic" "${sub_args[@]}"
  run_capture "$TEST_TMP/$name.out" "$TEST_TMP/$name.err" rc -- "${PROBE[@]}" "$@" --topic "$topic" --message "ws payload ✓"
  assert_exit 0
  assert_true "sub-protocol mqtt not agreed" grep -qx 'connack 0 protocol mqtt' "$TEST_TMP/$name.out"
  if sub_wait_messages "$sub" 1 10; then
    assert_eq "payload" "$(hex_of_string "ws payload ✓")" "$(sub_message_hex "$sub" 1)"
  else
    _note_failure "nothing received"
  fi
  sub_stop "$sub"
}

begin_case "A ws: MQTT over WebSocket, sub-protocol mqtt"
check_ws_publish a-ws A_TCP_ARGS --url "ws://$H:$WSMQTT_A_WS_PORT/mqtt"

begin_case "A wss: MQTT over secure WebSocket with the test CA"
check_ws_publish a-wss A_TCP_ARGS --url "wss://localhost:$WSMQTT_A_WSS_PORT/mqtt" --ca "$WSMQTT_CA_FILE"

begin_case "A ws port: MQTT bytes get an HTTP answer"
printf '\x10\x0c\x00\x04MQTT\x04\x02\x00\x3c\x00\x00' >"$TEST_TMP/connect.bin"
raw_exchange() { # PORT — sends the CONNECT bytes raw, prints the first line of the answer
  # shellcheck disable=SC2016 # expanded by the inner bash
  timeout 5 bash -c 'exec 3<>"/dev/tcp/$1/$2"; cat "$3" >&3; head -n 1 <&3' _ "$H" "$1" "$TEST_TMP/connect.bin"
}
answer=$(raw_exchange "$WSMQTT_A_WS_PORT" || true)
[[ "$answer" == HTTP/* ]] || _note_failure "answer was '$answer'"

# ---------------------------------------------------------------------------- mosquitto B
begin_case "B: anonymous connect refused (3.1.1: 5)"
run_capture "$TEST_TMP/b1.out" "$TEST_TMP/b1.err" rc -- \
  mosquitto_sub -h "$H" -p "$WSMQTT_B_TCP_PORT" -t "$(unique_topic anon)" -E
assert_exit 5

begin_case "B: wrong password refused (3.1.1: 5, MQTT 5: 0x87)"
run_capture "$TEST_TMP/b2.out" "$TEST_TMP/b2.err" rc -- mosquitto_sub -h "$H" -p "$WSMQTT_B_TCP_PORT" \
  -u "$WSMQTT_B_USER" -P wrong -t "$(unique_topic wrong)" -E
assert_exit 5
run_capture "$TEST_TMP/b3.out" "$TEST_TMP/b3.err" rc -- mosquitto_sub -V 5 -h "$H" -p "$WSMQTT_B_TCP_PORT" \
  -u "$WSMQTT_B_USER" -P wrong -t "$(unique_topic wrong5)" -E
assert_exit 135

begin_case "B: user/password publish/subscribe under ${WSMQTT_B_RW_PREFIX}"
topic=$(unique_topic b-auth)
wait_for_subscription sub "$topic" "${B_TCP_ARGS[@]}"
run_capture "$TEST_TMP/b4.out" "$TEST_TMP/b4.err" rc -- mosquitto_pub "${B_TCP_ARGS[@]}" -t "$topic" -m authorised
assert_exit 0
sub_wait_messages "$sub" 1 10 || _note_failure "nothing received"
assert_eq "payload" "$(hex_of_string authorised)" "$(sub_message_hex "$sub" 1)"
sub_stop "$sub"

begin_case "B: ACL: MQTT 5 QoS 1 publish under ${WSMQTT_B_READONLY_PREFIX} gets PUBACK 0x87"
run_capture "$TEST_TMP/b5.out" "$TEST_TMP/b5.err" rc -- mosquitto_pub -d -V 5 -q 1 "${B_TCP_ARGS[@]}" \
  -t "${WSMQTT_B_READONLY_PREFIX}smoke" -m denied
assert_true "no PUBACK with reason 135" grep -q 'received PUBACK (Mid: 1, RC:135)' "$TEST_TMP/b5.out"

begin_case "B ws: connect needs the password"
run_capture "$TEST_TMP/b6.out" "$TEST_TMP/b6.err" rc -- "${PROBE[@]}" --url "ws://$H:$WSMQTT_B_WS_PORT/mqtt"
assert_exit 2
assert_true "CONNACK 5 expected" grep -qx 'connack 5 protocol mqtt' "$TEST_TMP/b6.out"
check_ws_publish b-ws B_TCP_ARGS --url "ws://$H:$WSMQTT_B_WS_PORT/mqtt" \
  --user "$WSMQTT_B_USER" --pass "$WSMQTT_B_PASSWORD"

# ---------------------------------------------------------------------------------- aedes
begin_case "aedes tcp: publish/subscribe byte for byte"
topic=$(unique_topic aedes-tcp)
wait_for_subscription sub "$topic" "${AEDES_TCP_ARGS[@]}"
run_capture "$TEST_TMP/ae1.out" "$TEST_TMP/ae1.err" rc -- \
  mosquitto_pub "${AEDES_TCP_ARGS[@]}" -q 1 -t "$topic" -f "$TEST_TMP/binary.payload"
assert_exit 0
sub_wait_messages "$sub" 1 10 || _note_failure "nothing received"
assert_eq "payload" "$binary_hex" "$(sub_message_hex "$sub" 1)"
sub_stop "$sub"

begin_case "aedes tcp: refuses MQTT 5"
run_capture "$TEST_TMP/ae2.out" "$TEST_TMP/ae2.err" rc -- mosquitto_sub -V 5 "${AEDES_TCP_ARGS[@]}" -t x -E
[ "$rc" != 0 ] || _note_failure "MQTT 5 CONNECT accepted"

begin_case "aedes: SUBACK 0x80 under ${WSMQTT_AEDES_DENIED_PREFIX}"
run_capture "$TEST_TMP/ae3.out" "$TEST_TMP/ae3.err" rc -- \
  mosquitto_sub -d "${AEDES_TCP_ARGS[@]}" -t "${WSMQTT_AEDES_DENIED_PREFIX}x" -E
assert_true "no SUBACK 128" grep -q 'Subscribed (mid: 1): 128' "$TEST_TMP/ae3.out"

begin_case "aedes ws: /mqtt upgraded with sub-protocol mqtt"
check_ws_publish aedes-ws AEDES_TCP_ARGS --url "ws://$H:$WSMQTT_AEDES_WS_PORT/mqtt"

begin_case "aedes wss: /mqtt with the test CA"
check_ws_publish aedes-wss AEDES_TCP_ARGS --url "wss://localhost:$WSMQTT_AEDES_WSS_PORT/mqtt" --ca "$WSMQTT_CA_FILE"

begin_case "aedes ws: other paths get HTTP 404"
run_capture "$TEST_TMP/ae4.out" "$TEST_TMP/ae4.err" rc -- "${PROBE[@]}" --url "ws://$H:$WSMQTT_AEDES_WS_PORT/wrong"
assert_exit 1
assert_stderr_contains "upgrade refused: HTTP 404"

begin_case "aedes no-sub-protocol port: upgrade without Sec-WebSocket-Protocol"
run_capture "$TEST_TMP/ae5.out" "$TEST_TMP/ae5.err" rc -- "${PROBE[@]}" --url "ws://$H:$WSMQTT_AEDES_NOPROTO_PORT/mqtt"
assert_exit 1
assert_stderr_contains "Server sent no subprotocol"

begin_case "aedes HTTP port: MQTT bytes get HTTP 400"
answer=$(raw_exchange "$WSMQTT_AEDES_HTTP_PORT" || true)
[[ "$answer" == "HTTP/1.1 400"* ]] || _note_failure "answer was '$answer'"

# ---------------------------------------------------------------------------------- proxy
begin_case "proxy: CONNECT tunnel carries MQTT to A tcp"
# Speaks HTTP CONNECT to the proxy by hand, then MQTT through the tunnel: prints the proxy's
# status line and, if it said 200, the hex of the first 4 bytes the broker answers (a CONNACK).
tunnel_inner() { # HOST PROXY_PORT TARGET_PORT EXTRA_HEADER_LINE CONNECT_FILE
  local cr=$'\r' status line
  exec 3<>"/dev/tcp/$1/$2"
  printf 'CONNECT %s:%s HTTP/1.1\r\nHost: %s:%s\r\n%s\r\n' "$1" "$3" "$1" "$3" "$4" >&3
  IFS= read -r status <&3
  echo "${status%"$cr"}"
  while IFS= read -r line <&3 && [ -n "${line%"$cr"}" ]; do :; done
  case "$status" in *" 200 "*) cat "$5" >&3; head -c 4 <&3 | od -An -tx1 | tr -d ' \n'; echo ;; esac
}
export -f tunnel_inner
tunnel() { # PROXY_PORT TARGET_PORT EXTRA_HEADER_LINE
  timeout 5 bash -c 'tunnel_inner "$@"' _ "$H" "$1" "$2" "$3" "$TEST_TMP/connect.bin"
}
out=$(tunnel "$WSMQTT_PROXY_PORT" "$WSMQTT_A_TCP_PORT" "" || true)
assert_eq "tunnel" $'HTTP/1.0 200 Connection established\n20020000' "$out"

begin_case "proxy with BasicAuth: 407 without credentials, tunnel with them"
out=$(tunnel "$WSMQTT_PROXY_AUTH_PORT" "$WSMQTT_A_TCP_PORT" "" || true)
[[ "$out" == "HTTP/1.0 407"* ]] || _note_failure "without credentials: '$out'"
cred=$(printf '%s:%s' "$WSMQTT_PROXY_USER" "$WSMQTT_PROXY_PASSWORD" | base64)
out=$(tunnel "$WSMQTT_PROXY_AUTH_PORT" "$WSMQTT_A_TCP_PORT" "Proxy-Authorization: Basic $cred"$'\r\n' || true)
assert_eq "tunnel" $'HTTP/1.0 200 Connection established\n20020000' "$out"

if command -v curl >/dev/null; then
  begin_case "proxy: curl --proxytunnel to aedes HTTP and wss"
  run_capture "$TEST_TMP/c1.out" "$TEST_TMP/c1.err" rc -- curl -sS --max-time 5 -p -x "$WSMQTT_PROXY_URL" \
    "http://$H:$WSMQTT_AEDES_HTTP_PORT/"
  assert_exit 0
  assert_true "no aedes banner" grep -q 'wsmqtt test broker' "$TEST_TMP/c1.out"
  run_capture "$TEST_TMP/c2.out" "$TEST_TMP/c2.err" rc -- curl -sS --max-time 5 -p -x "$WSMQTT_PROXY_URL" \
    --cacert "$WSMQTT_CA_FILE" "https://localhost:$WSMQTT_AEDES_WSS_PORT/"
  assert_exit 0
else
  echo "skip: $TEST_NAME: curl not installed; proxy checked with bash only"
fi

# ------------------------------------------------------------------------- failure targets
begin_case "closed port refuses, black hole does not answer, .invalid does not resolve"
run_capture "$TEST_TMP/f1.out" "$TEST_TMP/f1.err" rc -- bash -c "exec 3<>/dev/tcp/$H/$WSMQTT_CLOSED_PORT"
assert_exit 1
assert_stderr_contains "Connection refused"
start=$SECONDS
run_capture "$TEST_TMP/f2.out" "$TEST_TMP/f2.err" rc -- timeout 2 bash -c "exec 3<>/dev/tcp/$H/$WSMQTT_BLACKHOLE_PORT"
assert_exit 124
[ $((SECONDS - start)) -le 4 ] || _note_failure "black hole probe took $((SECONDS - start)) s"
run_capture "$TEST_TMP/f3.out" "$TEST_TMP/f3.err" rc -- getent hosts "$WSMQTT_UNRESOLVABLE_HOST"
[ "$rc" != 0 ] || _note_failure "$WSMQTT_UNRESOLVABLE_HOST resolved"

finish
