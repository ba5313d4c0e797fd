#!/usr/bin/env bash
# wsmqtt-sub against a fake broker that sends something wrong after SUBACK (issue 8, "Misbehaving
# peers"), and the framing cases that must decode: one packet over 1,000 one-byte WebSocket frames,
# 100 packets in one frame. No crash, no hang, the documented exit status.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/../fake_broker/fake_broker.sh"
require_bin wsmqtt-sub wsmqtt-fake-broker

for transport in tcp ws; do
  for scenario in publish-varint:"malformed variable byte integer" \
                  topic-overrun:"runs past the end of the packet" \
                  unknown-type-0:"unknown or reserved packet type" \
                  unknown-type-15:"unknown or reserved packet type"; do
    name=${scenario%%:*} keyword=${scenario#*:}
    begin_case "$transport $name after SUBACK"
    start_fake_broker port --transport "$transport" --scenario "$name"
    run_client wsmqtt-sub -L "$(fake_url "$transport" "$port")" -t hostile/a --no-reconnect
    assert_hostile wsmqtt-sub 9 5000 "wsmqtt-sub: connection: " "malformed packet" "$keyword"
  done

  begin_case "$transport v5 PUBLISH with a property not allowed in PUBLISH"
  start_fake_broker port --transport "$transport" --scenario publish-property
  run_client wsmqtt-sub -V 5 -L "$(fake_url "$transport" "$port")" -t hostile/a --no-reconnect
  assert_hostile wsmqtt-sub 9 5000 "wsmqtt-sub: connection: " "property not allowed"

  begin_case "$transport close in the middle of a PUBLISH"
  start_fake_broker port --transport "$transport" --scenario close-mid-packet
  run_client wsmqtt-sub -L "$(fake_url "$transport" "$port")" -t hostile/a --no-reconnect
  assert_hostile wsmqtt-sub 9 5000 "wsmqtt-sub: connection: " "closed the connection"

  # The largest remaining length (268,435,455) announced, 1 MiB of it sent, then a close: the
  # client must neither wait for the rest nor choke on the announcement.
  begin_case "$transport PUBLISH announcing 256 MiB, closed after 1 MiB"
  start_fake_broker port --transport "$transport" --scenario huge-announced --size 1048576
  run_client wsmqtt-sub -L "$(fake_url "$transport" "$port")" -t hostile/a --no-reconnect
  assert_hostile wsmqtt-sub 9 5000 "wsmqtt-sub: connection: " "closed the connection"

  # Default reconnecting: a broker that keeps sending garbage is retried, and -W still bounds it.
  begin_case "$transport garbage after SUBACK, reconnecting by default, bounded by -W"
  start_fake_broker port --transport "$transport" --scenario unknown-type-0 --connections 5
  run_client wsmqtt-sub -L "$(fake_url "$transport" "$port")" -t hostile/a -W 2 --reconnect-delay 0.2
  assert_no_crash
  assert_exit 10
  assert_within 4000
  assert_stdout_empty
  assert_stderr_contains "reconnecting in"
  fake_log_has "2: SUBSCRIBE"
done

# 1,000 one-byte frames: v5 CONNACK and the PUBLISH are 1,000 bytes each, the SUBACK 6.
expected_payload=$(printf 'x%.0s' $(seq 985))
for mode in frames messages; do
  begin_case "ws CONNACK, SUBACK and a PUBLISH of 1000 bytes each in one-byte $mode"
  extra=()
  [ "$mode" = messages ] && extra=(--one-message-per-frame)
  start_fake_broker port --transport ws --scenario fragmented --size 1000 "${extra[@]}"
  run_client wsmqtt-sub -V 5 -L "$(fake_url ws "$port")" -t hostile/a -C 1
  assert_no_crash
  assert_exit 0
  assert_within 5000
  [ ! -s "$LAST_ERR" ] || _note_failure "stderr not empty"
  assert_eq "payload" "$expected_payload" "$(cat "$LAST_OUT")"
  fake_log_has "PUBLISH of 1000 bytes in pieces of 1"
  fake_log_has "DISCONNECT"
done

begin_case "tcp PUBLISH of 1000 bytes in 1000 one-byte writes"
start_fake_broker port --scenario fragmented --size 1000
run_client wsmqtt-sub -V 5 -L "$(fake_url tcp "$port")" -t hostile/a -C 1
assert_no_crash
assert_exit 0
assert_eq "payload" "$expected_payload" "$(cat "$LAST_OUT")"

# 100 PUBLISHes in one WebSocket frame (one TCP write): all 100, in order.
for transport in ws tcp; do
  begin_case "$transport 100 PUBLISHes in one frame"
  start_fake_broker port --transport "$transport" --scenario batched --count 100
  run_client wsmqtt-sub -L "$(fake_url "$transport" "$port")" -t hostile/a -C 100
  assert_no_crash
  assert_exit 0
  assert_within 5000
  [ ! -s "$LAST_ERR" ] || _note_failure "stderr not empty"
  assert_eq "messages 1..100 in order" "$(seq 100 | tr '\n' ' ')" "$(tr '\n' ' ' <"$LAST_OUT")"
  fake_log_has "DISCONNECT"
done

finish
