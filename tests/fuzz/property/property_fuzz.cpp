// Fuzz target for the -D property parser both binaries share (cli/common/property_flags).
//
// Input layout: byte 0 picks the program (bit 0: 0 = wsmqtt-pub's packets, 1 = wsmqtt-sub's) and
// how many words each -D occurrence takes (bits 1-7, one bit per occurrence: 3 or 4 words);
// the rest is the words, separated by NUL bytes (argv cannot hold a NUL, so neither can a word).
//
// Checks (abort on failure, so libFuzzer reports them):
//  - an error is exactly one line (no CR/LF, whatever bytes the words held) and names -D;
//  - whatever the parser accepted is a valid property set for its packet (validate_properties),
//    so a bad -D value can never reach the wire: it must be a usage error instead;
//  - an accepted property set encodes.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "cli/common/property_flags.hpp"
#include "core/codec/encoder.hpp"
#include "core/codec/packets.hpp"

namespace {

using namespace wsmqtt;

[[noreturn]] void fail(const char* what, const std::string& detail) {
    std::fprintf(stderr, "property_fuzz: %s: %s\n", what, detail.c_str());
    std::abort();
}

void check_valid(const codec::properties& props, codec::packet_type in, bool will, const char* name) {
    if (auto ok = codec::validate_properties(props, in, will); !ok) {
        fail("accepted properties do not validate", std::string(name) + ": " + ok.error().message());
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const std::uint8_t mode = data[0];
    std::vector<std::string> words;
    std::string word;
    for (std::size_t i = 1; i < size; ++i) {
        if (data[i] == 0) {
            words.push_back(std::move(word));
            word.clear();
        } else {
            word.push_back(static_cast<char>(data[i]));
        }
    }
    words.push_back(std::move(word));

    codec::properties connect, publish, will, disconnect, subscribe, unsubscribe;
    cli::property_destinations to;
    if (mode & 1u) {
        to.program = "wsmqtt-sub";
        to.connect = &connect;
        to.subscribe = &subscribe;
        to.unsubscribe = &unsubscribe;
    } else {
        to.program = "wsmqtt-pub";
        to.connect = &connect;
        to.publish = &publish;
        to.will = &will;
        to.disconnect = &disconnect;
        to.ignore_subscribe_commands = true;
    }

    std::size_t pos = 0;
    for (unsigned occurrence = 0; pos < words.size() && occurrence < 64; ++occurrence) {
        const std::size_t n = 3u + ((mode >> (1u + occurrence % 7u)) & 1u);
        std::vector<std::string> args;
        for (std::size_t k = 0; k < n && pos < words.size(); ++k) args.push_back(words[pos++]);
        const cli::property_outcome out = cli::apply_property_words(args, to);
        if (!out.ok()) {
            if (out.error.find_first_of("\r\n") != std::string::npos) fail("error spans lines", out.error);
            if (out.error.find("-D") == std::string::npos) fail("error does not name -D", out.error);
        }
        if (out.note.find_first_of("\r\n") != std::string::npos) fail("note spans lines", out.note);
    }

    check_valid(connect, codec::packet_type::connect, false, "connect");
    check_valid(publish, codec::packet_type::publish, false, "publish");
    check_valid(will, codec::packet_type::connect, true, "will");
    check_valid(disconnect, codec::packet_type::disconnect, false, "disconnect");
    check_valid(subscribe, codec::packet_type::subscribe, false, "subscribe");
    check_valid(unsubscribe, codec::packet_type::unsubscribe, false, "unsubscribe");

    codec::publish p;
    p.topic = "t";
    p.props = publish;
    std::vector<std::uint8_t> bytes;
    if (auto enc = codec::encode(codec::packet{p}, codec::protocol_version::v5, bytes); !enc) {
        fail("accepted publish properties do not encode", enc.error().message());
    }
    return 0;
}
