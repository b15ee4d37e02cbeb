// Pure parts of the harness: concurrency lists, lower bounds, repetitions, scenarios.
#include <gtest/gtest.h>

#include <set>

#include "bench/concurrency_list.hpp"
#include "bench/level_run.hpp"
#include "bench/scenario.hpp"

namespace bench {
namespace {

TEST(ConcurrencyList, ListsRangesAndRepeats) {
    EXPECT_EQ(*parse_concurrency_list("--concurrency", "1,10,50"), (std::vector<int>{1, 10, 50}));
    EXPECT_EQ(parse_concurrency_list("--concurrency", "1..50")->size(), 50u);
    EXPECT_EQ(*parse_concurrency_list("--concurrency", "3..5,1,4"), (std::vector<int>{3, 4, 5, 1}));
}

TEST(ConcurrencyList, RefusesWhatIsNotAnAllowedLimit) {
    for (const char* bad : {"", "0", "51", "1,,2", "5..2", "1..", "..3", "a", "1;2", "0..51"}) {
        const auto parsed = parse_concurrency_list("--concurrency", bad);
        ASSERT_FALSE(parsed) << bad;
        EXPECT_EQ(parsed.error().variable, "--concurrency");
        EXPECT_EQ(parsed.error().value, bad);
    }
}

TEST(LowerBound, IsWholeRoundsOfOneLatency) {
    using std::chrono::milliseconds;
    EXPECT_EQ(makespan_lower_bound(91, 10, milliseconds(500)), milliseconds(5000));
    EXPECT_EQ(makespan_lower_bound(120, 10, milliseconds(500)), milliseconds(6000));
    EXPECT_EQ(makespan_lower_bound(91, 1, milliseconds(500)), milliseconds(45500));
    EXPECT_EQ(makespan_lower_bound(91, 50, milliseconds(5)), milliseconds(10));
}

TEST(Scenarios, MatchTheOriginalWorkloads) {
    const auto small = find_scenario("seed-38x91");
    ASSERT_TRUE(small);
    const auto tasks = make_tasks(*small);
    EXPECT_EQ(tasks.size(), 91u);
    std::set<std::string> files;
    for (const auto& task : tasks)
        files.insert(task.name.substr(0, task.name.find("::")));
    EXPECT_EQ(files.size(), 38u);
    EXPECT_EQ(make_tasks(*find_scenario("seed-50x120")).size(), 120u);
    EXPECT_FALSE(find_scenario("seed-1x1"));
}

TEST(Repetitions, TheMedianRunStandsForTheLevel) {
    std::vector<LevelResult> samples(3);
    const double makespans[] = {0.3, 0.1, 0.2};
    for (int i = 0; i < 3; ++i) {
        samples[i].makespan_s = makespans[i];
        samples[i].server_max_in_flight = 8 + i;
        samples[i].calls_failed = i == 1 ? 2 : 0;
    }
    const auto summary = summarize_repetitions(samples);
    EXPECT_DOUBLE_EQ(summary.makespan_s, 0.2);
    EXPECT_EQ(summary.makespans_s, (std::vector<double>{0.3, 0.1, 0.2}));
    EXPECT_EQ(summary.repetitions, 3);
    EXPECT_EQ(summary.server_max_in_flight, 10) << "the worst case of all runs, not the median's";
    EXPECT_EQ(summary.calls_failed_max, 2u);
}

}  // namespace
}  // namespace bench
