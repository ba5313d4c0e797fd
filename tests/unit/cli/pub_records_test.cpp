// wsmqtt-pub's pure helpers: stdin record splitting (-l, -0), --line-topic and --rate pacing.
#include <gtest/gtest.h>

#include <string>

#include "cli/pub/pacer.hpp"
#include "cli/pub/record_splitter.hpp"

namespace wsmqtt::cli {
namespace {

std::vector<std::string> split_all(char sep, const std::vector<std::string>& chunks) {
    record_splitter splitter{sep};
    std::deque<bytes> out;
    for (const auto& c : chunks) {
        splitter.feed(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(c.data()), c.size()), out);
    }
    splitter.finish(out);
    std::vector<std::string> strings;
    for (const auto& r : out) strings.emplace_back(r.begin(), r.end());
    return strings;
}

using v = std::vector<std::string>;

TEST(record_splitter, newline_dropped_cr_kept_empty_lines_are_messages) {
    EXPECT_EQ(split_all('\n', {"a\nb\r\n\nlast"}), (v{"a", "b\r", "", "last"}));
}

TEST(record_splitter, trailing_newline_gives_no_extra_record) {
    EXPECT_EQ(split_all('\n', {"a\n"}), (v{"a"}));
    EXPECT_EQ(split_all('\n', {"\n"}), (v{""}));
    EXPECT_EQ(split_all('\n', {""}), (v{}));
    EXPECT_EQ(split_all('\n', {"a\n\n"}), (v{"a", ""}));
}

TEST(record_splitter, any_chunking_gives_the_same_records) {
    const std::string input = "one\ntwo lines\n\nthree\r\nfour";
    const auto whole = split_all('\n', {input});
    for (std::size_t step = 1; step <= input.size(); ++step) {
        v chunks;
        for (std::size_t i = 0; i < input.size(); i += step) chunks.push_back(input.substr(i, step));
        EXPECT_EQ(split_all('\n', chunks), whole) << "chunk size " << step;
    }
}

TEST(record_splitter, long_records_have_no_limit) {
    const std::string big(1 << 20, 'x');
    const auto records = split_all('\n', {big.substr(0, 1000), big.substr(1000), "\nnext"});
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0].size(), big.size());
    EXPECT_EQ(records[1], "next");
}

TEST(record_splitter, nul_separated_records_keep_newlines) {
    const std::string input("a\nb\0c\0\0", 7);
    EXPECT_EQ(split_all('\0', {input}), (v{"a\nb", "c", ""}));
}

TEST(line_topic, splits_at_the_first_separator) {
    const std::string rec = "sensors/1 => 21.5 => C";
    auto r = split_line_topic(bytes(rec.begin(), rec.end()), " => ");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->topic, "sensors/1");
    EXPECT_EQ(std::string(r->payload.begin(), r->payload.end()), "21.5 => C");
    const std::string none = "no separator";
    EXPECT_FALSE(split_line_topic(bytes(none.begin(), none.end()), " => "));
    const std::string empty_payload = "t:";
    auto e = split_line_topic(bytes(empty_payload.begin(), empty_payload.end()), ":");
    ASSERT_TRUE(e);
    EXPECT_TRUE(e->payload.empty());
}

TEST(pacer, spaces_messages_evenly) {
    using namespace std::chrono_literals;
    pacer p{10.0};  // 100 ms apart
    const auto t0 = pacer::clock::time_point{} + 1h;
    EXPECT_TRUE(p.try_take(t0));
    EXPECT_FALSE(p.try_take(t0 + 50ms));
    EXPECT_TRUE(p.try_take(p.next()));
    EXPECT_FALSE(p.try_take(p.next() - 1ms));
    EXPECT_TRUE(p.try_take(p.next()));
}

TEST(pacer, no_burst_after_a_stall_beyond_the_slack) {
    using namespace std::chrono_literals;
    pacer p{1000.0, 10ms};  // 1 ms apart
    auto t = pacer::clock::time_point{} + 1h;
    ASSERT_TRUE(p.try_take(t));
    t += 5s;  // a long stall
    int burst = 0;
    while (p.try_take(t)) ++burst;
    EXPECT_LE(burst, 11);  // slack / interval, plus the one on time
    EXPECT_GE(burst, 1);
}

TEST(pacer, average_rate_holds_with_late_wakeups) {
    using namespace std::chrono_literals;
    pacer p{1000.0};
    auto t = pacer::clock::time_point{} + 1h;
    int sent = 0;
    for (int wake = 0; wake < 1000; ++wake) {  // a wake-up every 2 ms for 2 s
        while (p.try_take(t)) ++sent;
        t += 2ms;
    }
    EXPECT_GE(sent, 1990);
    EXPECT_LE(sent, 2011);
}

}  // namespace
}  // namespace wsmqtt::cli
