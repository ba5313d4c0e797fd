#pragma once
// The receive time as text: RFC 3339 UTC with microseconds (JSON), mosquitto's %I and %U, and one
// strftime conversion at a time for the -F `@` fields.
#include <chrono>
#include <cstdint>
#include <ctime>
#include <string>

namespace wsmqtt::output {

// Which clock face the -F time fields (%I, @H, ...) show. mosquitto uses local time (the TZ
// environment variable); `utc` is for tests and for users who want it.
enum class time_zone : std::uint8_t { local, utc };

// A time point split once per message: whole seconds since the epoch (floored) and nanoseconds.
struct split_time {
    std::int64_t seconds = 0;
    std::uint32_t nanoseconds = 0;  // 0..999'999'999
};

split_time split(std::chrono::system_clock::time_point tp) noexcept;

// Calendar fields for `t` in `zone` (localtime_r / gmtime_r). Out-of-range times give the epoch.
std::tm calendar(const split_time& t, time_zone zone) noexcept;

// "2026-11-25T18:30:00.123456Z": always UTC, microseconds, as `received_at` and %j's `tst`.
void append_rfc3339_utc_micros(std::string& out, const split_time& t);

// mosquitto's %I: strftime "%FT%T%z", e.g. "2026-11-25T19:30:00+0100".
void append_iso8601(std::string& out, const std::tm& cal);

// mosquitto's %U: "<unix seconds>.<9 digits of nanoseconds>".
void append_unix_nanos(std::string& out, const split_time& t);

// One strftime conversion, `%<conversion>` (the -F `@<conversion>` field).
void append_strftime(std::string& out, const std::tm& cal, char conversion);

// strftime conversions accepted after `@` (glibc's single-letter set, without the E/O modifiers).
bool is_time_conversion(char c) noexcept;

}  // namespace wsmqtt::output
