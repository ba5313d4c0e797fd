#!/usr/bin/env bash
# wsmqtt-sub --merge-stats over the summaries of real runs: two subscriber processes on their
# own topics, each fed by its own publishers through the broker, merge into counts that are the
# sums, with one latency histogram of every sample; publisher summaries merge too; merged
# summaries merge again; and every kind of bad input is exit 2, one stderr line, empty stdout.
source "$(dirname "$0")/lib.sh"
require_bin wsmqtt-pub wsmqtt-sub

TCP="mqtt://$WSMQTT_HOST:$WSMQTT_A_TCP_PORT"
WS="ws://$WSMQTT_HOST:$WSMQTT_A_WS_PORT/mqtt"

run_sub() { # ARGS... — wsmqtt-sub in the foreground, outputs in the test's temp dir
  _run_seq=$((_run_seq + 1))
  local sub_rc
  run_capture "$TEST_TMP/run$_run_seq.stdout" "$TEST_TMP/run$_run_seq.stderr" sub_rc -- "$SUB" "$@"
}

s1=$TEST_TMP/s1.json
s2=$TEST_TMP/s2.json
p1=$TEST_TMP/p1.json
p2=$TEST_TMP/p2.json

begin_case "two runs (3x50 stamped QoS 1 over ws into 2 clients; 2x40 QoS 0 over tcp into 1): merged = sums"
t1=$(unique_topic one)
t2=$(unique_topic two)
start_load_sub "$TEST_TMP/s1.err" -L "$TCP" -t "$t1/#" -q 1 --clients 2 --stats-format json -C 300 -W 20 \
  >"$s1" 2>"$TEST_TMP/s1.err" || true
sub1=$SUB_PID
start_load_sub "$TEST_TMP/s2.err" -L "$WS" -t "$t2/#" --stats-format json -C 80 -W 20 \
  >"$s2" 2>"$TEST_TMP/s2.err" || true
sub2=$SUB_PID
assert_true "subscriber 1 ready" grep -q subscribed "$TEST_TMP/s1.err"
assert_true "subscriber 2 ready" grep -q subscribed "$TEST_TMP/s2.err"
run_pub -L "$WS" -t "$t1/{client}" -q 1 --clients 3 --count 50 --stamp -m 'm {client} {seq}' --stats-format json
assert_exit 0
cp "$LAST_OUT" "$p1"
run_pub -L "$TCP" -t "$t2/{client}" --clients 2 --count 40 --size 64 --stamp --stats-format json
assert_exit 0
cp "$LAST_OUT" "$p2"
wait_exit "$sub1" 30
assert_eq "sub 1 exit" 0 "$WAIT_RC"
wait_exit "$sub2" 30
assert_eq "sub 2 exit" 0 "$WAIT_RC"
assert_eq "sub 1 received" 300 "$(json_field "$s1" 'd["messages"]')"
assert_eq "sub 2 received" 80 "$(json_field "$s2" 'd["messages"]')"

run_sub --merge-stats "$s1" "$s2" --stats-format json
assert_exit 0
[ ! -s "$LAST_ERR" ] || _note_failure "stderr not empty"
m=$TEST_TMP/merged.json
cp "$LAST_OUT" "$m"
assert_eq "merged_from" 2 "$(json_field "$m" 'd["merged_from"]')"
assert_eq "tool" wsmqtt-sub "$(json_field "$m" 'd["tool"]')"
assert_eq "transport (ws and mqtt)" mixed "$(json_field "$m" 'd["transport"]')"
assert_eq "qos (highest)" 1 "$(json_field "$m" 'd["qos"]')"
assert_eq "messages" 380 "$(json_field "$m" 'd["messages"]')"
assert_eq "clients" 3 "$(json_field "$m" 'd["clients"]')"
# Every field the merge sums, checked against the two inputs (python does the adding).
sums=$(python3 - "$s1" "$s2" "$m" <<'EOF'
import json, sys
a, b, m = (json.load(open(f)) for f in sys.argv[1:4])
bad = []
def same(what, x, y):
    if x != y: bad.append("%s: %r != %r" % (what, x, y))
for k in ("messages", "bytes", "clients", "connected", "connect_failures"):
    same(k, m[k], a[k] + b[k])
for k in ("received", "unique", "lost", "duplicates", "reordered", "unstamped"):
    same("sequence." + k, m["sequence"][k], a["sequence"][k] + b["sequence"][k])
for k in ("rss_before_kib", "rss_connected_kib", "connections"):
    same("memory." + k, m["memory"][k], a["memory"][k] + b["memory"][k])
same("duration_s", m["duration_s"], max(a["duration_s"], b["duration_s"]))
same("publishers", len(m["sequence"]["publishers"]), len(a["sequence"]["publishers"]) + len(b["sequence"]["publishers"]))
for h in ("latency", "connect_latency"):
    same(h + ".count", m[h]["count"], a[h]["count"] + b[h]["count"])
    same(h + ".min", m[h]["min"], min(a[h]["min"], b[h]["min"]))
    same(h + ".max", m[h]["max"], max(a[h]["max"], b[h]["max"]))
    buckets = {}
    for x in (a, b):
        for i, c in x[h]["histogram"]["buckets"]:
            buckets[i] = buckets.get(i, 0) + c
    same(h + ".buckets", m[h]["histogram"]["buckets"], sorted([i, c] for i, c in buckets.items()))
tl = [0] * max(len(a["timeline"]), len(b["timeline"]))
for x in (a, b):
    for i, s in enumerate(x["timeline"]):
        tl[i] += s["messages"]
same("timeline", [s["messages"] for s in m["timeline"]], tl)
same("rate", round(m["messages_per_s"], 6), round(m["messages"] / m["duration_s"], 6))
print("; ".join(bad) if bad else "ok")
EOF
)
assert_eq "merged figures" ok "$sums"
assert_eq "lost" 0 "$(json_field "$m" 'd["sequence"]["lost"]')"
assert_eq "latency samples" 380 "$(json_field "$m" 'd["latency"]["count"]')"
end_case

begin_case "text by default, --report on the merge, merged summaries merge again, stdin"
run_sub --merge-stats "$s1" "$s2" --report "$TEST_TMP/merged.html"
assert_exit 0
assert_true "text names the merge" grep -q '^merged from 2 summaries' "$LAST_OUT"
assert_true "text has the total" grep -q '^received: 380 messages' "$LAST_OUT"
assert_true "report written" grep -q '"merged_from":2' "$TEST_TMP/merged.html"
run_capture "$TEST_TMP/again.out" "$TEST_TMP/again.err" rc -- \
  sh -c 'cat "$1" | "$2" --merge-stats - "$3" --stats-format json' sh "$m" "$SUB" "$s1"
assert_exit 0
assert_eq "merged_from counts the runs inside" 3 "$(json_field "$LAST_OUT" 'd["merged_from"]')"
assert_eq "messages" 680 "$(json_field "$LAST_OUT" 'd["messages"]')"
# Several summaries in one file, one per line, as `kubectl logs` of many pods gives them.
cat "$s1" "$s2" >"$TEST_TMP/both.json"
run_sub --merge-stats "$TEST_TMP/both.json" --stats-format json
assert_exit 0
assert_eq "two summaries in one file" 380 "$(json_field "$LAST_OUT" 'd["messages"]')"
# No connection is made: connection and topic flags are ignored (a default options file has them).
run_sub --merge-stats "$s1" -L "mqtt://$WSMQTT_HOST:1" -t ignored --stats-format json
assert_exit 0
assert_eq "flags ignored" 300 "$(json_field "$LAST_OUT" 'd["messages"]')"
end_case

begin_case "publisher summaries merge: published and acknowledged summed"
run_sub --merge-stats "$p1" "$p2" --stats-format json
assert_exit 0
assert_eq "published" 230 "$(json_field "$LAST_OUT" 'd["messages"]')"
assert_eq "acknowledged" "$(($(json_field "$p1" 'd["acknowledged"]') + $(json_field "$p2" 'd["acknowledged"]')))" \
  "$(json_field "$LAST_OUT" 'd["acknowledged"]')"
assert_eq "clients" 5 "$(json_field "$LAST_OUT" 'd["clients"]')"
end_case

# A copy of s1 with one edit made by python: EDIT is a statement on d.
edited() { # NAME EDIT
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); $2; open(sys.argv[2],'w').write(json.dumps(d))" \
    "$s1" "$TEST_TMP/$1"
  echo "$TEST_TMP/$1"
}

# One bad input: exit 2, one line "wsmqtt-sub: merge-stats: FILE: ..." with the keyword, no stdout.
assert_bad_merge() { # KEYWORD FILE-SHOWN ARGS...
  local keyword=$1 shown=$2
  shift 2
  run_sub --merge-stats "$@"
  assert_diagnosis wsmqtt-sub 2 "$keyword"
  assert_stderr_contains "wsmqtt-sub: merge-stats: $shown: "
}

begin_case "bad input: exit 2, one stderr line naming the file, nothing on stdout"
assert_bad_merge "cannot read" "$TEST_TMP/missing.json" "$s1" "$TEST_TMP/missing.json"
assert_bad_merge "cannot read" "$TEST_TMP" "$TEST_TMP"
printf '{"tool": "wsmqtt-sub",\n  "format": 1,,\n}\n' >"$TEST_TMP/broken.json"
assert_bad_merge "not JSON" "$TEST_TMP/broken.json" "$s1" "$TEST_TMP/broken.json"
assert_stderr_contains "line 2, column"
: >"$TEST_TMP/empty.json"
assert_bad_merge "empty" "$TEST_TMP/empty.json" "$TEST_TMP/empty.json"
printf 'wsmqtt-sub: 1 client(s) subscribed\n' >"$TEST_TMP/log.txt"
assert_bad_merge "not JSON" "$TEST_TMP/log.txt" "$TEST_TMP/log.txt"
f=$(edited noformat.json 'del d["format"]')
assert_bad_merge 'no "format" field' "$f" "$s1" "$f"
f=$(edited format2.json 'd["format"] = 2')
assert_bad_merge "format 1" "$f" "$f"
f=$(edited types.json 'd["messages"] = "many"')
assert_bad_merge '"messages" must be a whole number' "$f" "$f"
f=$(edited nosequence.json 'del d["sequence"]')
assert_bad_merge '"sequence" is missing' "$f" "$f"
f=$(edited bits.json 'd["latency"]["histogram"]["sub_bucket_bits"] = 5')
assert_bad_merge "sub_bucket_bits is 5" "$f" "$s1" "$f"
f=$(edited count.json 'd["latency"]["count"] += 1')
assert_bad_merge "but the buckets hold" "$f" "$f"
assert_bad_merge "cannot be merged with wsmqtt-sub" "$p1" "$s1" "$p1"
run_sub --merge-stats - - <"$s1"
assert_diagnosis wsmqtt-sub 2 "stdin"
run_sub --merge-stats "$s1" --stats-format yaml
assert_diagnosis wsmqtt-sub 2 "--stats-format"
end_case

finish
