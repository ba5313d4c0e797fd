# scripts/bench.d/report.sh — sourced by scripts/bench: the Markdown report on stdout (the table,
# the commands that made it, the callgrind profile of the one-shot over ws).

num() { [[ "${1:-}" =~ ^[0-9]+([.][0-9]+)?$ ]]; }
ms() { num "$1" && fcalc %.2f "$1 * 1000" || echo "${1:-n/a}"; }          # seconds -> "1.23"
msm() { num "${HF[$1]:-}" && echo "$(ms "${HF[$1]}") (min $(ms "${HFMIN[$1]}"))" || echo "${HF[$1]:-n/a}"; } # NAME
ratio() { num "$1" && num "$2" && fcalc %.2f "$1 / $2" || echo n/a; }  # A B -> A/B
# verdict VALUE OP LIMIT — MET or MISSED (n/a without a figure).
verdict() {
  num "$1" || { echo n/a; return; }
  awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN { ok = (op == "<=") ? v <= l : (op == ">=") ? v >= l : v < l; print ok ? "MET" : "MISSED" }'
}
# thousands separators for whole numbers
th() { num "$1" && echo "${1%.*}" | sed ':a; s/\B[0-9]\{3\}\>/,&/; ta' || echo "${1:-n/a}"; }
rr() { rx "$(ratio "$1" "$2")"; }
rx() { num "$1" && echo "${1}x" || echo n/a; }
ran() { [[ " $ITEMS " == *" $1 "* ]]; } # ITEM: was it measured in this run?
row() { printf '| %s | %s | %s | %s | %s | %s |\n' "$@"; }
field() { local a; read -ra a <<<"$1"; echo "${a[$2]:-}"; } # RECORD INDEX

# Bulk publisher cell: "RATE/s (GOT)" and whether all N arrived.
bulk_rate() { local r=${BULK[$1]:-}; [ "$r" = fail ] || [ "$r" = skip ] || [ -z "$r" ] && { echo ""; return; }; field "$r" 1; }
bulk_cell() {
  local r=${BULK[$1]:-n/a}
  case "$r" in fail | skip | n/a) echo "$r"; return ;; esac
  local got rate rc note=""
  got=$(field "$r" 0) rate=$(field "$r" 1) rc=$(field "$r" 4)
  [ "$got" = "$N" ] || note=", only $(th "$got") of $(th "$N")"
  case "$rc" in 0) ;; 124) note="$note, cut off after the time limit" ;; *) note="$note, exit $rc" ;; esac
  [ "$rc" = 124 ] || note="$note; pub $(field "$r" 2) s wall, $(field "$r" 3) s CPU"
  echo "$(th "$rate")/s ($note)" | sed 's/(, /(/; s/(; /(/'

}
complete() { [ "$(field "${BULK[$1]:-}" 0)" = "$N" ]; }

sub_cpu_us() { local r=${SUB[$1]:-}; num "$(field "$r" 1)" && fcalc %.2f "$(field "$r" 1) * 1e6 / $(field "$r" 3)" || echo n/a; }

report() {
  local kib=1024 q
  echo "## wsmqtt benchmark, $(date -u +%Y-%m-%d) ($(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'))"
  echo
  echo "wsmqtt: $("$BIN/wsmqtt-pub" --version 2>/dev/null | head -n 2 | paste -sd " " -); mosquitto $(/usr/sbin/mosquitto -h 2>/dev/null | sed -n 's/^mosquitto version //p'); aedes $(node -p 'require("./tests/npm/node_modules/aedes/package.json").version'); paho.mqtt.c $(dpkg-query -W -f='${Version}' paho.mqtt.c-examples); MQTT.js $([ -n "$MQTTJS" ] && node -p 'require("./tests/npm/node_modules/mqtt/package.json").version' || echo absent); hyperfine $(hyperfine --version | cut -d' ' -f2)."
  echo "Load average at start / end: $LOAD_START / $(cut -d' ' -f1-3 /proc/loadavg) (2 cores; other work on the machine shows here)."
  echo "Counts: one-shot $RUNS runs (slow peers $SLOW_RUNS) after $WARMUP warm-ups, medians; bulk $(th "$N") x 64 B; subscriber $(th "$NSUB") x 64 B; big message $BIG_MIB MiB; $CLIENTS connections."
  echo
  row measure wsmqtt "peer(s)" ratio target "met?"
  row --- --- --- --- --- ---
  # 1. one-shot
  ran 1 && for q in 0 1; do
    local o=${HF[ours-ws-aedes-q$q]:-} m=${HF[mosq-tcp-q$q]:-} r peers
    r=$(ratio "$o" "$m")
    peers="mosquitto_pub tcp $(msm "mosq-tcp-q$q")"
    if [ "$q" = 0 ]; then
      peers="$peers; mosquitto_pub tcp→aedes $(ms "${HF[mosq-tcp-aedes-q0]:-}"); paho_cs_pub ws→aedes $(ms "${HF[paho-ws-aedes-q0]:-}"); MQTT.js ws→aedes $(ms "${HF[mqttjs-ws-aedes-q0]:-}")"
    fi
    row "one-shot 16 B QoS $q, wall ms: wsmqtt-pub ws→aedes" "$(msm "ours-ws-aedes-q$q")" "$peers" "$(rx "$r")" "≤1.2x" "$(verdict "$r" "<=" 1.2)"
    r=$(ratio "${IR[ours-ws-aedes-q$q]:-}" "${IR[mosq-tcp-q$q]:-}")
    row "one-shot QoS $q, instructions (Ir): wsmqtt-pub ws→aedes" "$(th "${IR[ours-ws-aedes-q$q]:-}")" "mosquitto_pub tcp $(th "${IR[mosq-tcp-q$q]:-}")" "$(rx "$r")" "≤2x" "$(verdict "$r" "<=" 2)"
    r=$(ratio "${HF[ours-tcp-q$q]:-}" "$m")
    row "one-shot QoS $q, wall ms: wsmqtt-pub tcp→mosquitto" "$(msm "ours-tcp-q$q")" "mosquitto_pub tcp $(msm "mosq-tcp-q$q")" "$(rx "$r")" "—" "—"
    r=$(ratio "${IR[ours-tcp-q$q]:-}" "${IR[mosq-tcp-q$q]:-}")
    row "one-shot QoS $q, Ir: wsmqtt-pub tcp→mosquitto" "$(th "${IR[ours-tcp-q$q]:-}")" "mosquitto_pub tcp $(th "${IR[mosq-tcp-q$q]:-}")" "$(rx "$r")" "—" "—"
  done
  ran 1 && {
  row "one-shot QoS 0, Ir: wsmqtt-pub ws→aedes with a fixed -i (no random client id)" "$(th "${IR[ours-ws-aedes-q0-id]:-}")" "mosquitto_pub tcp $(th "${IR[mosq-tcp-q0]:-}")" "$(rr "${IR[ours-ws-aedes-q0-id]:-}" "${IR[mosq-tcp-q0]:-}")" "—" "—"
  row "one-shot QoS 0, wall ms: wsmqtt-pub ws→mosquitto" "$(ms "${HF[ours-ws-mosq-q0]:-}")" "mosquitto_pub tcp $(ms "${HF[mosq-tcp-q0]:-}")" "$(rx "$(ratio "${HF[ours-ws-mosq-q0]:-}" "${HF[mosq-tcp-q0]:-}")")" "—" "—"
  row "one-shot QoS 0, wall ms: TLS→mosquitto" "$(ms "${HF[ours-tls-q0]:-}")" "mosquitto_pub tls $(ms "${HF[mosq-tls-q0]:-}")" "$(rx "$(ratio "${HF[ours-tls-q0]:-}" "${HF[mosq-tls-q0]:-}")")" "—" "—"
  local h=${HF[ours-help]:-} hr=${RSS[ours-help]:-}
  row "--help, wall ms" "$(msm ours-help)" "mosquitto_pub --help $(msm mosq-help)" "$(rx "$(ratio "$h" "${HF[mosq-help]:-}")")" "<2 ms" "$(verdict "$(num "$h" && fcalc %.4f "$h * 1000")" "<" 2)"
  row "--help, max RSS KiB" "$(th "$hr")" "mosquitto_pub --help $(th "${RSS[mosq-help]:-}")" "$(rx "$(ratio "$hr" "${RSS[mosq-help]:-}")")" "<8 MiB" "$(verdict "$hr" "<" 8192)"
  row "--help, instructions (Ir)" "$(th "${IR[ours-help]:-}")" "" "" "—" "—"
  }
  # 2. bulk publisher
  ran 2 && for q in 0 1; do
    local mt; mt=$(bulk_rate "mosq-tcp-q$q")
    local ot ow oa pw pa
    ot=$(bulk_rate "ours-tcp-q$q") ow=$(bulk_rate "ours-ws-mosq-q$q") oa=$(bulk_rate "ours-ws-aedes-q$q")
    pw=$(bulk_rate "paho-ws-mosq-q$q") pa=$(bulk_rate "paho-ws-aedes-q$q")
    local r
    r=$(ratio "$ot" "$mt")
    row "bulk QoS $q, msgs/s: wsmqtt-pub -l tcp→mosquitto" "$(bulk_cell "ours-tcp-q$q")" "mosquitto_pub -l tcp $(bulk_cell "mosq-tcp-q$q")" "$(rx "$r")" "$([ "$q" = 0 ] && echo "≥1.0x" || echo —)" "$([ "$q" = 0 ] && verdict "$r" ">=" 1 || echo —)"
    r=$(ratio "$ow" "$mt")
    if [ "$q" = 0 ]; then
      row "bulk QoS 0, msgs/s: wsmqtt-pub -l ws→mosquitto" "$(bulk_cell ours-ws-mosq-q0)" "mosquitto_pub -l tcp $(bulk_cell mosq-tcp-q0)" "$(rx "$r")" "≥1.0x" "$(verdict "$r" ">=" 1)"
    else
      local v; v=$(verdict "$r" ">=" 1); complete ours-ws-mosq-q1 || v="MISSED (incomplete)"
      row "bulk QoS 1, msgs/s: wsmqtt-pub -l ws→mosquitto" "$(bulk_cell ours-ws-mosq-q1)" "mosquitto_pub -l -q 1 tcp $(bulk_cell mosq-tcp-q1)" "$(rx "$r")" "complete, ≥1.0x" "$v"
    fi
    r=$(ratio "$ow" "$pw")
    row "bulk QoS $q, msgs/s: wsmqtt-pub -l ws→mosquitto vs paho" "$(bulk_cell "ours-ws-mosq-q$q")" "paho_cs_pub ws $(bulk_cell "paho-ws-mosq-q$q"); MQTT.js ws $(bulk_cell "mqttjs-ws-mosq-q$q")" "$(rx "$r")" "$([ "$q" = 0 ] && echo "≥1.3x" || echo —)" "$([ "$q" = 0 ] && verdict "$r" ">=" 1.3 || echo —)"
    r=$(ratio "$oa" "$pa")
    row "bulk QoS $q, msgs/s: wsmqtt-pub -l ws→aedes" "$(bulk_cell "ours-ws-aedes-q$q")" "paho_cs_pub ws $(bulk_cell "paho-ws-aedes-q$q"); MQTT.js ws $(bulk_cell "mqttjs-ws-aedes-q$q")" "$(rx "$r")" "—" "—"
  done
  # 3. subscriber
  local mc; mc=$(sub_cpu_us mosq-tcp)
  local tr name
  ran 3 && for tr in tcp ws; do
    name=ours-$tr
    row "subscriber $(th "$NSUB") QoS 0, msgs/s: wsmqtt-sub $tr" "$(th "$(field "${SUB[$name]:-}" 0)")" "mosquitto_sub tcp $(th "$(field "${SUB[mosq-tcp]:-}" 0)")" "$(rr "$(field "${SUB[$name]:-}" 0)" "$(field "${SUB[mosq-tcp]:-}" 0)")" "—" "—"
    local oc r; oc=$(sub_cpu_us "$name"); r=$(ratio "$oc" "$mc")
    row "subscriber CPU µs per message (user+sys): wsmqtt-sub $tr" "$oc" "mosquitto_sub tcp $mc" "$(rx "$r")" "$([ $tr = ws ] && echo "≤1.0x" || echo —)" "$([ $tr = ws ] && verdict "$r" "<=" 1 || echo —)"
    row "subscriber max RSS KiB: wsmqtt-sub $tr" "$(th "$(field "${SUB[$name]:-}" 2)")" "mosquitto_sub tcp $(th "$(field "${SUB[mosq-tcp]:-}" 2)")" "$(rr "$(field "${SUB[$name]:-}" 2)" "$(field "${SUB[mosq-tcp]:-}" 2)")" "—" "—"
  done
  # 4. big message
  local bo=${BIG[ours-ws]:-} bm=${BIG[mosq-tcp]:-} lim=$((3 * BIG_MIB * kib))
  ran 4 && {
  row "$BIG_MIB MiB message via aedes, s (pub start → sub exit): ws" "$(field "$bo" 0) ($(field "$bo" 3))" "mosquitto_pub/sub tcp $(field "$bm" 0) ($(field "$bm" 3))" "$(rr "$(field "$bo" 0)" "$(field "$bm" 0)")" "—" "—"
  row "$BIG_MIB MiB message: publisher max RSS KiB" "$(th "$(field "$bo" 1)")" "mosquitto_pub tcp $(th "$(field "$bm" 1)")" "$(rr "$(field "$bo" 1)" "$(field "$bm" 1)")" "<3x size ($(th $lim))" "$(verdict "$(field "$bo" 1)" "<" $lim)"
  row "$BIG_MIB MiB message: subscriber max RSS KiB" "$(th "$(field "$bo" 2)")" "mosquitto_sub tcp $(th "$(field "$bm" 2)")" "$(rr "$(field "$bo" 2)" "$(field "$bm" 2)")" "<3x size ($(th $lim))" "$(verdict "$(field "$bo" 2)" "<" $lim)"
  }
  # 5. connections
  ran 5 && for tr in ws-aedes ws-mosq tcp-mosq; do
    local c=${CONN[$tr]:-} is_t=0 where=${tr/-/→}
    where=${where/mosq/mosquitto}
    [ $tr = ws-aedes ] && is_t=1
    row "$CLIENTS connections $where: RSS bytes per connection" "$(th "$(field "$c" 0)") ($(field "$c" 1) connected)" "n/a" "" "$( ((is_t)) && echo "≤8 KiB" || echo —)" "$( ((is_t)) && verdict "$(field "$c" 0)" "<=" 8192 || echo —)"
    row "$CLIENTS connections $where: connect ms p50 / max (≈ all connected); process wall s; max RSS KiB" "$(field "$c" 2) / $(field "$c" 3); $(field "$c" 4); $(th "$(field "$c" 5)")" "n/a" "" "—" "—"
  done
  echo
  echo "Peers not measured: mosquitto_pub/sub have no WebSocket; paho_cs_sub has no message count or timeout, so it cannot end by itself after N messages (subscriber rows skip it)."
  echo
  echo "### Commands"
  echo
  echo "Ports: mosquitto tcp $M_TCP, tls $M_TLS, ws $M_WS; aedes tcp $A_TCP, ws $A_WS (tests/npm/aedes-broker.mjs). \$W is the run's work dir (CA, input files)."
  echo
  echo '```sh'
  printf '%s\n' "${CMDS[@]}"
  echo '```'
  if [ -s "$work/annotate-ws.txt" ]; then
    echo
    echo "### callgrind: wsmqtt-pub one-shot QoS 0 over ws to aedes, top 15 functions"
    echo
    echo "Self (exclusive) Ir:"
    echo '```'
    top15 "$work/annotate-ws.txt"
    echo '```'
    echo "Inclusive Ir:"
    echo '```'
    top15 "$work/annotate-ws-incl.txt"
    echo '```'
  fi
}

# The first 15 function lines of a callgrind_annotate listing (after its "file:function" header).
top15() { awk '/file:function/ { on = 1; getline; next } on && NF { print; if (++n == 15) exit }' "$1" | cut -c1-160; }
