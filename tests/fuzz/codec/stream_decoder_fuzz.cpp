// Fuzz target for the stream decoder, the decoder and the encoder together.
//
// Input layout: byte 0 picks the protocol version (bits 0-1: 0 = 3.1, 1 = 3.1.1, 2-3 = 5), the
// sender (bit 2: 0 = client, 1 = server) and a chunking seed (bits 3-7); byte 1 picks the maximum
// packet size (0 = the protocol maximum, n = 8 * n bytes); the rest is the byte stream.
//
// Checks (abort on failure, so libFuzzer reports them):
//  - the stream fed in one piece and fed in seeded chunks yields the same packets and error;
//  - every decoded packet re-encodes, encoded_size agrees, and the bytes decode to an equal packet.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <span>
#include <vector>

#include "core/codec/decoder.hpp"
#include "core/codec/encoder.hpp"
#include "core/codec/stream_decoder.hpp"

namespace {

using namespace wsmqtt::codec;

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "stream_decoder_fuzz: %s\n", what);
    std::abort();
}

struct outcome {
    std::vector<packet> packets;
    std::vector<protocol_version> versions;  // decoder version right after each packet
    boost::system::error_code error;
};

// Drains every ready packet; returns false once the decoder has failed.
bool drain(stream_decoder& d, outcome& out) {
    for (std::size_t guard = 0; guard < 100'000; ++guard) {
        auto r = d.next();
        if (!r) {
            out.error = r.error();
            return false;
        }
        if (!*r) return true;
        out.packets.push_back(std::move(**r));
        out.versions.push_back(d.version());
    }
    fail("next() never ran dry");
}

void check_round_trip(const packet& p, protocol_version v, sender from) {
    std::vector<std::uint8_t> bytes;
    auto enc = encode(p, v, bytes);
    if (!enc) {
        std::fprintf(stderr, "encode error: %s (packet index %zu)\n", enc.error().message().c_str(), p.index());
        fail("a decoded packet does not encode");
    }
    auto size = encoded_size(p, v);
    if (!size || *size != bytes.size()) fail("encoded_size disagrees with encode");
    auto again = decode(bytes, v, from);
    if (!again) {
        std::fprintf(stderr, "decode error: %s\n", again.error().message().c_str());
        fail("re-encoded packet does not decode");
    }
    if (!(*again == p)) fail("re-encoded packet decodes to a different packet");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    const std::uint8_t mode = data[0];
    const unsigned version_bits = mode & 0x03u;
    const auto version = version_bits == 0   ? protocol_version::v31
                         : version_bits == 1 ? protocol_version::v311
                                             : protocol_version::v5;
    const sender from = (mode & 0x04u) ? sender::server : sender::client;
    std::uint32_t seed = (mode >> 3) + 1u;
    const std::size_t max_size = data[1] == 0 ? max_packet_size : std::size_t{data[1]} * 8;
    const std::span<const std::uint8_t> stream(data + 2, size - 2);

    outcome whole;
    {
        stream_decoder d(version, from, max_size);
        d.feed(stream);
        drain(d, whole);
    }

    outcome chunked;
    {
        stream_decoder d(version, from, max_size);
        std::size_t pos = 0;
        while (pos < stream.size()) {
            seed = seed * 1'103'515'245u + 12'345u;  // small LCG: chunk sizes 1..64
            const std::size_t n = std::min<std::size_t>(1 + ((seed >> 16) % 64), stream.size() - pos);
            d.feed(stream.subspan(pos, n));
            pos += n;
            if (!drain(d, chunked)) break;
        }
        if (chunked.packets.size() < whole.packets.size() && !chunked.error) drain(d, chunked);
    }

    if (whole.packets != chunked.packets) fail("chunked feed gives different packets");
    if (whole.error != chunked.error) fail("chunked feed gives a different error");

    for (std::size_t i = 0; i < whole.packets.size(); ++i) check_round_trip(whole.packets[i], whole.versions[i], from);
    return 0;
}
