// The open-loop load model: the arrival schedule, and runs against the embedded mock where
// every call of every analysis is accounted for and the server sees the right limit.
#include <gtest/gtest.h>

#include <numeric>

#include "bench/open_loop.hpp"
#include "phase_fixture.hpp"

namespace qa::test {
namespace {

TEST(ArrivalSchedule, ConstantArrivalsAreEvenlySpacedOnTheTimeScale) {
    bench::OpenLoopOptions load;
    load.arrival_rate = 2;  // one every 0.5 s at scale 1
    load.poisson = false;
    load.analyses = 4;
    const auto offsets = bench::arrival_offsets(load, 0.1, 1);
    ASSERT_EQ(offsets.size(), 4u);
    for (std::size_t i = 0; i < offsets.size(); ++i)
        EXPECT_NEAR(offsets[i], 0.05 * static_cast<double>(i), 1e-12);
}

TEST(ArrivalSchedule, PoissonArrivalsAreSeededAndHaveTheRightMean) {
    bench::OpenLoopOptions load;
    load.arrival_rate = 10;
    load.analyses = 20000;
    const auto a = bench::arrival_offsets(load, 1.0, 7);
    EXPECT_EQ(a, bench::arrival_offsets(load, 1.0, 7)) << "same seed, same schedule";
    EXPECT_NE(a, bench::arrival_offsets(load, 1.0, 8));
    const double mean_gap = a.back() / static_cast<double>(a.size() - 1);
    EXPECT_NEAR(mean_gap, 0.1, 0.005);
    EXPECT_TRUE(std::is_sorted(a.begin(), a.end()));
}

bench::LevelResult run_open(bool shared, int limit) {
    const auto scenario = *bench::find_scenario("seed-38x91");
    const double scale = 0.01;  // 5 ms calls
    bench::TargetOptions target_options;
    target_options.latency = std::chrono::microseconds(5000);
    auto target = bench::Target::start(target_options);
    EXPECT_TRUE(target) << target.error();
    bench::LevelOptions options{scenario, scale, fast_settings(limit), false, 1};
    bench::OpenLoopOptions load;
    load.arrival_rate = 20;  // an analysis every 0.5 ms at scale 0.01: they overlap
    load.analyses = 6;
    load.fanout = 8;
    load.shared_limiter = shared;
    auto result = bench::run_open_loop_blocking(**target, options, limit, load, Logger());
    EXPECT_TRUE(result) << result.error();
    return result ? *result : bench::LevelResult{};
}

TEST(OpenLoop, EveryCallOfEveryAnalysisIsAccountedForUnderOneSharedLimit) {
    const auto result = run_open(true, 4);
    ASSERT_TRUE(result.open_loop);
    EXPECT_EQ(result.calls_ok + result.calls_failed, 6u * 8u);
    EXPECT_EQ(result.calls_failed, 0u);
    EXPECT_EQ(result.calls.size(), 48u);
    EXPECT_EQ(result.server_max_in_flight, 4) << "one limit for all the analyses";
    EXPECT_EQ(result.open_loop->analyses, 6);
    EXPECT_GT(result.open_loop->analysis_p99_s, 0.0);
    EXPECT_GE(result.open_loop->analysis_max_s, result.open_loop->analysis_p50_s);
    // Latency counts from the scheduled arrival: queued calls show their wait.
    EXPECT_GT(result.metrics.queue_wait.max(), std::chrono::microseconds(0));
}

TEST(OpenLoop, OneLimitPerAnalysisLetsTheServerSeeMore) {
    const auto result = run_open(false, 4);
    EXPECT_EQ(result.calls_ok, 48u);
    ASSERT_TRUE(result.server_max_in_flight);
    EXPECT_GT(*result.server_max_in_flight, 4) << "overlapping analyses each hold 4 slots";
    EXPECT_LE(*result.server_max_in_flight, 6 * 4);
}

}  // namespace
}  // namespace qa::test
