// StatsRecorder: counting rules, reset semantics, and snapshots that are consistent while the
// writer runs (every snapshot satisfies requests_total == sum(by_status) + in_flight).
#include <atomic>
#include <thread>

#include <gtest/gtest.h>

#include "stats_recorder.hpp"

namespace mock_llm {
namespace {

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
    recorder.on_response_done(200);
    recorder.on_response_done(429);
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
        recorder.on_response_done(200);
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

TEST(StatsRecorder, SnapshotsAreConsistentUnderConcurrentWrites) {
    StatsRecorder recorder;
    std::atomic<bool> done{false};
    std::thread writer([&] {
        for (int i = 0; i < 200'000; ++i) {
            recorder.on_request_read();
            if (i % 3 != 0) {
                recorder.on_response_done(i % 2 == 0 ? 200 : 500);
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
