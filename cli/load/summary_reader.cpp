#include "cli/load/summary_reader.hpp"

#include <fmt/format.h>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/stream_parser.hpp>
#include <boost/json/string.hpp>
#include <charconv>
#include <cmath>
#include <limits>

namespace wsmqtt::load {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

// Thrown and caught inside this file only: a read nested five levels deep stops at its first
// problem without every level checking a result.
struct bad_summary {
    std::string what;
};

[[noreturn]] void bad(std::string_view path, std::string_view problem) {
    throw bad_summary{fmt::format("not a wsmqtt summary: \"{}\" {}", path, problem)};
}

std::string join(std::string_view parent, std::string_view name) {
    return parent.empty() ? std::string{name} : fmt::format("{}.{}", parent, name);
}

std::string at(std::string_view parent, std::size_t index) { return fmt::format("{}[{}]", parent, index); }

const value& field(const object& o, std::string_view parent, std::string_view name) {
    const auto* v = o.if_contains(name);
    if (v == nullptr) bad(join(parent, name), "is missing");
    return *v;
}

const object& as_object(const value& v, std::string_view path) {
    if (const auto* o = v.if_object()) return *o;
    bad(path, "must be an object");
}

const array& as_array(const value& v, std::string_view path) {
    if (const auto* a = v.if_array()) return *a;
    bad(path, "must be an array");
}

std::uint64_t whole(const value& v, std::string_view path,
                    std::uint64_t max = std::numeric_limits<std::uint64_t>::max()) {
    std::uint64_t n = 0;
    if (const auto* i = v.if_int64(); i != nullptr && *i >= 0) {
        n = static_cast<std::uint64_t>(*i);
    } else if (const auto* u = v.if_uint64()) {
        n = *u;
    } else {
        bad(path, "must be a whole number from 0");
    }
    if (n > max) bad(path, fmt::format("must be at most {}", max));
    return n;
}

std::uint64_t whole_field(const object& o, std::string_view parent, std::string_view name,
                          std::uint64_t max = std::numeric_limits<std::uint64_t>::max()) {
    return whole(field(o, parent, name), join(parent, name), max);
}

std::uint32_t whole32_field(const object& o, std::string_view parent, std::string_view name) {
    return static_cast<std::uint32_t>(
        whole_field(o, parent, name, std::numeric_limits<std::uint32_t>::max()));
}

double number(const value& v, std::string_view path) {
    double d = 0;
    if (const auto* x = v.if_double()) {
        d = *x;
    } else if (const auto* i = v.if_int64()) {
        d = static_cast<double>(*i);
    } else if (const auto* u = v.if_uint64()) {
        d = static_cast<double>(*u);
    } else {
        bad(path, "must be a number");
    }
    if (!std::isfinite(d) || d < 0) bad(path, "must be a number from 0");
    return d;
}

std::string_view text_field(const object& o, std::string_view parent, std::string_view name) {
    const auto* s = field(o, parent, name).if_string();
    if (s == nullptr) bad(join(parent, name), "must be a string");
    return {s->data(), s->size()};
}

bool bool_field(const object& o, std::string_view parent, std::string_view name) {
    const auto* b = field(o, parent, name).if_bool();
    if (b == nullptr) bad(join(parent, name), "must be true or false");
    return *b;
}

void read_histogram(const value& v, std::string_view path, latency_histogram& h) {
    const auto& o = as_object(v, path);
    const auto count = whole_field(o, path, "count");
    const auto min = whole_field(o, path, "min");
    const auto max = whole_field(o, path, "max");
    const auto mean = number(field(o, path, "mean"), join(path, "mean"));
    const auto hist_path = join(path, "histogram");
    const auto& hist = as_object(field(o, path, "histogram"), hist_path);
    const auto bits = whole_field(hist, hist_path, "sub_bucket_bits");
    if (bits != latency_histogram::sub_bucket_bits) {
        // Another bucket layout (another wsmqtt version): its buckets cannot be added to ours.
        throw bad_summary{
            fmt::format("\"{}\": histogram sub_bucket_bits is {}; this wsmqtt-sub merges {} only", path, bits,
                        latency_histogram::sub_bucket_bits)};
    }
    const auto buckets_path = join(hist_path, "buckets");
    const auto& buckets = as_array(field(hist, hist_path, "buckets"), buckets_path);
    std::uint64_t total = 0;
    for (std::size_t i = 0; i < buckets.size(); ++i) {
        const auto where = at(buckets_path, i);
        const auto& pair = as_array(buckets[i], where);
        if (pair.size() != 2) bad(where, "must be [index, count]");
        const auto index = whole(pair[0], where + "[0]", latency_histogram::bucket_count - 1);
        const auto n = whole(pair[1], where + "[1]");
        if (n > std::numeric_limits<std::uint64_t>::max() - total) bad(buckets_path, "add up past 2^64");
        total += n;
        h.add_bucket(static_cast<std::size_t>(index), n);
    }
    if (total != count) bad(join(path, "count"), fmt::format("is {} but the buckets hold {}", count, total));
    if (!h.restore_exact(min, max, mean)) bad(path, "min, max or mean do not fit its buckets");
}

void read_counts(const object& o, std::string_view path, sequence_counts& c) {
    c.received = whole_field(o, path, "received");
    c.unique = whole_field(o, path, "unique");
    c.lost = whole_field(o, path, "lost");
    c.duplicates = whole_field(o, path, "duplicates");
    c.reordered = whole_field(o, path, "reordered");
}

std::uint32_t run_id(const object& o, std::string_view parent) {
    const auto text = text_field(o, parent, "run");
    std::uint32_t run = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, run, 16);
    if (text.empty() || text.size() > 8 || ec != std::errc{} || ptr != end) {
        bad(join(parent, "run"), "must be 1 to 8 hexadecimal digits");
    }
    return run;
}

void read_sequence(const object& top, load_summary& s) {
    const auto& o = as_object(field(top, "", "sequence"), "sequence");
    read_counts(o, "sequence", s.sequences);
    s.stamped = bool_field(o, "sequence", "stamped");
    s.unstamped = whole_field(o, "sequence", "unstamped");
    const auto& pubs = as_array(field(o, "sequence", "publishers"), "sequence.publishers");
    for (std::size_t i = 0; i < pubs.size(); ++i) {
        const auto where = at("sequence.publishers", i);
        const auto& p = as_object(pubs[i], where);
        publisher_counts one;
        read_counts(p, where, one.counts);
        one.run = run_id(p, where);
        one.publisher = whole32_field(p, where, "publisher");
        s.publishers.push_back(one);
    }
}

void read_top(const object& o, load_summary& s) {
    const auto* format = o.if_contains("format");
    if (format == nullptr) throw bad_summary{"not a wsmqtt summary: no \"format\" field"};
    if (!format->is_int64() || format->get_int64() != 1) {
        throw bad_summary{fmt::format("not a wsmqtt summary of format 1: \"format\" is {}",
                                      boost::json::serialize(*format).substr(0, 40))};
    }
    s.tool = text_field(o, "", "tool");
    if (s.tool != "wsmqtt-pub" && s.tool != "wsmqtt-sub") {
        bad("tool", "must be \"wsmqtt-pub\" or \"wsmqtt-sub\"");
    }
    s.transport = text_field(o, "", "transport");
    if (s.transport != "ws" && s.transport != "wss" && s.transport != "mqtt" && s.transport != "mqtts" &&
        s.transport != "mixed") {
        bad("transport", "must be ws, wss, mqtt, mqtts or mixed");
    }
    s.clients = whole32_field(o, "", "clients");
    s.connected = whole32_field(o, "", "connected");
    s.connect_failures = whole32_field(o, "", "connect_failures");
    s.qos = static_cast<std::uint8_t>(whole_field(o, "", "qos", 2));
    s.duration_s = number(field(o, "", "duration_s"), "duration_s");
    s.messages = whole_field(o, "", "messages");
    s.bytes = whole_field(o, "", "bytes");
    if (const auto* rate = o.if_contains("target_rate")) s.target_rate = number(*rate, "target_rate");
    if (s.tool == "wsmqtt-pub") {
        s.acknowledged = whole_field(o, "", "acknowledged");
        s.rejected = whole_field(o, "", "rejected");
    }
    const auto& timeline = as_array(field(o, "", "timeline"), "timeline");
    for (std::size_t i = 0; i < timeline.size(); ++i) {
        const auto where = at("timeline", i);
        const auto& sec = as_object(timeline[i], where);
        s.timeline.add_to(i, whole_field(sec, where, "messages"), whole_field(sec, where, "bytes"));
    }
    read_histogram(field(o, "", "latency"), "latency", s.latency);
    read_histogram(field(o, "", "connect_latency"), "connect_latency", s.connect_latency);
    if (s.tool == "wsmqtt-sub") read_sequence(o, s);
    const auto& mem = as_object(field(o, "", "memory"), "memory");
    s.memory.rss_before_kib = whole_field(mem, "memory", "rss_before_kib");
    s.memory.rss_connected_kib = whole_field(mem, "memory", "rss_connected_kib");
    s.memory.connections = whole_field(mem, "memory", "connections");
    // Summaries written before these existed lack them (the figure then falls back).
    if (mem.contains("rss_first_kib")) s.memory.rss_first_kib = whole_field(mem, "memory", "rss_first_kib");
    if (mem.contains("first_connections")) s.memory.first_connections = whole_field(mem, "memory", "first_connections");
    if (const auto* merged = o.if_contains("merged_from")) {
        s.merged_from = whole(*merged, "merged_from");
        if (s.merged_from == 0) bad("merged_from", "must be at least 1");
    }
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// "line L, column C" (1-based, columns in bytes) of a byte offset.
std::string position(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    std::size_t line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    }
    return fmt::format("line {}, column {}", line, offset - line_start + 1);
}

}  // namespace

std::optional<std::string> read_summary(const value& v, load_summary& out) {
    const auto* o = v.if_object();
    if (o == nullptr) return "not a wsmqtt summary: not a JSON object";
    load_summary s;
    try {
        read_top(*o, s);
    } catch (const bad_summary& e) {
        return e.what;
    }
    out = std::move(s);
    return std::nullopt;
}

summary_read_result read_summaries(std::string_view text) {
    summary_read_result out;
    boost::json::stream_parser parser;
    std::size_t pos = 0;
    std::size_t number = 0;
    const auto fail = [&](std::string what) {
        out.summaries.clear();
        out.error = number > 1 ? fmt::format("summary {}: {}", number, what) : std::move(what);
        return out;
    };
    for (;;) {
        while (pos < text.size() && is_space(text[pos])) ++pos;
        if (pos == text.size()) break;
        ++number;
        parser.reset();
        boost::system::error_code ec;
        // write_some stops at the end of one value, so several summaries can follow each other.
        const auto used = parser.write_some(text.data() + pos, text.size() - pos, ec);
        if (!ec && !parser.done()) parser.finish(ec);
        if (ec) return fail(fmt::format("not JSON: {} at {}", ec.message(), position(text, pos + used)));
        pos += used;
        load_summary s;
        if (auto problem = read_summary(parser.release(), s)) return fail(std::move(*problem));
        out.summaries.push_back(std::move(s));
    }
    if (number == 0) out.error = "no summary in it (empty)";
    return out;
}

}  // namespace wsmqtt::load
