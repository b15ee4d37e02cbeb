#pragma once
// LatencyHistogram: fixed-memory, HdrHistogram-style log-linear buckets over microseconds.
// Every value is kept within 1/64 (about 1.6 %) of its true size; the maximum is exact.
// Histograms add (merge) exactly, so shards can be combined without averaging percentiles.
// Thread safety: none; a plain value type.

#include <array>
#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "qa/expected.hpp"

namespace qa {

// A histogram as data: its non-empty buckets and totals, for writing to a report and reading
// back exactly (a shard's histogram merged on another machine).
struct HistogramSnapshot {
    std::vector<std::pair<std::size_t, std::uint64_t>> buckets;  // (bucket index, count)
    std::uint64_t count = 0;
    std::uint64_t sum_us = 0;
    std::uint64_t max_us = 0;
    std::uint64_t min_us = 0;  // 0 when empty
};

class LatencyHistogram {
  public:
    HistogramSnapshot snapshot() const;
    // The histogram a snapshot describes; the error says what is inconsistent (a bucket out of
    // range, counts that do not add up).
    static Expected<LatencyHistogram, std::string> from_snapshot(const HistogramSnapshot& snapshot);

    void record(std::chrono::microseconds value);
    void merge(const LatencyHistogram& other);

    std::uint64_t count() const noexcept { return count_; }
    std::chrono::microseconds max() const noexcept { return std::chrono::microseconds(max_); }
    std::chrono::microseconds min() const noexcept;
    double mean_us() const noexcept;
    // The value at `quantile` in [0, 1] (0.99 for p99): the upper edge of the bucket holding the
    // ceil(quantile * count)-th smallest value, never above the exact maximum. 0 when empty.
    std::chrono::microseconds percentile(double quantile) const;

    // Bucket layout, public for tests.
    static constexpr int kSubBucketBits = 7;  // 128 linear steps per power of two
    static std::size_t bucket_of(std::uint64_t value_us) noexcept;
    static std::uint64_t bucket_upper_edge(std::size_t bucket) noexcept;

  private:
    static constexpr std::size_t kHalf = std::size_t{1} << (kSubBucketBits - 1);
    // Values up to 2^40 us (about 12 days); larger values land in the last bucket.
    static constexpr int kMaxBits = 40;
    static constexpr std::size_t kBuckets = 2 * kHalf + (kMaxBits - kSubBucketBits) * kHalf;

    std::array<std::uint64_t, kBuckets> counts_{};
    std::uint64_t count_ = 0;
    std::uint64_t sum_ = 0;
    std::uint64_t max_ = 0;
    std::uint64_t min_ = UINT64_MAX;
};

}  // namespace qa
