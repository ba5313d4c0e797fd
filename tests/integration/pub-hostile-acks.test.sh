#!/usr/bin/env bash
# wsmqtt-pub against a fake broker that misbehaves after CONNACK, where a PUBACK is due (issue 8,
# "Misbehaving peers"): garbage instead of the PUBACK, a PUBACK for an id never sent, no PUBACK
# at all, a close in the middle of a packet. No crash, no hang, the documented exit status.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/../fake_broker/fake_broker.sh"
require_bin wsmqtt-pub wsmqtt-fake-broker

# Garbage where the PUBACK should be: the connection is dropped (exit 9 with --no-reconnect).
for transport in tcp ws; do
  for scenario in publish-varint:"malformed variable byte integer" \
                  unknown-type-0:"unknown or reserved packet type" \
                  unknown-type-15:"unknown or reserved packet type" \
                  topic-overrun:"runs past the end of the packet"; do
    name=${scenario%%:*} keyword=${scenario#*:}
    begin_case "$transport $name instead of PUBACK"
    start_fake_broker port --transport "$transport" --scenario "$name"
    run_client wsmqtt-pub -L "$(fake_url "$transport" "$port")" -t hostile/a -m x -q 1 --no-reconnect
    assert_hostile wsmqtt-pub 9 5000 "connection: " "malformed packet" "$keyword"
  done
done

begin_case "ws close frame in the middle of a packet"
start_fake_broker port --transport ws --scenario close-mid-packet
run_client wsmqtt-pub -L "$(fake_url ws "$port")" -t hostile/a -m x -q 1 --no-reconnect
assert_hostile wsmqtt-pub 9 5000 "connection: " "closed the connection"
fake_log_has "closed mid-packet"

# A PUBACK for an id never sent is ignored with a warning (as mosquitto does; see
# core/session/session_publish.cpp): the real PUBACK then completes the publish.
for transport in tcp ws; do
  begin_case "$transport PUBACK for an id never sent"
  start_fake_broker port --transport "$transport" --scenario puback-unknown-id
  run_client wsmqtt-pub -L "$(fake_url "$transport" "$port")" -t hostile/a -m x -q 1 --no-reconnect
  assert_no_crash
  assert_exit 0
  assert_within 5000
  assert_stderr_one_line
  assert_stderr_contains "wsmqtt-pub: warning: broker sent PUBACK for packet id 1001 that is not in flight"
  assert_stdout_empty
  fake_log_has "DISCONNECT"
done

# PINGRESP comes, the PUBACK never does: --ack-timeout ends it with exit 10.
for transport in tcp ws; do
  begin_case "$transport no PUBACK: --ack-timeout 1"
  start_fake_broker port --transport "$transport" --scenario no-puback
  run_client wsmqtt-pub -L "$(fake_url "$transport" "$port")" -t hostile/a -m x -q 1 -k 5 --ack-timeout 1
  assert_hostile wsmqtt-pub 10 3000 "wsmqtt-pub: acknowledgement: no PUBACK for packet id 1 within 1 s"
  [ "$LAST_MS" -ge 900 ] || _note_failure "gave up after $LAST_MS ms, before the 1 s ack timeout"
done

begin_case "tcp QoS 2, no PUBREC: --ack-timeout 1"
start_fake_broker port --scenario no-puback
run_client wsmqtt-pub -L "$(fake_url tcp "$port")" -t hostile/a -m x -q 2 --ack-timeout 1
assert_hostile wsmqtt-pub 10 3000 "no PUBREC for packet id 1 within 1 s"

finish
