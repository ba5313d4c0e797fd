#!/usr/bin/env bash
# Bad input to wsmqtt-pub (issue 8, "Bad input from the user"): invalid URLs (a table of 50),
# topics (wildcards, invalid UTF-8, over 65,535 bytes), QoS, keepalive, unreadable files,
# TLS material that does not load, malformed -D properties. Each is exit 2 with one line
# "wsmqtt-pub: usage: ..." naming the flag, before any connection (the port is closed: a
# connection attempt would give exit 3).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/badinput_cases.sh"
require_bin wsmqtt-pub

url_cases wsmqtt-pub -t t -m x
common_cases wsmqtt-pub -t t -m x
topic_cases wsmqtt-pub -t -m x

L=(-L "mqtt://$H:$CP")
expect_usage wsmqtt-pub "-t with '+'" "-t" "wildcard" -- "${L[@]}" -m x -t 'a/+/b'
expect_usage wsmqtt-pub "-t with '#'" "-t" "wildcard" -- "${L[@]}" -m x -t 'a/#'
expect_usage wsmqtt-pub "-t '#'" "-t" "wildcard" -- "${L[@]}" -m x -t '#'
expect_usage wsmqtt-pub "-t '+' inside a level" "-t" "wildcard" -- "${L[@]}" -m x -t 'a+b'
expect_usage wsmqtt-pub "--will-topic with a wildcard" "--will-topic" "wildcard" -- "${L[@]}" -t t -m x \
  --will-topic 'w/#'
expect_usage wsmqtt-pub "no topic" "-t" -- "${L[@]}" -m x
expect_usage wsmqtt-pub "-f missing" "-f/--file" "No such file" -- "${L[@]}" -t t -f "$TEST_TMP/missing"
expect_usage wsmqtt-pub "-f a directory" "-f/--file" -- "${L[@]}" -t t -f "$TEST_TMP"
if [ "$(id -u)" != 0 ]; then
  printf 'x' >"$TEST_TMP/unreadable"
  chmod 000 "$TEST_TMP/unreadable"
  expect_usage wsmqtt-pub "-f unreadable" "-f/--file" "ermission" -- "${L[@]}" -t t -f "$TEST_TMP/unreadable"
fi
expect_usage wsmqtt-pub "--pw-file missing" "--pw-file" -- "${L[@]}" -t t -m x -u u --pw-file "$TEST_TMP/missing"
expect_usage wsmqtt-pub "-D publish response-topic with a wildcard" "-D publish response-topic" "topic name" -- \
  "${L[@]}" -t t -m x -D publish response-topic 'r/#'
expect_usage wsmqtt-pub "-D publish payload-format-indicator 2" "-D publish payload-format-indicator" "0 or 1" -- \
  "${L[@]}" -t t -m x -D publish payload-format-indicator 2
expect_usage wsmqtt-pub "-D publish subscription-identifier" "not allowed in publish" -- \
  "${L[@]}" -t t -m x -D publish subscription-identifier 1
expect_usage wsmqtt-pub "-D content-type over 65,535 bytes" "-D publish content-type" "65535" -- \
  "${L[@]}" -t t -m x -D publish content-type "$(head -c 65536 /dev/zero | tr '\0' 'c')"

finish
