// An adaptive limit's history as the reports plot it: one limiter's changes, and an open loop's
// per-analysis limiters summed over the analyses in progress.
#include <gtest/gtest.h>

#include "bench/limit_history.hpp"

namespace bench {
namespace {

using std::chrono::milliseconds;

TEST(LimitHistory, OneLimiterStartsAtTheRunsStart) {
    const auto start = qa::SteadyClock::now();
    const std::vector<qa::LimitChange> history{
        {start - milliseconds(3), 10}, {start + milliseconds(5), 9}, {start + milliseconds(8), 10}};
    EXPECT_EQ(limit_history_since(history, start),
              (LimitPoints{{0.0, 10}, {0.005, 9}, {0.008, 10}}))
        << "the limiter was made before the run: its first limit is placed at the start";
}

TEST(LimitHistory, PerAnalysisLimitsAddWhileTheAnalysesRun) {
    const auto start = qa::SteadyClock::now();
    const auto at = [&](int ms) { return start + milliseconds(ms); };
    // Both limiters were made before the run, at limit 10.
    const std::vector<qa::LimitChange> first{{at(-1), 10}, {at(2), 5}};
    const std::vector<qa::LimitChange> second{{at(-1), 10}, {at(6), 7}};
    const std::vector<AnalysisLimit> analyses{{at(0), at(8), &first}, {at(4), at(10), &second}};
    EXPECT_EQ(
        summed_limit_history(analyses, start),
        (LimitPoints{{0.0, 10}, {0.002, 5}, {0.004, 15}, {0.006, 12}, {0.008, 7}, {0.010, 0}}));
}

TEST(LimitHistory, StepsAtOneInstantMakeOnePoint) {
    const auto start = qa::SteadyClock::now();
    const std::vector<qa::LimitChange> a{{start, 4}};
    const std::vector<qa::LimitChange> b{{start, 4}};
    // One finishes as the other arrives: the sum stays 4, so no point is added then.
    const std::vector<AnalysisLimit> analyses{
        {start, start + milliseconds(3), &a},
        {start + milliseconds(3), start + milliseconds(5), &b}};
    EXPECT_EQ(summed_limit_history(analyses, start), (LimitPoints{{0.0, 4}, {0.005, 0}}));
}

}  // namespace
}  // namespace bench
