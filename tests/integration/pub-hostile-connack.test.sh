#!/usr/bin/env bash
# wsmqtt-pub against a fake broker that misbehaves before or while sending CONNACK (issue 8,
# "Misbehaving peers"): each case expects no crash, no hang, the documented exit status and one
# stderr line naming what the broker did wrong. The broker is tests/fake_broker (wsmqtt-fake-broker).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/../fake_broker/fake_broker.sh"
require_bin wsmqtt-pub wsmqtt-fake-broker

# Exit 9: the broker answered CONNECT with something that is not a valid CONNACK.
for transport in tcp ws; do
  for scenario in connack-varint:"malformed variable byte integer" \
                  connack-garbage:"reserved flag bits" \
                  connack-short:"packet ends before a field" \
                  connack-long:"declared length does not match"; do
    name=${scenario%%:*} keyword=${scenario#*:}
    begin_case "$transport $name"
    start_fake_broker port --transport "$transport" --scenario "$name"
    run_client wsmqtt-pub -L "$(fake_url "$transport" "$port")" -t hostile/a -m x
    assert_hostile wsmqtt-pub 9 5000 "no CONNACK" "malformed packet" "$keyword"
  done
done

begin_case "v5 CONNACK with a property not allowed there"
start_fake_broker port --scenario connack-property
run_client wsmqtt-pub -V 5 -L "$(fake_url tcp "$port")" -t hostile/a -m x
assert_hostile wsmqtt-pub 9 5000 "no CONNACK" "property not allowed"

begin_case "ws CONNACK in a text frame"
start_fake_broker port --transport ws --scenario text-frame
run_client wsmqtt-pub -L "$(fake_url ws "$port")" -t hostile/a -m x
assert_hostile wsmqtt-pub 9 5000 "no CONNACK" "text frame"

# A broker that accepts TCP and never answers: the connect timeout ends it (exit 3).
begin_case "tcp silent broker: CONNACK wait ends at --connect-timeout"
start_fake_broker port --scenario silent
run_client wsmqtt-pub -L "$(fake_url tcp "$port")" -t hostile/a -m x --connect-timeout 1
assert_hostile wsmqtt-pub 3 3000 "CONNACK" "1 s"
[ "$LAST_MS" -ge 900 ] || _note_failure "gave up after $LAST_MS ms, before the 1 s timeout"

begin_case "ws silent broker: upgrade ends at --connect-timeout"
start_fake_broker port --transport ws --scenario silent
run_client wsmqtt-pub -L "$(fake_url ws "$port")" -t hostile/a -m x --connect-timeout 1
assert_hostile wsmqtt-pub 3 3000 "websocket upgrade" "timed out"
[ "$LAST_MS" -ge 900 ] || _note_failure "gave up after $LAST_MS ms, before the 1 s timeout"

# Slowloris: the 4 CONNACK bytes one every 0.6 s (~1.8 s in all). Within --connect-timeout 1
# they cannot all come: exit 3 at the timeout, not later. With 5 s they do: exit 0.
begin_case "tcp slowloris CONNACK slower than --connect-timeout"
start_fake_broker port --scenario slowloris --dribble-ms 600
run_client wsmqtt-pub -L "$(fake_url tcp "$port")" -t hostile/a -m x --connect-timeout 1
assert_hostile wsmqtt-pub 3 3000 "CONNACK"

begin_case "ws slowloris CONNACK within --connect-timeout"
start_fake_broker port --transport ws --scenario slowloris --dribble-ms 600
run_client wsmqtt-pub -L "$(fake_url ws "$port")" -t hostile/a -m x --connect-timeout 5 -q 1
assert_no_crash
assert_exit 0
assert_within 5000
assert_stdout_empty
[ ! -s "$LAST_ERR" ] || _note_failure "stderr not empty"
fake_log_has "PUBLISH topic=hostile/a qos=1"
fake_log_has "DISCONNECT"

# One packet over 1,000 one-byte WebSocket frames must decode: a v5 CONNACK padded to 1,000 bytes
# with a user property, as continuation frames of one message and as 1,000 messages.
for mode in frames messages; do
  begin_case "ws v5 CONNACK of 1000 bytes in 1000 one-byte $mode"
  extra=()
  [ "$mode" = messages ] && extra=(--one-message-per-frame)
  start_fake_broker port --transport ws --scenario fragmented --size 1000 "${extra[@]}"
  run_client wsmqtt-pub -V 5 -L "$(fake_url ws "$port")" -t hostile/a -m x -q 1
  assert_no_crash
  assert_exit 0
  assert_within 5000
  [ ! -s "$LAST_ERR" ] || _note_failure "stderr not empty"
  fake_log_has "CONNACK of 1000 bytes in pieces of 1"
  fake_log_has "DISCONNECT"
done

finish
