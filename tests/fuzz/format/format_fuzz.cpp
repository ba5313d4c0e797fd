// Fuzz target for the -F format language: format_program::compile, then render_format over a
// few fixed messages.
//
// Input layout: byte 0 picks the message (bits 0-2), the time zone (bit 3: utc) and --pretty
// (bit 4); the rest is the -F text.
//
// Checks (abort on failure, so libFuzzer reports them):
//  - a compile error is one line with a column inside the format;
//  - rendering leaves the bytes already in the buffer alone and stays bounded by the format's
//    literals, widths and the message's size (no runaway padding);
//  - compiling the same text twice gives the same tokens (no hidden state).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/output/format_program.hpp"
#include "core/output/formatter.hpp"
#include "core/output/received_message.hpp"

namespace {

using namespace wsmqtt;

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "format_fuzz: %s\n", what);
    std::abort();
}

std::vector<std::uint8_t> bytes_of(std::string_view text) { return {text.begin(), text.end()}; }

codec::publish make_message(unsigned which) {
    codec::publish p;
    switch (which % 6) {
    case 0:  // plain v3.1.1 text
        p.topic = "sensors/kitchen/temp";
        p.payload = bytes_of("21.5");
        break;
    case 1:  // every v5 property the renderer shows
        p.topic = "a/b/c";
        p.payload = bytes_of(R"({"t":21.5,"u":"C","list":[1,2,{"x":null}]})");
        p.qos = codec::qos::exactly_once;
        p.packet_id = 65535;
        p.retain = true;
        p.props.payload_format_indicator = 1;
        p.props.message_expiry_interval = 4'294'967'295u;
        p.props.content_type = "application/json";
        p.props.response_topic = "reply/\xC3\xA9t\xC3\xA9";
        p.props.correlation_data = std::vector<std::uint8_t>{0x00, 0xFF, 0x10, '"', '\\'};
        p.props.subscription_identifiers = {1, 268'435'455};
        p.props.topic_alias = 7;
        p.props.user_properties = {{"k", "v"}, {"", ""}, {"na\xC3\xAFve", "x y"}};
        break;
    case 2:  // binary payload, control bytes and invalid UTF-8
        p.topic = "bin/\xE2\x82\xAC";
        p.payload = {0x00, 0x01, 0x7F, 0x80, 0xC0, 0xFF, '\n', '\r', '\t', '%', '@', '\\'};
        p.qos = codec::qos::at_least_once;
        p.packet_id = 1;
        break;
    case 3:  // empty payload, empty topic (resolved alias shown as-is)
        p.topic = "";
        p.props.topic_alias = 1;
        break;
    case 4:  // multi-byte UTF-8 everywhere: precision must not split a code point
        p.topic = "\xF0\x9F\x98\x80/\xE6\x97\xA5\xE6\x9C\xAC";
        p.payload = bytes_of("\xF0\x9F\x98\x80\xE6\x97\xA5\xE6\x9C\xAC\xC3\xA9");
        p.props.content_type = "\xE6\x97\xA5";
        break;
    default:  // a larger payload
        p.topic = "big";
        p.payload.assign(5000, 'x');
        p.payload[4999] = 0xFE;
        break;
    }
    return p;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const std::uint8_t mode = data[0];
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

    auto program = output::format_program::compile(text);
    if (!program) {
        const auto& e = program.error();
        if (e.message.empty()) fail("compile error without a message");
        if (e.message.find_first_of("\r\n") != std::string::npos) fail("compile error spans lines");
        if (e.column < 1 || e.column > text.size()) fail("compile error column outside the format");
        return 0;
    }
    auto again = output::format_program::compile(text);
    if (!again || again->tokens().size() != program->tokens().size()) fail("compile is not deterministic");

    const codec::publish message = make_message(mode & 0x07u);
    const auto version = (mode & 0x07u) == 1 || (mode & 0x07u) == 3 ? codec::protocol_version::v5
                                                                    : codec::protocol_version::v311;
    // A fixed instant, so the fuzzer sees the same output for the same input.
    const auto at = std::chrono::system_clock::time_point{std::chrono::seconds{1'764'095'400}} +
                    std::chrono::nanoseconds{123'456'789};
    const output::received_message m{message, version, at};
    const auto zone = (mode & 0x08u) ? output::time_zone::utc : output::time_zone::local;
    std::string out = "prefix";
    output::render_format(*program, m, out, zone, (mode & 0x10u) != 0);
    if (out.compare(0, 6, "prefix") != 0) fail("render changed bytes before its own output");

    // A field never produces more than its content plus padding: bound the output by the sum of
    // widths, literal sizes and a generous per-field maximum for this message.
    std::size_t bound = 6;
    for (const auto& tok : program->tokens()) {
        bound += tok.text.size() + tok.width + 64 * 1024;
    }
    if (out.size() > bound) fail("render output larger than the format can ask for");
    return 0;
}
