#include "cli/load/latency_histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace wsmqtt::load {

namespace {
constexpr std::size_t linear_limit = 256;  // 2 << sub_bucket_bits
constexpr std::size_t per_octave = 128;    // 1 << sub_bucket_bits
}  // namespace

std::size_t latency_histogram::index_of(std::uint64_t value) noexcept {
    if (value < linear_limit) return static_cast<std::size_t>(value);
    const auto exponent = static_cast<unsigned>(63 - std::countl_zero(value));  // >= 8
    const unsigned shift = exponent - sub_bucket_bits;
    const auto mantissa = static_cast<std::size_t>(value >> shift);  // 128..255
    return linear_limit + (exponent - 8) * per_octave + (mantissa - per_octave);
}

std::uint64_t latency_histogram::lowest_in(std::size_t index) noexcept {
    if (index < linear_limit) return index;
    const std::size_t exponent = 8 + (index - linear_limit) / per_octave;
    const std::uint64_t mantissa = per_octave + (index - linear_limit) % per_octave;
    return mantissa << (exponent - sub_bucket_bits);
}

std::uint64_t latency_histogram::highest_in(std::size_t index) noexcept {
    if (index < linear_limit) return index;
    if (index + 1 >= bucket_count) return UINT64_MAX;
    return lowest_in(index + 1) - 1;
}

void latency_histogram::record(std::uint64_t value) noexcept {
    if (counts_.empty()) counts_.assign(bucket_count, 0);
    ++counts_[index_of(value)];
    if (count_ == 0 || value < min_) min_ = value;
    max_ = std::max(max_, value);
    ++count_;
    sum_ += static_cast<long double>(value);
}

void latency_histogram::add_bucket(std::size_t index, std::uint64_t count) {
    if (count == 0 || index >= bucket_count) return;
    if (counts_.empty()) counts_.assign(bucket_count, 0);
    counts_[index] += count;
    const auto low = lowest_in(index);
    const auto high = highest_in(index);
    if (count_ == 0 || low < min_) min_ = low;
    max_ = std::max(max_, high);
    count_ += count;
    sum_ += static_cast<long double>(count) * static_cast<long double>(low);
}

bool latency_histogram::restore_exact(std::uint64_t min, std::uint64_t max, double mean) noexcept {
    if (count_ == 0) return min == 0 && max == 0 && mean == 0.0;
    if (!std::isfinite(mean) || min > max) return false;
    std::size_t first = 0;
    while (counts_[first] == 0) ++first;
    std::size_t last = bucket_count - 1;
    while (counts_[last] == 0) --last;
    if (index_of(min) != first || index_of(max) != last) return false;
    min_ = min;
    max_ = max;
    const double clamped = std::clamp(mean, static_cast<double>(min), static_cast<double>(max));
    sum_ = static_cast<long double>(clamped) * static_cast<long double>(count_);
    return true;
}

void latency_histogram::merge(const latency_histogram& other) {
    if (other.count_ == 0) return;
    if (counts_.empty()) counts_.assign(bucket_count, 0);
    for (std::size_t i = 0; i < bucket_count; ++i) counts_[i] += other.counts_[i];
    min_ = count_ == 0 ? other.min_ : std::min(min_, other.min_);
    max_ = std::max(max_, other.max_);
    count_ += other.count_;
    sum_ += other.sum_;
}

double latency_histogram::mean() const noexcept {
    return count_ == 0 ? 0.0 : static_cast<double>(sum_ / static_cast<long double>(count_));
}

std::uint64_t latency_histogram::value_at(double q) const noexcept {
    if (count_ == 0) return 0;
    q = std::clamp(q, 0.0, 1.0);
    auto rank = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(count_)));
    rank = std::clamp<std::uint64_t>(rank, 1, count_);
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < bucket_count; ++i) {
        seen += counts_[i];
        if (seen >= rank) return std::clamp(highest_in(i), min_, max_);
    }
    return max_;
}

std::vector<std::pair<std::size_t, std::uint64_t>> latency_histogram::buckets() const {
    std::vector<std::pair<std::size_t, std::uint64_t>> out;
    for (std::size_t i = 0; i < counts_.size(); ++i) {
        if (counts_[i] != 0) out.emplace_back(i, counts_[i]);
    }
    return out;
}

}  // namespace wsmqtt::load
