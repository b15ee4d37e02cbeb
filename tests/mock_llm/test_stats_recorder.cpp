// StatsRecorder: counting rules, reset semantics, and snapshots that are consistent while the
// writer runs (every snapshot satisfies requests_total == sum(by_status) + in_flight); faults by
// label, the latency histogram and the queue-depth gauge.
#include <atomic>
#include <thread>

#include <gtest/gtest.h>

#include "stats_recorder.hpp"

namespace mock_llm {
namespace {

using namespace std::chrono_literals;

void finish(StatsRecorder& recorder, int status) {
    recorder.on_response_done(status, 0us, FaultKind::none, 0);
}

std::uint64_t finished(const Stats& stats) {
    std::uint64_t total = 0;
    for (const auto& [status, count] : stats.by_status) {
        total += count;
    }
    return total;
}

TEST(StatsRecorder, CountsRequestsInFlightAndStatuses) {
    StatsRecorder recorder;
    recorder.on_request_read();
    recorder.on_request_read();
    recorder.on_request_read();
    finish(recorder, 200);
    finish(recorder, 429);
    const Stats stats = recorder.snapshot();
    EXPECT_EQ(stats.requests_total, 3u);
    EXPECT_EQ(stats.in_flight, 1);
    EXPECT_EQ(stats.max_in_flight, 3);
    EXPECT_EQ(stats.by_status, (std::map<int, std::uint64_t>{{200, 1}, {429, 1}}));
}

TEST(StatsRecorder, ResetKeepsInFlightAndRestartsTheHighWaterMarkFromIt) {
    StatsRecorder recorder;
    for (int i = 0; i < 5; ++i) {
        recorder.on_request_read();
    }
    for (int i = 0; i < 3; ++i) {
        finish(recorder, 200);
    }
    recorder.reset();
    Stats stats = recorder.snapshot();
    EXPECT_EQ(stats.requests_total, 0u);
    EXPECT_EQ(stats.in_flight, 2);
    EXPECT_EQ(stats.max_in_flight, 2);
    EXPECT_TRUE(stats.by_status.empty());
    recorder.on_request_read();
    EXPECT_EQ(recorder.snapshot().max_in_flight, 3);
}

TEST(StatsRecorder, CountsFaultsByLabel) {
    StatsRecorder recorder;
    for (int i = 0; i < 4; ++i) {
        recorder.on_request_read();
    }
    recorder.on_response_done(429, 0us, FaultKind::status, 429);
    recorder.on_response_done(429, 0us, FaultKind::rate_limited, 0);
    recorder.on_response_done(499, 0us, FaultKind::hang, 0);
    recorder.on_response_done(200, 0us, FaultKind::queue_cutoff, 0);
    const Stats stats = recorder.snapshot();
    EXPECT_EQ(stats.by_fault,
              (std::map<std::string, std::uint64_t>{
                  {"429", 1}, {"rate_limited", 1}, {"hang", 1}, {"queue_cutoff", 1}}));
    recorder.reset();
    EXPECT_TRUE(recorder.snapshot().by_fault.empty());
}

TEST(StatsRecorder, HistogramBucketsTheLatencies) {
    StatsRecorder recorder;
    const std::chrono::microseconds latencies[] = {0us, 100us, 101us, 3ms, 2s, 2000s};
    for (const auto latency : latencies) {
        recorder.on_request_read();
        recorder.on_response_done(200, latency, FaultKind::none, 0);
    }
    const LatencyHistogram histogram = recorder.snapshot().latency;
    EXPECT_EQ(histogram.total(), 6u);
    EXPECT_EQ(histogram.counts[0], 2u);  // <= 100 us
    EXPECT_EQ(histogram.counts[1], 1u);  // (100, 200] us
    EXPECT_EQ(histogram.counts[LatencyHistogram::bucket_of(3000)], 1u);
    EXPECT_EQ(LatencyHistogram::bucket_of(3000), 5u);  // (2, 5] ms
    EXPECT_EQ(histogram.counts[LatencyHistogram::bucket_of(2'000'000)], 1u);
    EXPECT_EQ(histogram.counts.back(), 1u);  // above 1000 s
    EXPECT_EQ(histogram.sum_micros, 100u + 101u + 3000u + 2'000'000u + 2'000'000'000u);
}

TEST(StatsRecorder, QueueDepthIsAGauge) {
    StatsRecorder recorder;
    recorder.set_queue_depth(3);
    EXPECT_EQ(recorder.snapshot().queue_depth, 3);
    recorder.reset();
    EXPECT_EQ(recorder.snapshot().queue_depth, 3);  // requests still waiting: not a counter
}

TEST(StatsRecorder, SnapshotsAreConsistentUnderConcurrentWrites) {
    StatsRecorder recorder;
    std::atomic<bool> done{false};
    std::thread writer([&] {
        for (int i = 0; i < 200'000; ++i) {
            recorder.on_request_read();
            if (i % 3 != 0) {
                finish(recorder, i % 2 == 0 ? 200 : 500);
            }
        }
        done = true;
    });
    int snapshots = 0;
    while (!done || snapshots == 0) {
        const Stats stats = recorder.snapshot();
        ASSERT_EQ(stats.requests_total,
                  finished(stats) + static_cast<std::uint64_t>(stats.in_flight));
        ASSERT_GE(stats.max_in_flight, stats.in_flight);
        ++snapshots;
    }
    writer.join();
    const Stats last = recorder.snapshot();
    EXPECT_EQ(last.requests_total, 200'000u);
    EXPECT_EQ(last.requests_total, finished(last) + static_cast<std::uint64_t>(last.in_flight));
}

}  // namespace
}  // namespace mock_llm
