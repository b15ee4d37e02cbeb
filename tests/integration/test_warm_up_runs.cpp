// --warm-up-runs: whole runs before the measured ones, discarded. Each run is one wave of calls
// at the mock's latency, so the time the level took proves how many ran, whatever the machine:
// no run can be faster than its lower bound.
#include <gtest/gtest.h>

#include <chrono>

#include "bench/level_run.hpp"
#include "bench/scenario.hpp"
#include "scaled_target.hpp"

namespace bench {
namespace {

TEST(WarmUpRuns, RunBeforeTheMeasuredRunAndAreNotReported) {
    const auto scenario = find_scenario("seed-5x7");
    ASSERT_TRUE(scenario);
    // 100 ms calls: well above phase 1's time even under a sanitizer, so the runs dominate.
    const double scale = 0.2;
    auto target = test::start_scaled_target(*scenario, scale);
    ASSERT_TRUE(target) << target.error();
    LevelOptions options;
    options.scenario = *scenario;
    options.time_scale = scale;
    options.warm_up_runs = 2;

    const auto started = std::chrono::steady_clock::now();
    const auto run = run_level_blocking(**target, options, 7, qa::Logger());  // one wave
    const double took_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    ASSERT_TRUE(run) << run.error();
    EXPECT_EQ(run->calls_ok, 7u);
    EXPECT_EQ(run->repetitions, 1);
    // The connections' warm-up (one wave), two warm-up runs and the measured run: four waves at
    // least. Without the warm-up runs it would be two.
    EXPECT_GE(took_s, 4 * run->lower_bound_s);
    // What is reported is the one measured run.
    EXPECT_LT(run->makespan_s, 2 * run->lower_bound_s);
    EXPECT_EQ(run->makespans_s.size(), 1u);
}

}  // namespace
}  // namespace bench
