#include "core/output/time_text.hpp"

#include <fmt/format.h>

#include <array>
#include <iterator>
#include <string_view>

namespace wsmqtt::output {

split_time split(std::chrono::system_clock::time_point tp) noexcept {
    using namespace std::chrono;
    const auto ns = duration_cast<nanoseconds>(tp.time_since_epoch());
    const auto secs = floor<seconds>(ns);  // floor keeps nanoseconds non-negative before 1970
    return {static_cast<std::int64_t>(secs.count()), static_cast<std::uint32_t>((ns - secs).count())};
}

std::tm calendar(const split_time& t, time_zone zone) noexcept {
    std::tm cal{};
    const auto secs = static_cast<std::time_t>(t.seconds);
    const std::tm* ok = zone == time_zone::utc ? gmtime_r(&secs, &cal) : localtime_r(&secs, &cal);
    if (ok == nullptr) {
        const std::time_t epoch = 0;
        gmtime_r(&epoch, &cal);
    }
    return cal;
}

void append_rfc3339_utc_micros(std::string& out, const split_time& t) {
    // Digits written by hand: this runs once per message in --format json and %j.
    const std::tm cal = calendar(t, time_zone::utc);
    char buf[27];  // "YYYY-MM-DDTHH:MM:SS.uuuuuuZ"
    auto put = [&buf](std::size_t at, unsigned value, std::size_t digits) {
        for (std::size_t k = digits; k-- > 0; value /= 10) buf[at + k] = static_cast<char>('0' + value % 10);
    };
    put(0, static_cast<unsigned>(cal.tm_year + 1900) % 10000, 4);
    buf[4] = '-';
    put(5, static_cast<unsigned>(cal.tm_mon + 1), 2);
    buf[7] = '-';
    put(8, static_cast<unsigned>(cal.tm_mday), 2);
    buf[10] = 'T';
    put(11, static_cast<unsigned>(cal.tm_hour), 2);
    buf[13] = ':';
    put(14, static_cast<unsigned>(cal.tm_min), 2);
    buf[16] = ':';
    put(17, static_cast<unsigned>(cal.tm_sec), 2);
    buf[19] = '.';
    put(20, t.nanoseconds / 1000, 6);
    buf[26] = 'Z';
    out.append(buf, sizeof buf);
}

namespace {
void append_strftime_pattern(std::string& out, const std::tm& cal, const char* pattern) {
    std::array<char, 128> buf{};
    const std::size_t n = std::strftime(buf.data(), buf.size(), pattern, &cal);
    out.append(buf.data(), n);
}
}  // namespace

void append_iso8601(std::string& out, const std::tm& cal) { append_strftime_pattern(out, cal, "%FT%T%z"); }

void append_unix_nanos(std::string& out, const split_time& t) {
    fmt::format_to(std::back_inserter(out), "{}.{:09}", t.seconds, t.nanoseconds);
}

void append_strftime(std::string& out, const std::tm& cal, char conversion) {
    const char pattern[3] = {'%', conversion, '\0'};
    append_strftime_pattern(out, cal, pattern);
}

bool is_time_conversion(char c) noexcept {
    constexpr std::string_view known = "aAbBcCdDeFgGhHIjklmMnpPrRsStTuUVwWxXyYzZ+";
    return c != '\0' && known.find(c) != std::string_view::npos;
}

}  // namespace wsmqtt::output
