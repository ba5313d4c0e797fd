#!/usr/bin/env bash
# Options files and WSMQTT_URL (issue 6), driving the built binaries against broker A:
# the default file in $XDG_CONFIG_HOME/wsmqtt/{pub,sub} is read, the command line wins,
# --options-file and --no-options-file choose, a broken line is exit 2 naming file and line.
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$0")/lib.sh"
require_bin wsmqtt-pub wsmqtt-sub

H=$WSMQTT_HOST
export XDG_CONFIG_HOME="$TEST_TMP/config"
mkdir -p "$XDG_CONFIG_HOME/wsmqtt"
unset WSMQTT_URL

begin_case "pub: the default options file names the broker (with a comment and a quoted value)"
topic=$(unique_topic default)
wait_for_subscription s1 "$topic" -h "$H" -p "$WSMQTT_A_TCP_PORT"
cat >"$XDG_CONFIG_HOME/wsmqtt/pub" <<CONF
# broker A over WebSocket
-L ws://$H:$WSMQTT_A_WS_PORT/mqtt

-q 1
--ws-header 'X-Test: options file'
CONF
run_pub -t "$topic" -m from-file
assert_exit 0
sub_wait_messages "$s1" 1 10 || _note_failure "the message did not arrive"
assert_eq "payload" "$(hex_of_string from-file)" "$(sub_message_hex "$s1" 1)"
sub_stop "$s1"

begin_case "pub: the command line wins over the file"
run_pub -L "ws://$H:$WSMQTT_CLOSED_PORT/mqtt" -t "$(unique_topic x)" -m x
assert_exit 3
assert_stderr_contains "connection refused"

begin_case "pub: a broken line is exit 2 naming the file and the line"
printf '%s\n' "-L ws://$H:$WSMQTT_A_WS_PORT/mqtt" "--no-such-flag 1" >"$XDG_CONFIG_HOME/wsmqtt/pub"
run_pub -t "$(unique_topic broken)" -m x
assert_exit 2
assert_stderr_contains "$XDG_CONFIG_HOME/wsmqtt/pub:2:"
assert_stderr_prefix wsmqtt-pub
printf '%s\n' "localhost" >"$XDG_CONFIG_HOME/wsmqtt/pub"
run_pub -t "$(unique_topic broken)" -m x
assert_exit 2
assert_stderr_contains "$XDG_CONFIG_HOME/wsmqtt/pub:1:"
assert_stderr_contains "not an option"

begin_case "pub: --no-options-file skips the broken default; --options-file reads another"
run_pub --no-options-file -L "mqtt://$H:$WSMQTT_A_TCP_PORT" -t "$(unique_topic skip)" -m x
assert_exit 0
printf '%s\n' "-L mqtt://$H:$WSMQTT_A_TCP_PORT" >"$TEST_TMP/other"
run_pub --options-file "$TEST_TMP/other" -t "$(unique_topic other)" -m x
assert_exit 0
run_pub --options-file "$TEST_TMP/missing" -t "$(unique_topic other)" -m x
assert_exit 2
assert_stderr_contains "no such file"

begin_case "sub: reads its own file (sub), not pub's"
topic=$(unique_topic subfile)
printf '%s\n' "-L mqtt://$H:$WSMQTT_A_TCP_PORT" "-C 1" "-W 10" >"$XDG_CONFIG_HOME/wsmqtt/sub"
run_capture "$TEST_TMP/e.out" "$TEST_TMP/e.err" rc -- "$SUB" -t "$topic" -E
assert_exit 0
run_capture "$TEST_TMP/r.out" "$TEST_TMP/r.err" rc -- "$SUB" -t "$topic" -W 1
assert_exit 10  # -C 1 from the file, nothing published: -W 1 from the command line wins over -W 10

begin_case "WSMQTT_URL is the default broker; -L wins over it"
rm -f "$XDG_CONFIG_HOME/wsmqtt/pub" "$XDG_CONFIG_HOME/wsmqtt/sub"
WSMQTT_URL="mqtt://$H:$WSMQTT_A_TCP_PORT" run_pub -t "$(unique_topic env)" -m x
assert_exit 0
WSMQTT_URL="mqtt://$H:$WSMQTT_A_TCP_PORT" run_pub -L "mqtt://$H:$WSMQTT_CLOSED_PORT" -t "$(unique_topic env)" -m x
assert_exit 3
WSMQTT_URL="localhost:1883" run_pub -t "$(unique_topic env)" -m x
assert_exit 2
assert_stderr_contains "WSMQTT_URL"

finish
