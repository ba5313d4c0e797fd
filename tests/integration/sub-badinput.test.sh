#!/usr/bin/env bash
# Bad input to wsmqtt-sub (issue 8, "Bad input from the user"): invalid URLs (a table of 50),
# topic filters, QoS, keepalive, unreadable files, TLS material that does not load, malformed -F
# formats and -D properties. Each is exit 2 with one line "wsmqtt-sub: usage: ..." naming the
# flag, before any connection (the port is closed: a connection attempt would give exit 3).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/badinput_cases.sh"
require_bin wsmqtt-sub

url_cases wsmqtt-sub -t t
common_cases wsmqtt-sub -t t
topic_cases wsmqtt-sub -t

L=(-L "mqtt://$H:$CP")
expect_usage wsmqtt-sub "-t '#' not last" "-t" -- "${L[@]}" -t 'a/#/b'
expect_usage wsmqtt-sub "-t '#' inside a level" "-t" -- "${L[@]}" -t 'a/b#'
expect_usage wsmqtt-sub "-t '+' inside a level" "-t" -- "${L[@]}" -t 'a/b+/c'
expect_usage wsmqtt-sub "-T with invalid UTF-8" "-T" "UTF-8" -- "${L[@]}" -t '#' -T "$(printf 'a/\xff')"
expect_usage wsmqtt-sub "no topic" "-t" -- "${L[@]}"

# -F: the compiler's errors name the specifier and its column.
bad_formats=(
  '%k	%k'
  'abc%	%'
  '@	@'
  'x@q	@q'
  '\q	\q'
  '%65536t	65535'
  '%.99999p	65535'
  '%5j	%j'
  '%.2J	%J'
  '%-	%-'
  '%.x	%x'
  '%10	%10'
  '%4294967296t	65535'
)
for entry in "${bad_formats[@]}"; do
  fmt=${entry%%	*}
  keyword=${entry#*	}
  expect_usage wsmqtt-sub "-F '$fmt'" "-F" "$keyword" -- "${L[@]}" -t t -F "$fmt"
done
expect_usage wsmqtt-sub "-F with invalid UTF-8 around a bad specifier" "-F" "column" -- "${L[@]}" -t t \
  -F "$(printf '\xff\xfe%%k')"

expect_usage wsmqtt-sub "-D publish is not a wsmqtt-sub command" "-D publish content-type" "not a command" -- \
  "${L[@]}" -V 5 -t t -D publish content-type x
expect_usage wsmqtt-sub "-D subscribe subscription-identifier 0" "-D subscribe subscription-identifier" \
  "1 to 268435455" -- "${L[@]}" -V 5 -t t -D subscribe subscription-identifier 0

finish
