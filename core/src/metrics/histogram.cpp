#include "qa/metrics/histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace qa {

std::size_t LatencyHistogram::bucket_of(std::uint64_t value) noexcept {
    constexpr std::uint64_t kLinear = std::uint64_t{1} << kSubBucketBits;
    if (value < kLinear)
        return static_cast<std::size_t>(value);
    // shift so that value >> shift falls in [kHalf, 2 * kHalf): 64 steps per power of two.
    const int shift = std::bit_width(value) - kSubBucketBits;
    const std::size_t index =
        kLinear + static_cast<std::size_t>(shift - 1) * kHalf + ((value >> shift) - kHalf);
    return std::min(index, kBuckets - 1);
}

std::uint64_t LatencyHistogram::bucket_upper_edge(std::size_t bucket) noexcept {
    constexpr std::size_t kLinear = std::size_t{1} << kSubBucketBits;
    if (bucket < kLinear)
        return bucket;
    const std::size_t above = bucket - kLinear;
    const int shift = static_cast<int>(above / kHalf) + 1;
    const std::uint64_t sub = kHalf + above % kHalf;
    return ((sub + 1) << shift) - 1;
}

void LatencyHistogram::record(std::chrono::microseconds value) {
    const auto v = static_cast<std::uint64_t>(std::max<std::int64_t>(0, value.count()));
    ++counts_[bucket_of(v)];
    ++count_;
    sum_ += v;
    max_ = std::max(max_, v);
    min_ = std::min(min_, v);
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
    for (std::size_t i = 0; i < kBuckets; ++i)
        counts_[i] += other.counts_[i];
    count_ += other.count_;
    sum_ += other.sum_;
    max_ = std::max(max_, other.max_);
    min_ = std::min(min_, other.min_);
}

std::chrono::microseconds LatencyHistogram::min() const noexcept {
    return std::chrono::microseconds(count_ == 0 ? 0 : min_);
}

double LatencyHistogram::mean_us() const noexcept {
    return count_ == 0 ? 0.0 : static_cast<double>(sum_) / static_cast<double>(count_);
}

std::chrono::microseconds LatencyHistogram::percentile(double quantile) const {
    if (count_ == 0)
        return std::chrono::microseconds(0);
    const double q = std::clamp(quantile, 0.0, 1.0);
    const auto rank = std::max<std::uint64_t>(
        1, static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(count_))));
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < kBuckets; ++i) {
        seen += counts_[i];
        if (seen >= rank) {
            const auto edge = std::clamp(bucket_upper_edge(i), min_, max_);
            return std::chrono::microseconds(edge);
        }
    }
    return std::chrono::microseconds(max_);
}

HistogramSnapshot LatencyHistogram::snapshot() const {
    HistogramSnapshot out;
    for (std::size_t i = 0; i < counts_.size(); ++i) {
        if (counts_[i] != 0)
            out.buckets.emplace_back(i, counts_[i]);
    }
    out.count = count_;
    out.sum_us = sum_;
    out.max_us = max_;
    out.min_us = count_ == 0 ? 0 : min_;
    return out;
}

Expected<LatencyHistogram, std::string> LatencyHistogram::from_snapshot(
    const HistogramSnapshot& snapshot) {
    LatencyHistogram histogram;
    std::uint64_t total = 0;
    for (const auto& [bucket, count] : snapshot.buckets) {
        if (bucket >= kBuckets)
            return Unexpected("bucket " + std::to_string(bucket) + " is out of range");
        histogram.counts_[bucket] += count;
        total += count;
    }
    if (total != snapshot.count) {
        return Unexpected("bucket counts add up to " + std::to_string(total) + ", not " +
                          std::to_string(snapshot.count));
    }
    if (snapshot.count > 0 && snapshot.min_us > snapshot.max_us)
        return Unexpected(std::string("min is above max"));
    histogram.count_ = snapshot.count;
    histogram.sum_ = snapshot.sum_us;
    histogram.max_ = snapshot.max_us;
    histogram.min_ = snapshot.count == 0 ? UINT64_MAX : snapshot.min_us;
    return histogram;
}

}  // namespace qa
