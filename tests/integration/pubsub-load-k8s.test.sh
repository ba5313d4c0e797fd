#!/usr/bin/env bash
# The Kubernetes recipe of docs/distributed-load.md, checked without a cluster: the manifests in
# scripts/k8s parse and have the shape the doc relies on (Indexed Jobs, equal completions, the
# ConfigMap's settings, client ids and topics offset by JOB_COMPLETION_INDEX, a readinessProbe),
# and each Job's container command RUNS here against the test broker, once per completion index,
# with the manifest's environment (only the broker URL, the topic prefix and the counts changed):
# subscribers first, ready when their readinessProbe command says so, then the publishers; the
# pods' logs are collected as the doc does and merged with --merge-stats. So a manifest whose
# command the binaries stop accepting fails here.
source "$(dirname "$0")/lib.sh"
require_bin wsmqtt-pub wsmqtt-sub

K8S_DIR=$(cd "$(dirname "$0")/../../scripts/k8s" && pwd)
# Debian's python3-yaml (scripts/install-deps); the python3 on PATH may be another one without it.
PY=/usr/bin/python3
WS="ws://$WSMQTT_HOST:$WSMQTT_A_WS_PORT/mqtt"
PUB_CLIENTS=3
PUB_COUNT=20
MAX_INDEXES=4

begin_case "manifests parse and have the documented shape"
out=$TEST_TMP/k8s
mkdir -p "$out"
cat >"$out/check.py" <<'EOF'
import glob, os, sys
import yaml

k8s_dir, out, broker, prefix, pub_clients, pub_count = sys.argv[1:7]
docs = []
for path in sorted(glob.glob(os.path.join(k8s_dir, "*.yaml"))):
    with open(path) as f:
        docs += [d for d in yaml.safe_load_all(f) if d is not None]
problems = []
def check(ok, what):
    if not ok:
        problems.append(what)

config = [d for d in docs if d.get("kind") == "ConfigMap" and d["metadata"]["name"] == "wsmqtt-load"]
check(len(config) == 1, "one ConfigMap wsmqtt-load")
data = config[0]["data"] if config else {}
for key in ("BROKER_URL", "TOPIC_PREFIX", "QOS", "PUB_CLIENTS", "PUB_COUNT", "PUB_RATE", "PAYLOAD_SIZE",
            "SUB_CLIENTS", "SUB_TIMEOUT"):
    check(isinstance(data.get(key), str) and data[key] != "", "ConfigMap sets %s (as a string)" % key)

jobs = {d["metadata"]["name"]: d for d in docs if d.get("kind") == "Job"}
check(set(jobs) == {"wsmqtt-load-sub", "wsmqtt-load-pub"}, "two Jobs, wsmqtt-load-sub and wsmqtt-load-pub")
completions = set()
for role, name in (("sub", "wsmqtt-load-sub"), ("pub", "wsmqtt-load-pub")):
    job = jobs.get(name)
    if job is None:
        continue
    check(job.get("apiVersion") == "batch/v1", name + ": apiVersion batch/v1")
    spec = job["spec"]
    check(spec.get("completionMode") == "Indexed", name + ": completionMode Indexed")
    n = spec.get("completions")
    check(isinstance(n, int) and n >= 1, name + ": completions")
    check(spec.get("parallelism") == n, name + ": parallelism = completions (all pods at once)")
    completions.add(n)
    pod = spec["template"]["spec"]
    check(pod.get("restartPolicy") == "Never", name + ": restartPolicy Never")
    containers = pod.get("containers", [])
    check(len(containers) == 1, name + ": one container")
    c = containers[0]
    check("image" in c, name + ": image")
    refs = [e.get("configMapRef", {}).get("name") for e in c.get("envFrom", [])]
    check("wsmqtt-load" in refs, name + ": envFrom the wsmqtt-load ConfigMap")
    env = dict(data)
    for e in c.get("env", []):
        env[e["name"]] = e["value"]
    # What this test changes: where the broker is, a topic prefix of its own, small counts.
    env.update(BROKER_URL=broker, TOPIC_PREFIX=prefix, PUB_CLIENTS=pub_clients, PUB_COUNT=pub_count,
               PUB_RATE="1000", SUB_TIMEOUT="30")
    argv = c.get("command", []) + c.get("args", [])
    script = " ".join(argv)
    binary = "wsmqtt-" + role
    check(binary in script, name + ": runs " + binary)
    check('-i "load-%s-$JOB_COMPLETION_INDEX"' % role in script, name + ": client ids offset by JOB_COMPLETION_INDEX")
    check('-t "$TOPIC_PREFIX/$JOB_COMPLETION_INDEX/' in script, name + ": topics offset by JOB_COMPLETION_INDEX")
    check("--stats-format json" in script, name + ": a JSON summary on stdout")
    with open(os.path.join(out, role + ".argv"), "w") as f:
        f.write("\0".join(argv) + "\0")
    with open(os.path.join(out, role + ".env"), "w") as f:
        f.write("".join("%s=%s\0" % kv for kv in sorted(env.items())))
    if role == "sub":
        probe = c.get("readinessProbe", {}).get("exec", {}).get("command")
        check(isinstance(probe, list) and "subscribed" in " ".join(probe), name + ": readinessProbe greps 'subscribed'")
        with open(os.path.join(out, "probe.argv"), "w") as f:
            f.write("\0".join(probe or ["false"]) + "\0")
        with open(os.path.join(out, "sub_clients"), "w") as f:
            f.write(env["SUB_CLIENTS"])
check(len(completions) == 1, "both Jobs have the same completions (pod i publishes to what pod i subscribes to)")
with open(os.path.join(out, "completions"), "w") as f:
    f.write(str(min(completions) if completions else 0))
print("; ".join(problems) if problems else "ok")
EOF
run_capture "$out/check.out" "$out/check.err" rc -- "$PY" "$out/check.py" "$K8S_DIR" "$out" "$WS" \
  "$(unique_topic k8s)" "$PUB_CLIENTS" "$PUB_COUNT"
assert_exit 0
assert_eq "structure" ok "$(cat "$out/check.out")"
end_case
# Without the extracted commands there is nothing to run.
[ "$(cat "$out/check.out")" = ok ] || finish

mapfile -d '' -t sub_argv <"$out/sub.argv"
mapfile -d '' -t pub_argv <"$out/pub.argv"
mapfile -d '' -t sub_env <"$out/sub.env"
mapfile -d '' -t pub_env <"$out/pub.env"
mapfile -d '' -t probe_argv <"$out/probe.argv"
indexes=$(cat "$out/completions")
((indexes <= MAX_INDEXES)) || indexes=$MAX_INDEXES
sub_clients=$(cat "$out/sub_clients")

# Runs a container command as the kubelet would: the manifest's environment only, the package's
# binaries on PATH, JOB_COMPLETION_INDEX set, and a /tmp of its own (TMPDIR) per pod.
pod_env() { # ROLE INDEX — prints env(1) arguments
  local role=$1 index=$2 var="${1}_env[@]"
  mkdir -p "$TEST_TMP/pods/$role-$index"
  printf '%s\0' -i "PATH=$WSMQTT_BIN_DIR:/usr/bin:/bin" "TMPDIR=$TEST_TMP/pods/$role-$index" \
    "JOB_COMPLETION_INDEX=$index" "${!var}"
}

begin_case "the Jobs' commands run: $indexes subscriber and $indexes publisher pods, logs merged"
declare -a sub_pids=() pub_pids=()
for ((i = 0; i < indexes; i++)); do
  mapfile -d '' -t e < <(pod_env sub "$i")
  if [ "$i" = 0 ]; then
    # The probe must be able to fail: nothing is subscribed yet.
    if env "${e[@]}" "${probe_argv[@]}" >/dev/null 2>&1; then _note_failure "readinessProbe passes before the pod runs"; fi
  fi
  # As `kubectl logs`: stdout and stderr of the pod in one log.
  start_bg env "${e[@]}" "${sub_argv[@]}" >"$TEST_TMP/pods/sub-$i.log" 2>&1
  sub_pids+=("$BG_PID")
done
for ((i = 0; i < indexes; i++)); do
  mapfile -d '' -t e < <(pod_env sub "$i")
  ready=0
  for ((n = 0; n < 200; n++)); do
    if env "${e[@]}" "${probe_argv[@]}" >/dev/null 2>&1; then ready=1; break; fi
    kill -0 "${sub_pids[i]}" 2>/dev/null || break
    sleep 0.05 # the probe's period here; readiness is the probe passing, not the time
  done
  assert_eq "subscriber pod $i ready by its readinessProbe" 1 "$ready"
done
for ((i = 0; i < indexes; i++)); do
  mapfile -d '' -t e < <(pod_env pub "$i")
  start_bg env "${e[@]}" "${pub_argv[@]}" >"$TEST_TMP/pods/pub-$i.log" 2>&1
  pub_pids+=("$BG_PID")
done
for ((i = 0; i < indexes; i++)); do
  wait_exit "${pub_pids[i]}" 60
  assert_eq "publisher pod $i exit" 0 "$WAIT_RC"
done
for ((i = 0; i < indexes; i++)); do
  wait_exit "${sub_pids[i]}" 60
  assert_eq "subscriber pod $i exit" 0 "$WAIT_RC"
  # The doc's collection step: the JSON line out of each pod's log.
  grep '^{' "$TEST_TMP/pods/sub-$i.log" >"$TEST_TMP/pods/sub-$i.json" || _note_failure "no summary in subscriber pod $i's log"
  grep '^{' "$TEST_TMP/pods/pub-$i.log" >"$TEST_TMP/pods/pub-$i.json" || _note_failure "no summary in publisher pod $i's log"
  assert_true "subscriber pod $i logged its readiness line" grep -q 'client(s) subscribed' "$TEST_TMP/pods/sub-$i.log"
done
_run_seq=$((_run_seq + 1))
run_capture "$TEST_TMP/merged-sub.json" "$TEST_TMP/merged-sub.err" rc -- \
  "$SUB" --merge-stats "$TEST_TMP"/pods/sub-*.json --stats-format json
assert_exit 0
expected=$((indexes * PUB_CLIENTS * PUB_COUNT * sub_clients))
assert_eq "received = pods x clients x count" "$expected" "$(json_field "$LAST_OUT" 'd["messages"]')"
assert_eq "lost" 0 "$(json_field "$LAST_OUT" 'd["sequence"]["lost"]')"
assert_eq "duplicates" 0 "$(json_field "$LAST_OUT" 'd["sequence"]["duplicates"]')"
assert_eq "publishers seen" "$((indexes * PUB_CLIENTS))" "$(json_field "$LAST_OUT" 'len(d["sequence"]["publishers"])')"
assert_eq "merged_from" "$indexes" "$(json_field "$LAST_OUT" 'd["merged_from"]')"
assert_eq "latency samples" "$expected" "$(json_field "$LAST_OUT" 'd["latency"]["count"]')"
run_capture "$TEST_TMP/merged-pub.json" "$TEST_TMP/merged-pub.err" rc -- \
  "$SUB" --merge-stats "$TEST_TMP"/pods/pub-*.json --stats-format json
assert_exit 0
assert_eq "published" "$((indexes * PUB_CLIENTS * PUB_COUNT))" "$(json_field "$LAST_OUT" 'd["messages"]')"
end_case

finish
