#!/usr/bin/env bash
# Man pages (issue 6): groff reports nothing, `man -l` renders them, and they never drift from the
# binaries: every option the binary accepts (its hidden --list-options, generated from the CLI11
# option tree, so options added later are checked too) is documented in an OPTIONS entry of its man
# page and shown by --help, and every option an entry documents is one the binary accepts.
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$0")/lib.sh"
require_bin wsmqtt-pub wsmqtt-sub

ROOT=$(cd "$(dirname "$0")/../.." && pwd)

# The option names of a man page's tagged paragraphs (the line after each .TP), roff escapes undone.
man_options() { # FILE
  awk '/^\.TP/ { getline; print }' "$1" | sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' |
    grep -oE '(^|[ ,])--?[A-Za-z0-9][-A-Za-z0-9]*' | sed 's/^[ ,]*//' | sort -u
}

for tool in pub sub; do
  bin="$WSMQTT_BIN_DIR/wsmqtt-$tool"
  page="$ROOT/man/wsmqtt-$tool.1"

  begin_case "wsmqtt-$tool.1: groff -man -ww -z reports nothing"
  if command -v groff >/dev/null; then
    groff -man -ww -z "$page" >"$TEST_TMP/groff.$tool" 2>&1 || _note_failure "groff exit $?"
    [ ! -s "$TEST_TMP/groff.$tool" ] || _note_failure "groff: $(head -n 5 "$TEST_TMP/groff.$tool" | tr '\n' ' ')"
  else
    _note_failure "groff is not installed (scripts/install-deps installs it)"
  fi

  begin_case "wsmqtt-$tool.1: man -l renders every section"
  if command -v man >/dev/null; then
    MANWIDTH=100 man -l "$page" >"$TEST_TMP/man.$tool" 2>"$TEST_TMP/man.$tool.err" || _note_failure "man exit $?"
    for section in NAME SYNOPSIS DESCRIPTION URLS OPTIONS "EXIT STATUS" ENVIRONMENT FILES EXAMPLES "SEE ALSO"; do
      grep -q "^$section" "$TEST_TMP/man.$tool" || _note_failure "no $section section"
    done
    if [ "$tool" = sub ]; then grep -q "^OUTPUT FORMAT" "$TEST_TMP/man.$tool" || _note_failure "no OUTPUT FORMAT"; fi
  else
    _note_failure "man is not installed (scripts/install-deps installs man-db)"
  fi

  begin_case "wsmqtt-$tool: every option is in the man page and in --help, and the man page names no other"
  "$bin" --list-options | sort -u >"$TEST_TMP/accepted.$tool"
  [ -s "$TEST_TMP/accepted.$tool" ] || _note_failure "--list-options printed nothing"
  man_options "$page" >"$TEST_TMP/documented.$tool"
  missing=$(comm -23 "$TEST_TMP/accepted.$tool" "$TEST_TMP/documented.$tool" | tr '\n' ' ')
  unknown=$(comm -13 "$TEST_TMP/accepted.$tool" "$TEST_TMP/documented.$tool" | tr '\n' ' ')
  [ -z "$missing" ] || _note_failure "accepted but not in man/wsmqtt-$tool.1: $missing"
  [ -z "$unknown" ] || _note_failure "in man/wsmqtt-$tool.1 but unknown to the binary: $unknown"
  "$bin" --help >"$TEST_TMP/help.$tool"
  not_in_help=""
  while read -r o; do
    grep -qE -- "(^|[ ,])$o([ ,=]|\$)" "$TEST_TMP/help.$tool" || not_in_help+="$o "
  done <"$TEST_TMP/accepted.$tool"
  [ -z "$not_in_help" ] || _note_failure "accepted but not in --help: $not_in_help"

  begin_case "wsmqtt-$tool.1: EXIT STATUS lists every code of the table"
  for code in 0 1 2 3 4 5 6 7 8 9 10 130; do
    grep -qE "^ +$code +[a-zA-Z]" "$TEST_TMP/man.$tool" 2>/dev/null || _note_failure "exit status $code missing"
  done

  begin_case "wsmqtt-$tool --version: version, git revision, Boost, OpenSSL and fmt"
  run_capture "$TEST_TMP/v.out" "$TEST_TMP/v.err" rc -- "$bin" --version
  assert_exit 0
  head -n 1 "$TEST_TMP/v.out" | grep -qE "^wsmqtt-$tool [0-9]+\.[0-9]+\.[0-9]+" || _note_failure "first line: $(head -n 1 "$TEST_TMP/v.out")"
  grep -qE '^git [^ ;]+; built with Boost 1\.[0-9]+\.[0-9]+, OpenSSL 3\.[0-9.]+, fmt [0-9]+\.[0-9]+\.[0-9]+' "$TEST_TMP/v.out" ||
    _note_failure "no build line: $(tr '\n' '|' <"$TEST_TMP/v.out")"
done

begin_case "wsmqtt-sub.1: every -F specifier of the format language is documented"
for spec in t p l m q r x X j J I U A C D E F P R S; do
  grep -qF "\\fB%$spec\\fR" "$ROOT/man/wsmqtt-sub.1" || _note_failure "%$spec missing"
done
for field in topic payload payload_encoding qos retain dup message_id payload_length received_at properties; do
  grep -qE "^\.B(R)? \"?$field|^\.BR .*$field" "$ROOT/man/wsmqtt-sub.1" || _note_failure "JSON field $field missing"
done

finish
