#!/usr/bin/env bash
# Every row of the beginner-mistake table in notes/contracts.md, provoked against a real server:
# the exit status, the keywords, exactly one stderr line "wsmqtt-pub: <stage>: ...", nothing on
# stdout. Registered when wsmqtt-pub exists.
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$0")/lib.sh"
require_bin wsmqtt-pub

H=$WSMQTT_HOST
CA=(--cafile "$WSMQTT_CA_FILE")
P=wsmqtt-pub
topic=$(unique_topic diag)

diag() { # NAME EXIT KEYWORDS_ARRAY_NAME -- PUB_ARGS...
  local name=$1 code=$2 kw_name=$3; shift 4
  local -n kws=$kw_name
  begin_case "$name"
  run_pub "$@" -t "$topic" -m diagnosis
  assert_diagnosis "$P" "$code" "${kws[@]}"
  end_case
}

# ---- usage (2)
k=("no scheme" "ws://localhost:8083/mqtt")
diag "URL without a scheme" 2 k -- -L localhost:8083/mqtt
k=("unsupported scheme")
diag "unknown scheme" 2 k -- -L http://h/

# ---- network (3)
k=("connection refused")
diag "TCP connection refused (mqtt)" 3 k -- -L "mqtt://$H:$WSMQTT_CLOSED_PORT"
diag "TCP connection refused (ws)" 3 k -- -L "ws://$H:$WSMQTT_CLOSED_PORT/mqtt"
k=("cannot resolve")
diag "name resolution failure (mqtt)" 3 k -- -L "mqtt://$WSMQTT_UNRESOLVABLE_HOST:1883"
diag "name resolution failure (wss)" 3 k -- -L "wss://$WSMQTT_UNRESOLVABLE_HOST/mqtt"

begin_case "connect timeout (--connect-timeout 1 to a port that never answers)"
started=$SECONDS
run_pub -L "mqtt://$H:$WSMQTT_BLACKHOLE_PORT" --connect-timeout 1 -t "$topic" -m diagnosis
assert_diagnosis "$P" 3 "timed out"
[ $((SECONDS - started)) -le 5 ] || _note_failure "took $((SECONDS - started)) s for a 1 s timeout"
end_case

# ---- wrong transport for the port
k=("wss://")
diag "ws:// to a TLS port (mqtts listener)" 5 k -- -L "ws://$H:$WSMQTT_A_TLS_PORT/mqtt"
diag "ws:// to a TLS port (wss listener)" 5 k -- -L "ws://$H:$WSMQTT_A_WSS_PORT/mqtt"
k=("mqtt://")
diag "ws:// to a plain MQTT port" 5 k -- -L "ws://$H:$WSMQTT_A_TCP_PORT/mqtt"
k=("ws://$H:$WSMQTT_AEDES_HTTP_PORT/mqtt")
diag "mqtt:// to an HTTP/WebSocket port (aedes)" 9 k -- -L "mqtt://$H:$WSMQTT_AEDES_HTTP_PORT"
k=("ws://$H:$WSMQTT_A_WS_PORT/mqtt")
diag "mqtt:// to a WebSocket port (mosquitto)" 9 k -- -L "mqtt://$H:$WSMQTT_A_WS_PORT"
k=("mqtt://")
diag "mqtts:// to a plain port" 4 k -- -L "mqtts://$H:$WSMQTT_A_TCP_PORT" "${CA[@]}"
k=("ws://")
diag "wss:// to a plain port" 4 k -- -L "wss://$H:$WSMQTT_A_WS_PORT/mqtt" "${CA[@]}"

# ---- WebSocket upgrade (5)
k=("HTTP 404" "/wrong/path" "/mqtt")
diag "upgrade refused with HTTP 404 (ws)" 5 k -- -L "ws://$H:$WSMQTT_AEDES_WS_PORT/wrong/path"
diag "upgrade refused with HTTP 404 (wss)" 5 k -- -L "wss://localhost:$WSMQTT_AEDES_WSS_PORT/wrong/path" "${CA[@]}"
k=("sub-protocol")
diag "sub-protocol not agreed" 5 k -- -L "ws://$H:$WSMQTT_AEDES_NOPROTO_PORT/mqtt"

# ---- TLS (4)
k=("does not match" "$H" "$WSMQTT_WRONG_NAME")
diag "certificate does not match the host (mqtts, IP)" 4 k -- -L "mqtts://$H:$WSMQTT_A_WRONG_TLS_PORT" "${CA[@]}"
k=("does not match" "localhost" "$WSMQTT_WRONG_NAME")
diag "certificate does not match the host (mqtts, name)" 4 k -- -L "mqtts://localhost:$WSMQTT_A_WRONG_TLS_PORT" "${CA[@]}"
diag "certificate does not match the host (wss, name)" 4 k -- -L "wss://localhost:$WSMQTT_A_WRONG_WSS_PORT/mqtt" "${CA[@]}"

# mosquitto's listeners send the CA with the leaf (OpenSSL builds the chain from the listener's
# cafile), so OpenSSL says "self-signed certificate in certificate chain"; aedes (node) sends the
# leaf only: "unable to get local issuer certificate". Either is the verify error of the contract.
untrusted() { # NAME URL
  begin_case "$1"
  run_pub -L "$2" -t "$topic" -m diagnosis
  assert_diagnosis "$P" 4 "--cafile"
  assert_stderr_contains_any "self-signed certificate in certificate chain" "unable to get local issuer certificate"
  end_case
}
untrusted "untrusted certificate (mqtts)" "mqtts://localhost:$WSMQTT_A_TLS_PORT"
untrusted "untrusted certificate (wss)" "wss://localhost:$WSMQTT_A_WSS_PORT/mqtt"
untrusted "untrusted certificate (wss, leaf only)" "wss://localhost:$WSMQTT_AEDES_WSS_PORT/mqtt"

# ---- CONNACK refusal (6). mosquitto 2.0.11 answers a wrong or missing password with 5 (3.1.1)
# and 0x87 "not authorized" (5), never 0x86.
k=("connection refused by broker" "(5) not authorized")
diag "CONNACK refusal, wrong password, -V 311 (mqtt)" 6 k -- -L "mqtt://$H:$WSMQTT_B_TCP_PORT" \
  -u "$WSMQTT_B_USER" -P wrong -V 311
diag "CONNACK refusal, no password, -V 311 (ws)" 6 k -- -L "ws://$H:$WSMQTT_B_WS_PORT/mqtt" -V 311
k=("connection refused by broker" "(0x87) not authorized")
diag "CONNACK refusal, wrong password, -V 5 (mqtt)" 6 k -- -L "mqtt://$H:$WSMQTT_B_TCP_PORT" \
  -u "$WSMQTT_B_USER" -P wrong -V 5
diag "CONNACK refusal, wrong password, -V 5 (ws)" 6 k -- -L "ws://$H:$WSMQTT_B_WS_PORT/mqtt" \
  -u "$WSMQTT_B_USER" -P wrong -V 5

# ---- publish rejected (7): not in the table, but its exit status and the one-line rule are.
begin_case "PUBACK 0x87 for a QoS 1 publish the ACL forbids (-V 5)"
run_pub -L "mqtt://$H:$WSMQTT_B_TCP_PORT" -u "$WSMQTT_B_USER" -P "$WSMQTT_B_PASSWORD" -V 5 -q 1 \
  -t "${WSMQTT_B_READONLY_PREFIX}diag" -m rejected
assert_diagnosis "$P" 7 "0x87"
end_case

finish
