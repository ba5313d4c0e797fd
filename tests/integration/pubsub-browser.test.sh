#!/usr/bin/env bash
# The seed's own scenario end to end (issue 9): the seed's page (MQTT.js from the npm package `mqtt`,
# served from 127.0.0.1) in Debian's headless Chromium driven by playwright-core, and wsmqtt-pub /
# wsmqtt-sub, all through mosquitto A's websocket listeners:
#   1 wsmqtt-pub -> page (screenshot: <build>/browser-artifacts/case1.png)   2 page -> wsmqtt-sub
#   3 UTF-8 (Japanese) and retained messages, both ways   4 Chromium SIGKILLed -> its will
#   5 wss:// with the test CA trusted in a fresh NSS database (and refused without it)
# The cases themselves are in tests/browser/run-cases.mjs; this script checks the prerequisites,
# runs it bounded in time, and turns its result lines into this test's cases.
# Topics: testtopic/<run id> and WillMsg/<run id>, so parallel runs never see each other's messages.
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$0")/lib.sh"
require_bin wsmqtt-pub wsmqtt-sub

BROWSER_DIR=$(cd "$(dirname "$0")/../browser" && pwd)
ARTIFACTS=${WSMQTT_BROWSER_ARTIFACTS:-$(cd "$WSMQTT_BIN_DIR/.." && pwd)/browser-artifacts}
mkdir -p "$ARTIFACTS"

missing=()
[ -x /usr/bin/chromium ] || missing+=("/usr/bin/chromium (Debian package chromium)")
command -v certutil >/dev/null || missing+=("certutil (Debian package libnss3-tools)")
command -v node >/dev/null || missing+=("node")
for p in mqtt playwright-core; do
  [ -f "$NPM_DIR/node_modules/$p/package.json" ] || missing+=("tests/npm/node_modules/$p")
done
if ((${#missing[@]})); then
  echo "fail: $TEST_NAME: missing ${missing[*]}; run scripts/install-deps" >&2
  exit 1
fi

# The driver has its own 90 s deadline; timeout(1) is the backstop if node itself hangs.
out=$TEST_TMP/driver.out
err=$ARTIFACTS/driver.log
rc=0
start_bg env WSMQTT_BROWSER_ARTIFACTS="$ARTIFACTS" WSMQTT_BROWSER_TMP="$TEST_TMP" \
  timeout -k 5 100 node "$BROWSER_DIR/run-cases.mjs" >"$out" 2>"$err"
wait "$BG_PID" || rc=$?

while IFS=$'\t' read -r tag name status ms reasons; do
  [ "$tag" = case ] || continue
  begin_case "$name (${ms} ms)"
  [ "$status" = pass ] || _note_failure "${reasons:-failed}"
  LAST_CMD="node tests/browser/run-cases.mjs (log: $err)"
  end_case
done <"$out"
if [ "$rc" != 0 ] && [ "$_failed" -eq 0 ]; then
  begin_case "driver"
  _note_failure "run-cases.mjs exited $rc"
  end_case
fi
if [ "$rc" != 0 ] || [ "$_failed" -ne 0 ]; then
  echo "  --- $err (last 30 lines):"
  tail -n 30 "$err" | sed 's/^/  | /'
fi
echo "$TEST_NAME: screenshots and the page's console in $ARTIFACTS"
finish
