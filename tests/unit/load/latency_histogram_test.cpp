#include "cli/load/latency_histogram.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace wsmqtt::load {
namespace {

// The sample of rank ceil(q * n) in sorted order: the definition value_at approximates.
std::uint64_t exact(std::vector<std::uint64_t> v, double q) {
    std::sort(v.begin(), v.end());
    auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(v.size())));
    rank = std::clamp<std::size_t>(rank, 1, v.size());
    return v[rank - 1];
}

TEST(latency_histogram, buckets_are_contiguous_and_cover_their_values) {
    for (std::size_t i = 0; i + 1 < latency_histogram::bucket_count; ++i) {
        ASSERT_EQ(latency_histogram::highest_in(i) + 1, latency_histogram::lowest_in(i + 1)) << i;
    }
    for (std::uint64_t v : std::initializer_list<std::uint64_t>{0, 1, 255, 256, 257, 1000, 123456789, std::uint64_t{1} << 40, UINT64_MAX}) {
        const auto i = latency_histogram::index_of(v);
        EXPECT_LE(latency_histogram::lowest_in(i), v);
        EXPECT_GE(latency_histogram::highest_in(i), v);
    }
    EXPECT_EQ(latency_histogram::index_of(UINT64_MAX), latency_histogram::bucket_count - 1);
}

TEST(latency_histogram, small_values_are_exact) {
    latency_histogram h;
    for (std::uint64_t v = 1; v <= 100; ++v) h.record(v);
    EXPECT_EQ(h.count(), 100u);
    EXPECT_EQ(h.value_at(0.5), 50u);
    EXPECT_EQ(h.value_at(0.9), 90u);
    EXPECT_EQ(h.value_at(0.99), 99u);
    EXPECT_EQ(h.value_at(0.999), 100u);
    EXPECT_EQ(h.value_at(1.0), 100u);
    EXPECT_EQ(h.min(), 1u);
    EXPECT_EQ(h.max(), 100u);
    EXPECT_DOUBLE_EQ(h.mean(), 50.5);
}

TEST(latency_histogram, percentiles_within_one_128th_of_sorted_samples) {
    std::mt19937_64 random(42);
    std::lognormal_distribution<double> latency(std::log(2e6), 1.0);  // around 2 ms, long tail
    std::vector<std::uint64_t> samples;
    latency_histogram h;
    for (int i = 0; i < 100'000; ++i) {
        const auto v = static_cast<std::uint64_t>(latency(random));
        samples.push_back(v);
        h.record(v);
    }
    for (double q : {0.5, 0.9, 0.99, 0.999, 1.0}) {
        const auto want = static_cast<double>(exact(samples, q));
        const auto got = static_cast<double>(h.value_at(q));
        EXPECT_GE(got, want) << q;  // the bucket's highest value
        EXPECT_LE(got, want * (1.0 + 1.0 / 128)) << q;
    }
    EXPECT_EQ(h.max(), *std::max_element(samples.begin(), samples.end()));
}

TEST(latency_histogram, merging_equals_recording_everything_in_one) {
    latency_histogram a, b, all;
    for (std::uint64_t v = 0; v < 5000; ++v) {
        const auto x = v * v * 37 + 11;
        (v % 3 == 0 ? a : b).record(x);
        all.record(x);
    }
    a.merge(b);
    EXPECT_EQ(a.buckets(), all.buckets());
    EXPECT_EQ(a.count(), all.count());
    EXPECT_EQ(a.min(), all.min());
    EXPECT_EQ(a.max(), all.max());
    for (double q : {0.5, 0.9, 0.99, 0.999}) EXPECT_EQ(a.value_at(q), all.value_at(q));
}

TEST(latency_histogram, empty_reports_zero) {
    latency_histogram h;
    EXPECT_EQ(h.value_at(0.99), 0u);
    EXPECT_EQ(h.min(), 0u);
    EXPECT_EQ(h.max(), 0u);
    EXPECT_TRUE(h.buckets().empty());
}

}  // namespace
}  // namespace wsmqtt::load
