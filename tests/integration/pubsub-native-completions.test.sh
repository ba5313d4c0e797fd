#!/usr/bin/env bash
# Shell completions (issue 6): the committed completions/ are exactly what the binaries generate
# from their CLI11 option tree (`--completion bash|zsh|fish`), so they cannot drift; and the bash
# one works in a real bash. After adding or changing a flag: scripts/gen-completions.
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$0")/lib.sh"
require_bin wsmqtt-pub wsmqtt-sub

ROOT=$(cd "$(dirname "$0")/../.." && pwd)

committed_name() { # SHELL PROGRAM
  case $1 in
    bash) echo "$ROOT/completions/bash/$2" ;;
    zsh) echo "$ROOT/completions/zsh/_$2" ;;
    fish) echo "$ROOT/completions/fish/$2.fish" ;;
  esac
}

for prog in wsmqtt-pub wsmqtt-sub; do
  for shell in bash zsh fish; do
    begin_case "$prog: completions/$shell matches --completion $shell (else run scripts/gen-completions)"
    file=$(committed_name "$shell" "$prog")
    "$WSMQTT_BIN_DIR/$prog" --completion "$shell" >"$TEST_TMP/$prog.$shell" || _note_failure "--completion $shell failed"
    if [ ! -f "$file" ]; then
      _note_failure "$file is missing"
    elif ! diff -u "$file" "$TEST_TMP/$prog.$shell" >"$TEST_TMP/$prog.$shell.diff"; then
      _note_failure "$file drifted: $(grep -E '^[-+][^-+]' "$TEST_TMP/$prog.$shell.diff" | head -n 4 | tr '\n' ' ')"
    fi
  done
  begin_case "$prog: zsh and fish scripts parse (when those shells are installed)"
  if command -v zsh >/dev/null; then zsh -n "$(committed_name zsh "$prog")" || _note_failure "zsh -n"; fi
  if command -v fish >/dev/null; then fish -n "$(committed_name fish "$prog")" || _note_failure "fish -n"; fi
  bash -n "$(committed_name bash "$prog")" || _note_failure "bash -n"
done

# Completes WORDS... (the last one is being typed) with the sourced script; prints COMPREPLY.
complete_words() { # SCRIPT PROGRAM WORDS...
  local script=$1
  shift
  bash --norc --noprofile -c '
    source "$1"; shift
    complete -p "$1" >/dev/null || { echo "no complete -p $1" >&2; exit 1; }
    fn=$(complete -p "$1" | sed -E "s/.*-F ([^ ]+) .*/\1/")
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
    "$fn" "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    printf "%s\n" "${COMPREPLY[@]}"' bash "$script" "$@"
}

PUB_BASH=$(committed_name bash wsmqtt-pub)
SUB_BASH=$(committed_name bash wsmqtt-sub)

begin_case "bash: complete -p wsmqtt-pub exists after sourcing, and --prot completes to --protocol"
out=$(complete_words "$PUB_BASH" wsmqtt-pub --prot) || _note_failure "completion function failed"
grep -qx -- "--protocol" <<<"$out" || _note_failure "got: $(tr '\n' ' ' <<<"$out")"

begin_case "bash: values for -V, --protocol, -q, --tls-version; sub's --format, --payload-encoding, --retain-handling"
check_values() { # EXPECTED SCRIPT WORDS...
  local expected=$1 got
  shift
  got=$(complete_words "$@" | sort | tr '\n' ' ')
  [ "$got" = "$expected " ] || _note_failure "$* -> '$got', expected '$expected'"
}
check_values "31 311 5" "$PUB_BASH" wsmqtt-pub -V ""
check_values "mqtt mqtts" "$PUB_BASH" wsmqtt-pub --protocol mq
check_values "0 1 2" "$PUB_BASH" wsmqtt-pub -q ""
check_values "0 1 2" "$SUB_BASH" wsmqtt-sub --qos ""
check_values "json" "$SUB_BASH" wsmqtt-sub --format ""
check_values "base64 hex utf8" "$SUB_BASH" wsmqtt-sub --payload-encoding ""
check_values "0 1 2" "$SUB_BASH" wsmqtt-sub --retain-handling ""

begin_case "bash: file names for --cafile, --cert, --key, -f, --pw-file"
mkdir -p "$TEST_TMP/files" && : >"$TEST_TMP/files/ca-one.pem" && : >"$TEST_TMP/files/ca-two.pem"
for flag in --cafile --cert --key -f --pw-file; do
  got=$(cd "$TEST_TMP/files" && complete_words "$PUB_BASH" wsmqtt-pub "$flag" ca- | sort | tr '\n' ' ')
  [ "$got" = "ca-one.pem ca-two.pem " ] || _note_failure "$flag ca- -> '$got'"
done

finish
