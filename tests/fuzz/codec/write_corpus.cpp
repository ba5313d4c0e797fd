// Writes the seed corpus of fuzz_codec_stream_decoder: every golden vector under its version and
// sender, whole streams of them, and known-malformed inputs. Usage: codec_write_corpus <dir>.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/unit/codec/golden_vectors.hpp"

namespace {

using namespace wsmqtt::codec;

std::uint8_t mode_byte(protocol_version v, sender from, unsigned seed) {
    const unsigned version_bits = v == protocol_version::v31 ? 0u : v == protocol_version::v311 ? 1u : 2u;
    return static_cast<std::uint8_t>(version_bits | (from == sender::server ? 4u : 0u) | (seed << 3));
}

void write(const std::filesystem::path& dir, const std::string& name, std::uint8_t mode, std::uint8_t max_size,
           const std::vector<std::uint8_t>& stream) {
    std::ofstream out(dir / name, std::ios::binary);
    out.put(static_cast<char>(mode));
    out.put(static_cast<char>(max_size));
    out.write(reinterpret_cast<const char*>(stream.data()), static_cast<std::streamsize>(stream.size()));
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: codec_write_corpus <dir>\n");
        return 2;
    }
    const std::filesystem::path dir{argv[1]};
    std::filesystem::create_directories(dir);

    std::vector<std::uint8_t> streams[2][2];  // [v5][server]
    for (const auto& g : golden::all_vectors) {
        const std::vector<std::uint8_t> bytes(g.bytes.begin(), g.bytes.end());
        write(dir, "golden_" + std::string(g.name), mode_byte(g.version, g.from, 0), 0, bytes);
        const bool v5 = is_v5(g.version);
        const bool server = g.from == sender::server;
        if (g.bytes[0] >> 4 != 1) streams[v5][server].insert(streams[v5][server].end(), bytes.begin(), bytes.end());
    }
    for (int v5 = 0; v5 < 2; ++v5) {
        for (int server = 0; server < 2; ++server) {
            const auto version = v5 ? protocol_version::v5 : protocol_version::v311;
            const auto from = server ? sender::server : sender::client;
            const std::string name = std::string("stream_") + (v5 ? "v5_" : "v311_") + (server ? "server" : "client");
            write(dir, name + "_seed3", mode_byte(version, from, 3), 0, streams[v5][server]);
            write(dir, name + "_seed17", mode_byte(version, from, 17), 0, streams[v5][server]);
        }
    }

    const auto v311c = mode_byte(protocol_version::v311, sender::client, 1);
    const auto v311s = mode_byte(protocol_version::v311, sender::server, 1);
    const auto v5c = mode_byte(protocol_version::v5, sender::client, 1);
    const auto v5s = mode_byte(protocol_version::v5, sender::server, 1);
    write(dir, "bad_varint_5_bytes", v311s, 0, {0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01});
    write(dir, "bad_http_answer", v311s, 0,
          {'H', 'T', 'T', 'P', '/', '1', '.', '1', ' ', '4', '0', '0', ' ', 'B', 'a', 'd', '\r', '\n', '\r', '\n'});
    write(dir, "bad_oversize", v5s, 4, {0x30, 0xC0, 0x84, 0x3D, 0x00, 0x01, 't'});
    write(dir, "bad_reserved_flags_puback", v311s, 0, {0x41, 0x02, 0x00, 0x01});
    write(dir, "bad_qos3", v311s, 0, {0x36, 0x05, 0x00, 0x01, 't', 0x00, 0x01});
    write(dir, "bad_packet_id_0", v311s, 0, {0x40, 0x02, 0x00, 0x00});
    write(dir, "bad_overlong_utf8_topic", v311s, 0, {0x30, 0x04, 0x00, 0x02, 0xC0, 0x80});
    write(dir, "bad_surrogate_topic", v5s, 0, {0x30, 0x06, 0x00, 0x03, 0xED, 0xA0, 0x80, 0x00});
    write(dir, "bad_duplicate_receive_maximum", v5c, 0,
          {0x10, 0x13, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x3C, 0x06, 0x21, 0x00, 0x0A, 0x21, 0x00,
           0x0B, 0x00, 0x00});
    write(dir, "bad_property_not_allowed", v5s, 0,
          {0x30, 0x09, 0x00, 0x01, 't', 0x05, 0x11, 0x00, 0x00, 0x00, 0x01});
    write(dir, "bad_length_mismatch_ack", v311s, 0, {0x40, 0x03, 0x00, 0x01, 0x00});
    write(dir, "bad_subscribe_filter", v311c, 0, {0x82, 0x08, 0x00, 0x01, 0x00, 0x03, '#', '/', 'a', 0x00});
    write(dir, "bad_password_without_user", v311c, 0,
          {0x10, 0x10, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x42, 0x00, 0x3C, 0x00, 0x01, 'a', 0x00, 0x01, 'p'});
    write(dir, "bad_auth_in_v311", v311s, 0, {0xF0, 0x00});
    write(dir, "connect_v31_then_ping", mode_byte(protocol_version::v31, sender::client, 2), 0,
          {0x10, 15, 0x00, 0x06, 'M', 'Q', 'I', 's', 'd', 'p', 0x03, 0x02, 0x00, 0x1E, 0x00, 0x01, 'x', 0xC0, 0x00});
    std::printf("corpus written to %s\n", dir.c_str());
    return 0;
}
