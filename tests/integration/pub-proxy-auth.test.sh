#!/usr/bin/env bash
# wsmqtt-pub through an HTTP CONNECT proxy that requires Basic authentication, with the
# credentials in the proxy URL (as mosquitto_pub's --proxy takes them). Kept apart from
# pub-connect so the credentials-in-URL form can be judged on its own.
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$0")/lib.sh"
require_bin wsmqtt-pub

H=$WSMQTT_HOST
sub="" # set by wait_for_subscription
proxy="http://$WSMQTT_PROXY_USER:$WSMQTT_PROXY_PASSWORD@$H:$WSMQTT_PROXY_AUTH_PORT"

for v in 311 5; do
  for t in "ws://$H:$WSMQTT_A_WS_PORT/mqtt" "mqtt://$H:$WSMQTT_A_TCP_PORT"; do
    begin_case "${t%%:*} via authenticating proxy -V $v"
    topic=$(unique_topic "proxy-auth-${t%%:*}-$v")
    wait_for_subscription sub "$topic" "${A_TCP_ARGS[@]}"
    assert_pub_delivers "$sub" "through the proxy" -L "$t" --proxy "$proxy" -V "$v" -t "$topic" -m "through the proxy"
    end_case
  done
done

finish
