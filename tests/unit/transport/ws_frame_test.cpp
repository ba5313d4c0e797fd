// WebSocket framing without a socket: the client's frames byte for byte (RFC 6455 5.2, 5.3 and
// the example of 5.7), and the reader's view of the server's frames in any chunking, with every
// violation a client must refuse.
#include "core/transport/ws_frame.hpp"

#include <gtest/gtest.h>

#include <boost/beast/websocket/error.hpp>

#include <string>
#include <vector>

#include "core/transport/errors.hpp"

namespace {

using namespace wsmqtt::transport;
using ws::frame_reader;
using ws::opcode;
using wserror = boost::beast::websocket::error;

std::vector<std::uint8_t> bytes(std::initializer_list<int> list) {
    std::vector<std::uint8_t> out;
    for (int b : list) out.push_back(static_cast<std::uint8_t>(b));
    return out;
}

std::vector<std::uint8_t> bytes(const std::string& text) { return {text.begin(), text.end()}; }

// An unmasked frame from the server, with the shortest length encoding unless `length_bytes` asks.
std::vector<std::uint8_t> server_frame(int first_byte, const std::string& payload, int length_bytes = 0) {
    std::vector<std::uint8_t> f{static_cast<std::uint8_t>(first_byte)};
    const std::size_t n = payload.size();
    if (length_bytes == 0) length_bytes = n < 126 ? 0 : n <= 0xFFFF ? 2 : 8;
    if (length_bytes == 0) {
        f.push_back(static_cast<std::uint8_t>(n));
    } else {
        f.push_back(length_bytes == 2 ? 126 : 127);
        for (int i = length_bytes - 1; i >= 0; --i) f.push_back(static_cast<std::uint8_t>(n >> (8 * i)));
    }
    f.insert(f.end(), payload.begin(), payload.end());
    return f;
}

std::vector<std::uint8_t> join(std::initializer_list<std::vector<std::uint8_t>> parts) {
    std::vector<std::uint8_t> out;
    for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
    return out;
}

struct read_result {
    std::string data;
    boost::system::error_code error;
};

// Feeds `raw` in chunks of `chunk` bytes (0: all at once), as reads from a socket would.
read_result read_all(frame_reader& reader, std::vector<std::uint8_t> raw, std::size_t chunk = 0) {
    read_result r;
    if (chunk == 0) chunk = raw.size();
    for (std::size_t at = 0; at < raw.size() && !r.error; at += chunk) {
        const std::size_t n = std::min(chunk, raw.size() - at);
        auto got = reader.unframe(std::span<std::uint8_t>(raw.data() + at, n));
        r.data.append(reinterpret_cast<const char*>(raw.data() + at), got.data);
        r.error = got.error;
    }
    if (!r.error) r.error = reader.unframe({}).error;  // an error held back behind data shows now
    return r;
}

TEST(ws_frame, client_frames_are_final_and_masked_with_the_shortest_length) {
    const ws::masking_key key{1, 2, 3, 4};
    std::array<std::uint8_t, ws::max_header_size> h{};
    EXPECT_EQ(ws::encode_client_header(opcode::binary, 125, key, h), 6u);
    EXPECT_EQ(h[0], 0x82);
    EXPECT_EQ(h[1], 0x80 | 125);
    EXPECT_EQ(h[2], 1);
    EXPECT_EQ(h[5], 4);
    EXPECT_EQ(ws::encode_client_header(opcode::binary, 126, key, h), 8u);
    EXPECT_EQ(h[1], 0x80 | 126);
    EXPECT_EQ((h[2] << 8) | h[3], 126);
    EXPECT_EQ(ws::encode_client_header(opcode::binary, 65535, key, h), 8u);
    EXPECT_EQ(ws::encode_client_header(opcode::binary, 65536, key, h), 14u);
    EXPECT_EQ(h[1], 0x80 | 127);
    EXPECT_EQ(h[7], 1);  // 0x00 00 00 00 00 01 00 00
    EXPECT_EQ(h[9], 0);
    EXPECT_EQ(h[10], 1);  // the key follows the length
}

TEST(ws_frame, the_masked_hello_of_rfc_6455_section_5_7) {
    // "A single-frame masked text message": 0x81 0x85 0x37 0xfa 0x21 0x3d 0x7f 0x9f 0x4d 0x51 0x58
    const ws::masking_key key{0x37, 0xfa, 0x21, 0x3d};
    std::array<std::uint8_t, ws::max_header_size> h{};
    const std::size_t n = ws::encode_client_header(opcode::text, 5, key, h);
    auto payload = bytes("Hello");
    ws::apply_mask(payload, key);
    std::vector<std::uint8_t> frame(h.begin(), h.begin() + static_cast<std::ptrdiff_t>(n));
    frame.insert(frame.end(), payload.begin(), payload.end());
    EXPECT_EQ(frame, bytes({0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58}));
}

TEST(ws_frame, masking_twice_gives_the_bytes_back_at_every_length) {
    const ws::masking_key key{0xde, 0xad, 0xbe, 0xef};
    for (std::size_t size = 0; size < 40; ++size) {
        std::vector<std::uint8_t> original(size);
        for (std::size_t i = 0; i < size; ++i) original[i] = static_cast<std::uint8_t>(i * 7);
        auto masked = original;
        ws::apply_mask(masked, key);
        for (std::size_t i = 0; i < size; ++i) EXPECT_EQ(masked[i], original[i] ^ key[i % 4]) << size << " " << i;
        ws::apply_mask(masked, key);
        EXPECT_EQ(masked, original);
    }
}

TEST(ws_frame, control_frames_carry_their_payload_masked) {
    const ws::masking_key key{9, 9, 9, 9};
    const auto close = ws::encode_client_control(opcode::close, ws::close_payload(1000), key);
    ASSERT_EQ(close.size(), 8u);
    EXPECT_EQ(static_cast<std::uint8_t>(close[0]), 0x88);
    EXPECT_EQ(static_cast<std::uint8_t>(close[1]), 0x82);
    EXPECT_EQ(static_cast<std::uint8_t>(close[6]), 0x03 ^ 9);
    EXPECT_EQ(static_cast<std::uint8_t>(close[7]), 0xe8 ^ 9);
}

TEST(ws_frame, reads_binary_payload_in_any_chunking) {
    const auto raw = join({server_frame(0x02, "He"), server_frame(0x00, "l"), server_frame(0x89, "are you there"),
                           server_frame(0x80, "lo"), server_frame(0x82, ""), server_frame(0x82, std::string(300, 'x')),
                           server_frame(0x82, std::string(70000, 'y'))});
    const std::string expected = "Hello" + std::string(300, 'x') + std::string(70000, 'y');
    for (std::size_t chunk : {0, 1, 2, 3, 7, 100, 4096}) {
        SCOPED_TRACE(chunk);
        frame_reader reader(1 << 20);
        const auto r = read_all(reader, raw, chunk);
        EXPECT_FALSE(r.error) << r.error.message();
        EXPECT_EQ(r.data, expected);
        EXPECT_EQ(reader.take_ping(), std::optional<std::string>("are you there"));
        EXPECT_EQ(reader.take_ping(), std::nullopt);
        EXPECT_FALSE(reader.closed());
    }
}

TEST(ws_frame, a_close_frame_ends_the_stream_and_keeps_its_code) {
    frame_reader reader(1000);
    const auto r = read_all(reader, join({server_frame(0x82, "ab"), server_frame(0x88, "\x03\xe9" "bye"),
                                          server_frame(0x82, "after")}));
    EXPECT_FALSE(r.error);
    EXPECT_EQ(r.data, "ab");  // nothing after the close frame is read
    EXPECT_TRUE(reader.closed());
    EXPECT_EQ(reader.close_code(), 1001);

    frame_reader bare(1000);
    read_all(bare, server_frame(0x88, ""));
    EXPECT_TRUE(bare.closed());
    EXPECT_EQ(bare.close_code(), 1005);
}

TEST(ws_frame, payload_before_a_violation_is_delivered_then_the_error) {
    frame_reader reader(1000);
    auto raw = join({server_frame(0x82, "ok"), bytes({0x83, 0x00})});
    auto got = reader.unframe(raw);
    EXPECT_EQ(got.data, 2u);
    EXPECT_FALSE(got.error);
    EXPECT_EQ(reader.unframe({}).error, wserror::bad_opcode);
    auto more = bytes("more");
    EXPECT_EQ(reader.unframe(more).error, wserror::bad_opcode);  // it stays failed
}

struct violation {
    const char* name;
    std::vector<std::uint8_t> raw;
    boost::system::error_code expected;
};

TEST(ws_frame, every_violation_a_client_must_refuse) {
    const std::vector<violation> cases = {
        {"text frame", server_frame(0x81, "hi"), transport_errc::text_frame},
        {"masked frame from the server", bytes({0x82, 0x82, 1, 2, 3, 4, 5, 6}), wserror::bad_masked_frame},
        {"reserved bit 1", server_frame(0xC2, "x"), wserror::bad_reserved_bits},
        {"reserved bit 3", server_frame(0x92, "x"), wserror::bad_reserved_bits},
        {"opcode 3", server_frame(0x83, "x"), wserror::bad_opcode},
        {"opcode 0xB", server_frame(0x8B, "x"), wserror::bad_opcode},
        {"control frame of 126 bytes", server_frame(0x89, std::string(126, 'p')), wserror::bad_control_size},
        {"fragmented ping", server_frame(0x09, "p"), wserror::bad_control_fragment},
        {"continuation without a message", server_frame(0x80, "x"), wserror::bad_continuation},
        {"new message inside a fragmented one", join({server_frame(0x02, "a"), server_frame(0x82, "b")}),
         wserror::bad_data_frame},
        {"16-bit length under 126", server_frame(0x82, "short", 2), wserror::bad_size},
        {"64-bit length under 65536", server_frame(0x82, "short", 8), wserror::bad_size},
        {"64-bit length with the top bit", bytes({0x82, 127, 0x80, 0, 0, 0, 0, 0, 0, 1}), wserror::bad_size},
        {"message over the maximum", server_frame(0x82, std::string(11, 'm')), wserror::message_too_big},
        {"fragments over the maximum", join({server_frame(0x02, std::string(6, 'm')), server_frame(0x80, std::string(5, 'm'))}),
         wserror::message_too_big},
    };
    for (const auto& c : cases) {
        for (std::size_t chunk : {0, 1}) {
            SCOPED_TRACE(std::string(c.name) + (chunk == 1 ? ", byte by byte" : ""));
            frame_reader reader(10);
            EXPECT_EQ(read_all(reader, c.raw, chunk).error, c.expected);
        }
    }
}

TEST(ws_frame, a_fragmented_message_within_the_maximum_is_fine) {
    frame_reader reader(10);
    const auto r = read_all(reader, join({server_frame(0x02, "12345"), server_frame(0x80, "67890"), server_frame(0x82, "abcdefghij")}));
    EXPECT_FALSE(r.error) << r.error.message();
    EXPECT_EQ(r.data, "1234567890abcdefghij");  // the maximum is per message
}

}  // namespace
