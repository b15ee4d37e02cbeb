// Parallel against sequential as a ratio within one test; the seed workloads against their
// lower bound. Generous margins: the machine is shared and noisy, and sanitizer builds slower.
#include "bench/level_run.hpp"
#include "phase_fixture.hpp"
#include "scaled_target.hpp"
#include "timing_slack.hpp"

namespace qa::test {
namespace {

using namespace std::chrono_literals;

TEST_F(MockBackedTest, ParallelIsFasterThanSequential) {
    mock_llm::ServerConfig config;
    config.profile.latency = mock_llm::LatencyModel::fixed(20ms);
    start_mock(config);
    const auto tasks = numbered_tasks(30);
    const auto sequential = run_phase(tasks, fast_settings(1));
    const auto parallel = run_phase(tasks, fast_settings(10));
    ASSERT_TRUE(sequential && parallel);
    ASSERT_EQ(sequential->successful, 30u);
    ASSERT_EQ(parallel->successful, 30u);
    // Ideal speed-up is 10 (30 x 20 ms against 3 x 20 ms); demand a third of it (a ninth in a
    // sanitizer build: a sequential run would still show 1).
    const double speedup = static_cast<double>(sequential->elapsed.count()) /
                           static_cast<double>(parallel->elapsed.count());
    EXPECT_GT(speedup, 3.3 / qa::testing::kTimingSlack)
        << "sequential " << sequential->elapsed.count() << " us, parallel "
        << parallel->elapsed.count() << " us";
}

class SeedScenario : public ::testing::TestWithParam<const char*> {};

TEST_P(SeedScenario, FinishesWithinATenthOfTheLowerBoundPlusMargin) {
    const auto scenario = bench::find_scenario(GetParam());
    ASSERT_TRUE(scenario) << scenario.error();
    const double scale = 0.1;  // 50 ms calls: 91 calls at limit 10 have a 0.5 s lower bound
    auto target = bench::test::start_scaled_target(*scenario, scale);
    ASSERT_TRUE(target) << target.error();

    bench::LevelOptions options{*scenario, scale, fast_settings(10), true, 1};
    const auto result = bench::run_level_blocking(**target, options, 10, Logger());
    ASSERT_TRUE(result) << result.error();
    EXPECT_EQ(result->calls_ok, static_cast<std::uint64_t>(scenario->calls));
    EXPECT_EQ(result->calls_failed, 0u);
    // Release runs at 1.01..1.03 of the bound; a TSan run beside a busy test reached 1.25.
    EXPECT_LE(result->ratio, 1.0 + 0.2 * qa::testing::kTimingSlack)
        << "makespan " << result->makespan_s << " s, lower bound " << result->lower_bound_s << " s";
    EXPECT_GE(result->ratio, 1.0) << "faster than the lower bound: the limit was not applied";
    EXPECT_EQ(result->server_max_in_flight, 10);
}

INSTANTIATE_TEST_SUITE_P(Original, SeedScenario, ::testing::Values("seed-38x91", "seed-50x120"));

}  // namespace
}  // namespace qa::test
