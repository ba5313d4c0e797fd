#!/usr/bin/env bash
# --report: a 3-second stamped run; the subscriber writes the JSON summary and the HTML report
# of the same run; tests/load-report/check-report.mjs opens the page in headless Chromium and
# compares it with the JSON (one chart point per second, figures equal), and saves a screenshot.
source "$(dirname "$0")/lib.sh"
require_bin wsmqtt-pub wsmqtt-sub

if ! command -v node >/dev/null || [ ! -x /usr/bin/chromium ] || [ ! -d "$NPM_DIR/node_modules/playwright-core" ]; then
  echo "fail: $TEST_NAME: node, /usr/bin/chromium and playwright-core (scripts/install-deps) are needed" >&2
  exit 1
fi
TCP="mqtt://$WSMQTT_HOST:$WSMQTT_A_TCP_PORT"
CHECK=$(cd "$(dirname "$0")/../load-report" && pwd)/check-report.mjs

begin_case "report of a 3 s run opens in Chromium and equals the JSON summary"
topic=$(unique_topic report)
sub_out=$TEST_TMP/summary.json
sub_err=$TEST_TMP/sub.err
report=$TEST_TMP/report.html
start_load_sub "$sub_err" -L "$TCP" -t "$topic" -q 1 --clients 2 --stats-format json --report "$report" -C 1200 -W 20 \
  >"$sub_out" 2>"$sub_err" || true
assert_true "subscriber ready" grep -q subscribed "$sub_err"
sub_pid=$SUB_PID
run_pub -L "$TCP" -t "$topic" -q 1 --clients 3 --count 200 --rate 240 --stamp --size 64
assert_exit 0
rc=0
wait "$sub_pid" || rc=$?
assert_eq "sub exit" 0 "$rc"
assert_true "report written" test -s "$report"
shot=${WSMQTT_LOAD_REPORT_SHOT:-$TEST_TMP/report.png}
run_capture "$TEST_TMP/check.out" "$TEST_TMP/check.err" check_rc -- node "$CHECK" "$report" "$sub_out" "$shot"
assert_exit 0
assert_true "screenshot saved" test -s "$shot"
end_case

finish
