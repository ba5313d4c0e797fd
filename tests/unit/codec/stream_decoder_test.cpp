// The stream decoder under every chunking, with the maximum packet size enforced early.
#include <random>

#include "core/codec/stream_decoder.hpp"
#include "golden_vectors.hpp"
#include "test_support.hpp"

namespace wsmqtt::codec {
namespace {

using test::bytes;

// All golden vectors that decode under (version, from), concatenated, and the packets they give.
struct stream_fixture {
    std::vector<std::uint8_t> stream;
    std::vector<packet> expected;
};

stream_fixture make_stream(protocol_version v, sender from) {
    stream_fixture f;
    for (const auto& g : golden::all_vectors) {
        if (g.from != from) continue;
        const bool same_family = is_v5(g.version) == is_v5(v);
        if (!same_family) continue;
        if (std::holds_alternative<connect>(decode(g.bytes, g.version, g.from).value())) continue;
        auto p = decode(g.bytes, v, from);
        if (!p) continue;
        f.stream.insert(f.stream.end(), g.bytes.begin(), g.bytes.end());
        f.expected.push_back(std::move(*p));
    }
    return f;
}

// Feeds `stream` in chunks whose sizes come from `next_chunk` and drains after each feed.
template <class ChunkFn>
std::vector<packet> run(stream_decoder& d, std::span<const std::uint8_t> stream, ChunkFn next_chunk) {
    std::vector<packet> out;
    std::size_t pos = 0;
    while (pos < stream.size()) {
        const std::size_t n = std::min(next_chunk(), stream.size() - pos);
        d.feed(stream.subspan(pos, n));
        pos += n;
        for (int guard = 0; guard < 1000; ++guard) {
            auto r = d.next();
            EXPECT_TRUE(r.has_value()) << r.error().message();
            if (!r || !*r) break;
            out.push_back(std::move(**r));
        }
    }
    return out;
}

TEST(stream_decoder, single_feed_many_packets) {
    for (auto v : {protocol_version::v311, protocol_version::v5}) {
        for (auto from : {sender::client, sender::server}) {
            const auto f = make_stream(v, from);
            ASSERT_GE(f.expected.size(), 5u);
            stream_decoder d(v, from);
            const auto got = run(d, f.stream, [&] { return f.stream.size(); });
            EXPECT_EQ(got, f.expected);
            EXPECT_TRUE(d.buffered().empty());
        }
    }
}

TEST(stream_decoder, one_byte_at_a_time) {
    for (auto v : {protocol_version::v311, protocol_version::v5}) {
        for (auto from : {sender::client, sender::server}) {
            const auto f = make_stream(v, from);
            stream_decoder d(v, from);
            EXPECT_EQ(run(d, f.stream, [] { return std::size_t{1}; }), f.expected);
        }
    }
}

TEST(stream_decoder, seeded_random_chunkings_match_single_feed) {
    for (auto v : {protocol_version::v311, protocol_version::v5}) {
        for (auto from : {sender::client, sender::server}) {
            const auto f = make_stream(v, from);
            for (std::uint32_t seed = 1; seed <= 50; ++seed) {
                std::mt19937 rng(seed);
                std::uniform_int_distribution<std::size_t> size(1, 40);
                stream_decoder d(v, from);
                EXPECT_EQ(run(d, f.stream, [&] { return size(rng); }), f.expected) << "seed " << seed;
            }
        }
    }
}

// A 4 MiB PUBLISH in 64 KiB reads: the buffer is sized once for the whole packet (no doubling
// past it) and given back when the packet is decoded, so a big message is not held twice while
// it is printed.
TEST(stream_decoder, big_packet_buffer_sized_once_and_released) {
    publish p;
    p.topic = "big/x";
    p.payload.assign(std::size_t{4} << 20, 0x5a);
    const auto wire = encode(packet{p}, protocol_version::v311).value();
    stream_decoder d(protocol_version::v311, sender::server);
    std::optional<packet> got;
    for (std::size_t off = 0; off < wire.size(); off += 65536) {
        d.feed(std::span<const std::uint8_t>(wire).subspan(off, std::min<std::size_t>(65536, wire.size() - off)));
        auto r = d.next();
        ASSERT_TRUE(r);
        if (*r) {
            got = std::move(**r);
        } else {
            EXPECT_EQ(d.held_bytes(), wire.size()) << "at offset " << off;
        }
    }
    ASSERT_TRUE(got);
    EXPECT_EQ(std::get<publish>(*got).payload, p.payload);
    EXPECT_EQ(d.held_bytes(), 0U);
}

TEST(stream_decoder, need_more_bytes_is_nullopt) {
    stream_decoder d(protocol_version::v311, sender::server);
    auto r = d.next();
    ASSERT_TRUE(r);
    EXPECT_FALSE(*r);
    d.feed(bytes({0x40}));
    EXPECT_FALSE(*d.next());
    EXPECT_EQ(d.pending_first_byte(), 0x40);
    d.feed(bytes({0x02, 0x00}));
    EXPECT_FALSE(*d.next());
    d.feed(bytes({0x05}));
    auto p = d.next();
    ASSERT_TRUE(p && *p);
    EXPECT_EQ(std::get<puback>(**p).packet_id, 5);
}

TEST(stream_decoder, oversize_packet_rejected_before_body_3_1_2_24) {
    stream_decoder d(protocol_version::v5, sender::server, 100);
    // PUBLISH with remaining length 1,000,000 (0xC0 0x84 0x3D): only the fixed header is fed.
    d.feed(bytes({0x30, 0xC0, 0x84, 0x3D}));
    auto r = d.next();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), codec_error::packet_too_large);
    EXPECT_TRUE(d.failed());
    // Stays failed.
    d.feed(bytes({0xC0, 0x00}));
    EXPECT_EQ(d.next().error(), codec_error::packet_too_large);
}

TEST(stream_decoder, max_size_counts_the_fixed_header) {
    stream_decoder d(protocol_version::v311, sender::server, 4);
    d.feed(bytes({0x40, 0x02, 0x00, 0x01}));  // exactly 4 bytes: fits
    EXPECT_TRUE(d.next().value());
    d.set_max_packet_size(3);
    d.feed(bytes({0x40, 0x02}));
    EXPECT_EQ(d.next().error(), codec_error::packet_too_large);
}

TEST(stream_decoder, fifth_length_byte_fails_without_waiting) {
    stream_decoder d(protocol_version::v311, sender::server);
    d.feed(bytes({0x30, 0x80, 0x80, 0x80, 0x80}));
    EXPECT_EQ(d.next().error(), codec_error::malformed_varint);
}

TEST(stream_decoder, error_is_sticky_and_buffered_shows_the_bytes) {
    stream_decoder d(protocol_version::v311, sender::server);
    const std::string http = "HTTP/1.1 400 Bad Request\r\n\r\n";
    d.feed(test::bytes_of(http));
    auto r = d.next();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), codec_error::reserved_flags);  // 'H' = 0x48: PUBACK with flags 8
    const auto buf = d.buffered();
    EXPECT_EQ(std::string(buf.begin(), buf.begin() + 5), "HTTP/");
    d.feed(bytes({0xD0, 0x00}));
    EXPECT_FALSE(d.next());
    d.reset();
    d.feed(bytes({0xD0, 0x00}));
    EXPECT_TRUE(d.next().value());
}

TEST(stream_decoder, broker_side_switches_to_the_connect_version) {
    stream_decoder d(protocol_version::v311, sender::client);
    d.feed(golden::connect_v5_will_props);
    d.feed(golden::auth_v5_short);
    ASSERT_TRUE(d.next().value());
    EXPECT_EQ(d.version(), protocol_version::v5);
    auto a = d.next();
    ASSERT_TRUE(a && *a);
    EXPECT_TRUE(std::holds_alternative<auth>(**a));
}

TEST(stream_decoder, client_learns_version_from_set_version) {
    stream_decoder d(protocol_version::v311, sender::server);
    d.set_version(protocol_version::v5);
    d.feed(golden::disconnect_v5_server_moved);
    auto p = d.next();
    ASSERT_TRUE(p && *p);
    EXPECT_EQ(std::get<disconnect>(**p).reason, reason_code::use_another_server);
}

TEST(stream_decoder, many_packets_consumed_without_growing_unbounded) {
    stream_decoder d(protocol_version::v311, sender::server);
    std::vector<std::uint8_t> one;
    ASSERT_TRUE(encode(publish{.topic = "a/b", .payload = std::vector<std::uint8_t>(100, 'x')},
                       protocol_version::v311, one));
    std::size_t decoded = 0;
    for (int round = 0; round < 2000; ++round) {
        d.feed(one);
        d.feed(std::span<const std::uint8_t>(one).first(3));  // a partial packet stays behind
        auto r = d.next();
        ASSERT_TRUE(r && *r);
        ++decoded;
        auto rest = d.buffered();
        std::vector<std::uint8_t> tail(one.begin() + 3, one.end());
        d.feed(tail);
        ASSERT_TRUE(d.next().value());
        ++decoded;
        EXPECT_LE(rest.size(), one.size());
    }
    EXPECT_EQ(decoded, 4000u);
    EXPECT_TRUE(d.buffered().empty());
}

}  // namespace
}  // namespace wsmqtt::codec
