#!/usr/bin/env bash
# wsmqtt-pub connects over every transport (mqtt, mqtts, ws, wss), directly and through the HTTP
# CONNECT proxy, with mutual TLS, at MQTT 3.1.1 and 5, and publishes a message that a
# mosquitto_sub subscribed over TCP receives byte for byte. Registered when wsmqtt-pub exists.
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$0")/lib.sh"
require_bin wsmqtt-pub

H=$WSMQTT_HOST
CA=(--cafile "$WSMQTT_CA_FILE")
PROXY=(--proxy "$WSMQTT_PROXY_URL")

# One case: subscribe over TCP to the broker (SUB_ARGS_NAME names an array of mosquitto_sub
# connection arguments), publish with wsmqtt-pub -L URL EXTRA..., check the bytes.
pub_case() { # NAME SUB_ARGS_NAME URL EXTRA...
  local name=$1 args_name=$2 url=$3 topic payload sub; shift 3
  local -n sub_args=$args_name
  begin_case "$name"
  topic=$(unique_topic "${name//[^A-Za-z0-9]/_}")
  # Spaces, UTF-8 and punctuation: what a shell user would type, carried unchanged.
  payload="héllo wörld ✓ $name {\"n\": 1} 'q' \$x"
  wait_for_subscription sub "$topic" "${sub_args[@]}"
  assert_pub_delivers "$sub" "$payload" -L "$url" -t "$topic" -m "$payload" "$@"
  end_case
}

for v in 311 5; do
  # Direct, each transport.
  pub_case "mqtt -V $v"             A_TCP_ARGS "mqtt://$H:$WSMQTT_A_TCP_PORT" -V "$v" -q 1
  pub_case "mqtts localhost -V $v"  A_TCP_ARGS "mqtts://localhost:$WSMQTT_A_TLS_PORT" "${CA[@]}" -V "$v" -q 1
  pub_case "mqtts 127.0.0.1 -V $v"  A_TCP_ARGS "mqtts://$H:$WSMQTT_A_TLS_PORT" "${CA[@]}" -V "$v" -q 1
  pub_case "ws -V $v"               A_TCP_ARGS "ws://$H:$WSMQTT_A_WS_PORT/mqtt" -V "$v" -q 1
  pub_case "wss -V $v"              A_TCP_ARGS "wss://localhost:$WSMQTT_A_WSS_PORT/mqtt" "${CA[@]}" -V "$v" -q 1
  # Through the HTTP CONNECT proxy.
  pub_case "mqtt via proxy -V $v"   A_TCP_ARGS "mqtt://$H:$WSMQTT_A_TCP_PORT" "${PROXY[@]}" -V "$v" -q 1
  pub_case "mqtts via proxy -V $v"  A_TCP_ARGS "mqtts://localhost:$WSMQTT_A_TLS_PORT" "${CA[@]}" "${PROXY[@]}" -V "$v" -q 1
  pub_case "ws via proxy -V $v"     A_TCP_ARGS "ws://$H:$WSMQTT_A_WS_PORT/mqtt" "${PROXY[@]}" -V "$v" -q 1
  pub_case "wss via proxy -V $v"    A_TCP_ARGS "wss://localhost:$WSMQTT_A_WSS_PORT/mqtt" "${CA[@]}" "${PROXY[@]}" -V "$v" -q 1
  # Mutual TLS.
  pub_case "mqtts mutual TLS -V $v" A_TCP_ARGS "mqtts://localhost:$WSMQTT_A_MTLS_PORT" "${CA[@]}" \
    --cert "$WSMQTT_CLIENT_CERT" --key "$WSMQTT_CLIENT_KEY" -V "$v" -q 1
  # Every QoS, on the plain and the WebSocket transport.
  for q in 0 2; do
    pub_case "mqtt -q $q -V $v"     A_TCP_ARGS "mqtt://$H:$WSMQTT_A_TCP_PORT" -V "$v" -q "$q"
    pub_case "ws -q $q -V $v"       A_TCP_ARGS "ws://$H:$WSMQTT_A_WS_PORT/mqtt" -V "$v" -q "$q"
  done
  # User name and password (mosquitto B), over TCP and WebSocket.
  pub_case "mqtt -u/-P -V $v"       B_TCP_ARGS "mqtt://$H:$WSMQTT_B_TCP_PORT" \
    -u "$WSMQTT_B_USER" -P "$WSMQTT_B_PASSWORD" -V "$v" -q 1
  pub_case "ws -u/-P -V $v"         B_TCP_ARGS "ws://$H:$WSMQTT_B_WS_PORT/mqtt" \
    -u "$WSMQTT_B_USER" -P "$WSMQTT_B_PASSWORD" -V "$v" -q 1
done

# A second server implementation (aedes, MQTT 3.1.1 only; its CONNACK may arrive in pieces).
pub_case "aedes ws -V 311"   AEDES_TCP_ARGS "ws://$H:$WSMQTT_AEDES_WS_PORT/mqtt" -V 311 -q 1
pub_case "aedes wss -V 311"  AEDES_TCP_ARGS "wss://localhost:$WSMQTT_AEDES_WSS_PORT/mqtt" "${CA[@]}" -V 311 -q 1
pub_case "aedes mqtt -V 311" AEDES_TCP_ARGS "mqtt://$H:$WSMQTT_AEDES_TCP_PORT" -V 311 -q 1

finish
