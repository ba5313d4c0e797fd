#!/usr/bin/env python3
"""Writes the seed corpora of fuzz_format_program, fuzz_property_flags and fuzz_websocket_read
(tests/fuzz/{format,property,websocket}/corpus). The files are committed; run this by hand after
changing an input layout: python3 tests/fuzz/write_corpora.py. Layouts: see each target's header."""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))


def write(target, name, data):
    d = os.path.join(HERE, target, "corpus")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


# ---- -F formats: byte 0 = message (0-5) | 8 utc | 16 pretty
FORMATS = [
    "%t %p", "%t:%q:%r:%m:%l", "%x", "%X", "%j", "%J", "%I", "%U", "%A %C %D %E %F %P %R %S",
    "%-20t|%20p|", "%08l %.3p %-.2t", "%05q%-5r", "%.0p", "%65535t", "%.65535p", "%65536t", "%.99999p",
    "@Y-@m-@d @H:@M:@S.@N", "@@ %% \\\\ \\n \\t \\0 \\a \\e \\r \\v", "%", "@", "\\", "%k", "@q", "\\q",
    "%-", "%.", "%5j", "%.2J", "%.3x", "literal only", "", "%t\\n%p\\n", "%%%t%%", "@N@N@N",
    "%-08.4t", "%0-8.4C", "%4294967296t", "%1.", "%.x", "\xff\xfe%t", "%t\x00%p", "@\x00", "%\x80",
    "%P%P%P%P%P%P%P%P", "%20P|%-20D|%.1D", "%I%U@s@z@Z@j@a@A@b@B@c@C@D@e@F@g@G@h@I@k@l@n@p@r@R@T@u@V@w@W@x@X@y",
]
for i, fmt in enumerate(FORMATS):
    raw = fmt.encode("latin-1")
    write("format", "fmt_%02d_m%d" % (i, i % 6), bytes([i % 6]) + raw)
    write("format", "fmt_%02d_utc_pretty" % i, bytes([((i + 1) % 6) | 8 | 16]) + raw)

# ---- -D words: byte 0 = bit 0 program (0 pub, 1 sub) | bits 1-7: 4 words for occurrence n
def words(*ws):
    return b"\x00".join(w.encode("latin-1") if isinstance(w, str) else w for w in ws)

PROPERTY_CASES = [
    (0, ["publish", "content-type", "text/plain"]),
    (0, ["PUBLISH", "Content-Type", "text/plain"]),
    (2, ["publish", "user-property", "k", "v"]),
    (0, ["publish", "message-expiry-interval", "120"]),
    (0, ["publish", "message-expiry-interval", "4294967296"]),
    (0, ["publish", "message-expiry-interval", "-1"]),
    (0, ["publish", "payload-format-indicator", "7"]),
    (0, ["publish", "response-topic", "a/+"]),
    (0, ["publish", "response-topic", "a/\xff"]),
    (0, ["publish", "correlation-data", "\x01\x02\xff"]),
    (0, ["publish", "topic-alias", "0"]),
    (0, ["publish", "topic-alias", "65535"]),
    (0, ["publish", "subscription-identifier", "5"]),
    (0, ["connect", "receive-maximum", "0"]),
    (0, ["connect", "receive-maximum", "65536"]),
    (0, ["connect", "session-expiry-interval", "60"]),
    (0, ["connect", "maximum-packet-size", "0"]),
    (0, ["connect", "authentication-method", "SCRAM"]),
    (0, ["connect", "request-problem-information", "1"]),
    (0, ["will", "will-delay-interval", "9"]),
    (0, ["will", "content-type", "x"]),
    (0, ["disconnect", "session-expiry-interval", "0"]),
    (2, ["disconnect", "user-property", "bye", "now"]),
    (0, ["puback", "reason-string", "x"]),
    (0, ["auth", "authentication-method", "x"]),
    (2, ["subscribe", "user-property", "a", "b"]),
    (0, ["bogus", "content-type", "x"]),
    (0, ["publish", "nope", "x"]),
    (0, ["publish", "content-type"]),
    (0, ["publish", "user-property", "only"]),
    (2, ["publish", "content-type", "a", "b"]),
    (0, ["publish", "content-type", "bad\xc0\x80utf8"]),
    (0, ["publish", "content-type", "\xed\xa0\x80"]),
    (0, ["publish", "content-type", "line\nbreak\r"]),
    (2, ["publish", "user-property", "na\nme", "va\x1blue"]),
    (0, ["publish", "content-type", "x" * 70000]),
    (1, ["connect", "user-property", "ck", "cv"]),
    (3, ["subscribe", "user-property", "sk", "sv"]),
    (3, ["unsubscribe", "user-property", "uk", "uv"]),
    (1, ["subscribe", "subscription-identifier", "268435455"]),
    (1, ["subscribe", "subscription-identifier", "268435456"]),
    (1, ["subscribe", "content-type", "x"]),
    (1, ["publish", "content-type", "x"]),
    (1, ["connect", "receive-maximum", "x"]),
    (1, ["connect", "topic-alias-maximum", "10"]),
    (0, ["publish", "content-type", "a", "publish", "message-expiry-interval", "5", "connect", "receive-maximum", "3"]),
    (6, ["publish", "user-property", "a", "b", "connect", "user-property", "c", "d", "will", "content-type", "x"]),
    (0, ["", "", ""]),
    (0, ["publish", "", ""]),
]
for i, (mode, ws) in enumerate(PROPERTY_CASES):
    write("property", "d_%02d" % i, bytes([mode]) + words(*ws))

# ---- WebSocket: byte 0 = read buffer, byte 1 = chunk seed, byte 2 = read_message_max / 4
def frame(opcode, payload, fin=True, mask=None, rsv=0, length_form=None):
    b0 = (0x80 if fin else 0) | rsv | opcode
    n = len(payload)
    form = length_form or ("7" if n < 126 else "16" if n < 65536 else "64")
    m = 0x80 if mask else 0
    if form == "7":
        head = bytes([b0, m | n])
    elif form == "16":
        head = bytes([b0, m | 126]) + struct.pack(">H", n)
    else:
        head = bytes([b0, m | 127]) + struct.pack(">Q", n)
    if mask:
        payload = bytes(c ^ mask[i % 4] for i, c in enumerate(payload))
        head += mask
    return head + payload


CONNACK = bytes([0x20, 0x03, 0x00, 0x00, 0x00])
PUB = bytes([0x30, 0x0A, 0x00, 0x03]) + b"a/b" + b"\x00" + b"hello"  # v5, empty props
PUB_Q1 = bytes([0x32, 0x0C, 0x00, 0x03]) + b"a/b" + b"\x00\x07" + b"\x00" + b"hello"
PINGRESP = bytes([0xD0, 0x00])
SUBACK = bytes([0x90, 0x04, 0x00, 0x01, 0x00, 0x01])
BIG_PUB = bytes([0x30, 0xE8, 0x07, 0x00, 0x01]) + b"t" + b"\x00" + b"x" * 996  # 1,003 bytes


def ws_case(name, stream, read=0x40, seed=0, cap=0):
    write("websocket", name, bytes([read, seed, cap]) + stream)


ws_case("connack_one_frame", frame(2, CONNACK))
ws_case("connack_then_publish", frame(2, CONNACK) + frame(2, PUB) + frame(2, PUB_Q1), read=5, seed=3)
ws_case("hundred_packets_one_frame", frame(2, CONNACK + PUB * 100), read=0x40 | 7, seed=9)
ws_case("packet_over_1000_byte_frames",
        frame(2, CONNACK) + b"".join(frame(0 if i else 2, bytes([b]), fin=(i == len(BIG_PUB) - 1))
                                     for i, b in enumerate(BIG_PUB)), read=1)
ws_case("one_byte_messages", b"".join(frame(2, bytes([b])) for b in CONNACK + PUB + PINGRESP), read=3)
ws_case("fragmented_message", frame(2, CONNACK[:2], fin=False) + frame(0, CONNACK[2:], fin=False) + frame(0, b"", fin=True))
ws_case("ping_between_fragments", frame(2, CONNACK[:2], fin=False) + frame(9, b"hi") + frame(0, CONNACK[2:]))
ws_case("many_pings", frame(2, CONNACK) + frame(9, b"") * 500)
ws_case("pong_unsolicited", frame(10, b"x") + frame(2, CONNACK))
ws_case("close_normal", frame(2, CONNACK) + frame(8, struct.pack(">H", 1000) + b"bye"))
ws_case("close_mid_packet", frame(2, PUB[:5]) + frame(8, struct.pack(">H", 1001)))
ws_case("close_empty", frame(8, b""))
ws_case("close_one_byte_payload", frame(8, b"\x03"))
ws_case("close_bad_code", frame(8, struct.pack(">H", 999)))
ws_case("close_reserved_code", frame(8, struct.pack(">H", 1005)))
ws_case("close_bad_utf8_reason", frame(8, struct.pack(">H", 1000) + b"\xc0\x80"))
ws_case("close_then_data", frame(8, struct.pack(">H", 1000)) + frame(2, CONNACK))
ws_case("text_frame", frame(1, CONNACK))
ws_case("text_after_binary", frame(2, CONNACK) + frame(1, b"hello"))
ws_case("masked_from_server", frame(2, CONNACK, mask=b"\x01\x02\x03\x04"))
ws_case("rsv1_set", frame(2, CONNACK, rsv=0x40))
ws_case("rsv3_set", frame(2, CONNACK, rsv=0x10))
ws_case("reserved_opcode_3", frame(3, CONNACK))
ws_case("reserved_opcode_11", frame(11, b""))
ws_case("continuation_without_start", frame(0, CONNACK))
ws_case("new_message_inside_fragmented", frame(2, CONNACK[:2], fin=False) + frame(2, CONNACK[2:]))
ws_case("fragmented_ping", frame(9, b"a", fin=False) + frame(0, b"b"))
ws_case("control_over_125", frame(9, b"p" * 126, length_form="16"))
ws_case("len16_small", frame(2, CONNACK, length_form="16"))
ws_case("len64_small", frame(2, CONNACK, length_form="64"))
ws_case("len64_huge", bytes([0x82, 0x7F, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]) + CONNACK)
ws_case("len64_high_bit", bytes([0x82, 0x7F, 0x80, 0, 0, 0, 0, 0, 0, 5]) + CONNACK)
ws_case("over_read_message_max", frame(2, BIG_PUB), cap=8)
ws_case("fragments_over_read_message_max", frame(2, BIG_PUB[:100], fin=False) + frame(0, BIG_PUB[100:]), cap=200)
ws_case("empty_binary_messages", frame(2, b"") * 50 + frame(2, CONNACK))
ws_case("truncated_header", bytes([0x82]))
ws_case("truncated_len16", bytes([0x82, 0x7E, 0x01]))
ws_case("truncated_payload", frame(2, BIG_PUB)[:50])
ws_case("http_garbage", b"HTTP/1.1 200 OK\r\n\r\n")
ws_case("mqtt_remaining_length_5_ff", frame(2, bytes([0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F])))
ws_case("mqtt_unknown_packet_type", frame(2, bytes([0x00, 0x00])))
ws_case("mqtt_connack_garbage", frame(2, bytes([0x20, 0x05, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])))
ws_case("mqtt_topic_past_packet", frame(2, bytes([0x30, 0x04, 0x00, 0x10, 0x61, 0x62])))
ws_case("suback_pingresp_seed_chunks", frame(2, CONNACK + SUBACK) + frame(2, PINGRESP), read=2, seed=200)
ws_case("binary_then_close_fragmented", frame(2, PUB, fin=False) + frame(8, struct.pack(">H", 1000)))
ws_case("all_opcodes", b"".join(frame(op, b"z") for op in range(16)))
ws_case("zero_bytes", b"")
print("corpora written under", HERE)
