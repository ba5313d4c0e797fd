#pragma once
// A log-linear latency histogram in the manner of HdrHistogram, with fixed buckets so that two
// histograms (two processes, two machines) merge exactly by adding counts. Values are
// nanoseconds. Below 256 every value has its own bucket; above, each power of two is cut into
// 128 equal buckets, so a reported percentile is within 1/128 (0.8%) of the true sample.
// Pure and deterministic; about 58 KiB of counts, allocated on first record.
#include <cstdint>
#include <utility>
#include <vector>

namespace wsmqtt::load {

class latency_histogram {
public:
    static constexpr unsigned sub_bucket_bits = 7;
    static constexpr std::size_t bucket_count = 256 + 56 * 128;

    void record(std::uint64_t value) noexcept;
    void merge(const latency_histogram& other);
    // Adds `count` to a bucket by index (for summaries read back from JSON).
    void add_bucket(std::size_t index, std::uint64_t count);
    // Once add_bucket() has rebuilt the counts of a summary: puts back the exact min, max and
    // mean the summary recorded, since bucket edges alone would widen them and a merge must
    // report what one histogram of every sample would. False (nothing changed) when they
    // cannot be this histogram's: min or max outside the first or last non-empty bucket, or a
    // mean that is not a finite number. A mean just outside [min, max] (its rounding) is clamped.
    bool restore_exact(std::uint64_t min, std::uint64_t max, double mean) noexcept;

    [[nodiscard]] std::uint64_t count() const noexcept { return count_; }
    [[nodiscard]] std::uint64_t min() const noexcept { return count_ ? min_ : 0; }
    [[nodiscard]] std::uint64_t max() const noexcept { return max_; }
    [[nodiscard]] double mean() const noexcept;
    // The value at quantile q (0..1]: the highest value of the bucket holding the sample of rank
    // ceil(q * count), clamped to [min, max]. 0 for an empty histogram.
    [[nodiscard]] std::uint64_t value_at(double q) const noexcept;

    // Non-empty buckets as (index, count), in index order.
    [[nodiscard]] std::vector<std::pair<std::size_t, std::uint64_t>> buckets() const;

    static std::size_t index_of(std::uint64_t value) noexcept;
    static std::uint64_t lowest_in(std::size_t index) noexcept;
    static std::uint64_t highest_in(std::size_t index) noexcept;

private:
    std::vector<std::uint64_t> counts_;
    std::uint64_t count_ = 0;
    std::uint64_t min_ = 0;
    std::uint64_t max_ = 0;
    long double sum_ = 0;
};

}  // namespace wsmqtt::load
