#!/usr/bin/env bash
# Install and package (issue 6): `cmake --install` lays out bin/, share/man/man1/ and the three
# completion directories; `cpack -G DEB` builds a .deb with runtime dependencies; unpacked with
# `dpkg -x` into a temporary root, its binaries print their version and publish to broker A.
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$0")/lib.sh"
require_bin wsmqtt-pub wsmqtt-sub

BUILD=$(cd "$WSMQTT_BIN_DIR/.." && pwd)
H=$WSMQTT_HOST
WSMQTT_RUN_TIMEOUT=100

begin_case "cmake --install: binaries, man pages and completions where the shells look"
prefix="$TEST_TMP/prefix"
run_capture "$TEST_TMP/install.out" "$TEST_TMP/install.err" rc -- cmake --install "$BUILD" --prefix "$prefix"
assert_exit 0
for f in bin/wsmqtt-pub bin/wsmqtt-sub share/man/man1/wsmqtt-pub.1 share/man/man1/wsmqtt-sub.1 \
  share/bash-completion/completions/wsmqtt-pub share/bash-completion/completions/wsmqtt-sub \
  share/zsh/vendor-completions/_wsmqtt-pub share/zsh/vendor-completions/_wsmqtt-sub \
  share/fish/vendor_completions.d/wsmqtt-pub.fish share/fish/vendor_completions.d/wsmqtt-sub.fish; do
  [ -f "$prefix/$f" ] || _note_failure "$f not installed"
done
[ -x "$prefix/bin/wsmqtt-pub" ] && "$prefix/bin/wsmqtt-pub" --version >/dev/null || _note_failure "installed wsmqtt-pub does not run"

if ! command -v dpkg-deb >/dev/null; then
  begin_case "cpack -G DEB"
  _note_failure "dpkg-deb is not installed"
  finish
  exit $?
fi

begin_case "cpack -G DEB builds a package with runtime dependencies"
pkgdir="$TEST_TMP/pkg"
mkdir -p "$pkgdir"
run_capture "$TEST_TMP/cpack.out" "$TEST_TMP/cpack.err" rc -- cpack -G DEB --config "$BUILD/CPackConfig.cmake" -B "$pkgdir"
assert_exit 0
deb=$(find "$pkgdir" -maxdepth 1 -name 'wsmqtt_*.deb' | head -n 1)
if [ -z "$deb" ]; then
  _note_failure "no wsmqtt_*.deb in $pkgdir"
else
  depends=$(dpkg-deb -f "$deb" Depends)
  # OpenSSL and libstdc++ are linked in by default (WSMQTT_STATIC_LIBS): the package must
  # depend on exactly the shared libraries the binary loads.
  needed=$(readelf -d "$WSMQTT_BIN_DIR/wsmqtt-pub" | sed -n 's/.*NEEDED.*\[\(.*\)\]/\1/p')
  grep -q libc6 <<<"$depends" || _note_failure "Depends lacks libc6: $depends"
  for pair in libssl:libssl3 libstdc++:libstdc++6 libfmt:libfmt9; do
    lib=${pair%%:*} pkg=${pair#*:}
    if grep -q "^$lib" <<<"$needed"; then
      grep -q "$pkg" <<<"$depends" || _note_failure "Depends lacks $pkg: $depends"
    else
      grep -q "$pkg" <<<"$depends" && _note_failure "Depends lists $pkg, which the binary does not load: $depends"
    fi
  done
  [ "$(dpkg-deb -f "$deb" Package)" = wsmqtt ] || _note_failure "package name"
  dpkg-deb -c "$deb" >"$TEST_TMP/contents"
  for f in ./usr/bin/wsmqtt-pub ./usr/share/man/man1/wsmqtt-sub.1 ./usr/share/bash-completion/completions/wsmqtt-pub; do
    grep -qF " $f" "$TEST_TMP/contents" || _note_failure "$f not in the package"
  done
fi

begin_case "the unpacked package's binaries run: --version and a publish to broker A"
if [ -n "${deb:-}" ]; then
  root="$TEST_TMP/root"
  dpkg -x "$deb" "$root" || _note_failure "dpkg -x failed"
  run_capture "$TEST_TMP/v.out" "$TEST_TMP/v.err" rc -- "$root/usr/bin/wsmqtt-sub" --version
  assert_exit 0
  grep -q "^wsmqtt-sub [0-9]" "$TEST_TMP/v.out" || _note_failure "version: $(head -n 1 "$TEST_TMP/v.out")"
  grep -q "OpenSSL" "$TEST_TMP/v.out" || _note_failure "no library versions"
  topic=$(unique_topic package)
  wait_for_subscription s "$topic" -h "$H" -p "$WSMQTT_A_TCP_PORT"
  run_capture "$TEST_TMP/p.out" "$TEST_TMP/p.err" rc -- "$root/usr/bin/wsmqtt-pub" --no-options-file \
    -L "ws://$H:$WSMQTT_A_WS_PORT/mqtt" -q 1 -t "$topic" -m from-the-deb
  assert_exit 0
  sub_wait_messages "$s" 1 10 || _note_failure "the message did not arrive"
  assert_eq "payload" "$(hex_of_string from-the-deb)" "$(sub_message_hex "$s" 1)"
  sub_stop "$s"
else
  _note_failure "no package"
fi

finish
