#pragma once
// Shared fixtures: a publish builder, a fixed receive time, and render helpers.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <string>
#include <string_view>

#include "core/output/formatter.hpp"

namespace wsmqtt::output::test {

inline std::vector<std::uint8_t> bytes(std::string_view s) { return {s.begin(), s.end()}; }

inline codec::publish make_publish(std::string topic, std::string_view payload) {
    codec::publish p;
    p.topic = std::move(topic);
    p.payload = bytes(payload);
    return p;
}

// 2026-11-25T18:30:00.123456789Z = 1795631400 s since the epoch.
inline std::chrono::system_clock::time_point fixed_time() {
    using namespace std::chrono;
    const auto tp = sys_days{year{2026} / November / 25} + hours{18} + minutes{30} + nanoseconds{123456789};
    return time_point_cast<system_clock::duration>(tp);
}
constexpr std::int64_t fixed_unix_seconds = 1795631400;

// Sets TZ for the test's lifetime (the -F time fields use local time, as mosquitto).
class scoped_tz {
  public:
    explicit scoped_tz(const char* tz) {
        if (const char* old = std::getenv("TZ")) old_ = old, had_ = true;
        ::setenv("TZ", tz, 1);
        ::tzset();
    }
    ~scoped_tz() {
        if (had_) {
            ::setenv("TZ", old_.c_str(), 1);
        } else {
            ::unsetenv("TZ");
        }
        ::tzset();
    }
    scoped_tz(const scoped_tz&) = delete;
    scoped_tz& operator=(const scoped_tz&) = delete;

  private:
    std::string old_;
    bool had_ = false;
};

inline formatter make_formatter(formatter_options o) {
    auto f = formatter::create(std::move(o));
    if (!f) ADD_FAILURE() << f.error().message;
    return std::move(*f);
}

// Renders with -F `format` (no trailing newline) in UTC.
inline std::string render_f(std::string_view format, const codec::publish& p,
                            codec::protocol_version v = codec::protocol_version::v5,
                            time_zone zone = time_zone::utc) {
    formatter_options o;
    o.mode = output_mode::format;
    o.format = std::string(format);
    o.end_of_line = false;
    o.zone = zone;
    const formatter f = make_formatter(std::move(o));
    std::string out;
    f.render(received_message{p, v, fixed_time()}, out);
    return out;
}

}  // namespace wsmqtt::output::test
