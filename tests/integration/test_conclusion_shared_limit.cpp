// The shared-limit experiment's conclusion follows its runs: whether the provider pushed back
// on per-analysis limits is read from the 429s of that run, never assumed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "bench/experiment_conclusions.hpp"
#include "synthetic_runs.hpp"

namespace bench {
namespace {

using testing::all_findings;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::RunFigures;
using testing::synthetic_run;

SharedLimitFacts six_analyses() {
    SharedLimitFacts facts;
    facts.limit = 10;
    facts.analyses = 6;
    facts.calls_per_analysis = 91;
    facts.arrivals_per_s = 2;
    facts.time_scale = 0.01;
    return facts;
}

// An open-loop run: its analyses' median, what the provider saw, its refusals.
LevelResult open_run(double analysis_p50_s, std::int64_t provider_saw, std::uint64_t refusals) {
    RunFigures figures;
    figures.ok = 546;
    figures.status_429 = refusals;
    figures.server_max = provider_saw;
    LevelResult run = synthetic_run(figures);
    OpenLoopStats open;
    open.analysis_p50_s = analysis_p50_s;
    open.analysis_p99_s = analysis_p50_s * 2;
    open.duration_s = analysis_p50_s * 2;
    run.open_loop = open;
    return run;
}

TEST(SharedLimitConclusion, NoRefusalsMeansNothingPushedBack) {
    const auto table =
        conclude_shared_limit(six_analyses(), open_run(0.14, 10, 0), open_run(0.05, 60, 0));
    const auto findings = all_findings(table);
    EXPECT_THAT(findings, HasSubstr("One shared limit kept the provider at 10 requests in flight "
                                    "(the limit is 10); one limit per analysis let it see 60 (up "
                                    "to 6 x 10): the limit no longer bounds what the provider "
                                    "sees."));
    EXPECT_THAT(findings, HasSubstr("Per-analysis limits made the median analysis 2.8x faster, "
                                    "and the provider refused nothing under either"));
    EXPECT_EQ(table.rows[1][0], "per-analysis");
    EXPECT_EQ(table.rows[1][1], "60");
}

TEST(SharedLimitConclusion, RefusalsGrowingWithTheExcessAreCalledThat) {
    const auto findings = all_findings(
        conclude_shared_limit(six_analyses(), open_run(0.14, 10, 0), open_run(0.10, 60, 400)));
    EXPECT_THAT(findings, HasSubstr("but the excess came back as refusals (400 429s under "
                                    "per-analysis limits against 0 under the shared one"));
}

// `--rate-429 0.5`: both runs meet refusals at the same share, which the excess in flight did
// not cause; the conclusion must not claim the provider had no cap, nor that the excess did it.
TEST(SharedLimitConclusion, RandomRefusalsUnderBothAreNotBlamedOnTheExcess) {
    auto facts = six_analyses();
    facts.random = {0.5, 0};
    const auto table =
        conclude_shared_limit(facts, open_run(0.30, 10, 546), open_run(0.12, 60, 550));
    const auto findings = all_findings(table);
    EXPECT_THAT(table.title, HasSubstr("with 50% random 429s (--rate-429)"));
    EXPECT_THAT(findings, HasSubstr("refusals were as frequent under both (550 429s under "
                                    "per-analysis limits against 546 under the shared one, "
                                    "50.2% of attempts against 50%): they "
                                    "did not come from the excess in flight."));
    EXPECT_THAT(findings, Not(HasSubstr("no concurrency cap")));
    EXPECT_THAT(findings, Not(HasSubstr("refused nothing")));
}

TEST(SharedLimitConclusion, FewerRefusalsUnderPerAnalysisLimitsAreNotCalledTheSame) {
    const auto findings = all_findings(
        conclude_shared_limit(six_analyses(), open_run(0.30, 10, 500), open_run(0.12, 60, 50)));
    EXPECT_THAT(findings, HasSubstr("refusals were rarer under per-analysis limits (50 429s"));
}

TEST(SharedLimitConclusion, SaysSoWhenPerAnalysisLimitsStayedWithinTheLimitOrWereSlower) {
    const auto findings = all_findings(
        conclude_shared_limit(six_analyses(), open_run(0.05, 8, 0), open_run(0.10, 9, 0)));
    EXPECT_THAT(findings, HasSubstr("one limit per analysis let it see 9 (up to 6 x 10), within "
                                    "the limit too"));
    EXPECT_THAT(findings, HasSubstr("Per-analysis limits made the median analysis 2.0x slower"));
}

TEST(SharedLimitConclusion, AProviderWithoutStatsIsNotGuessedAt) {
    const auto findings = all_findings(
        conclude_shared_limit(six_analyses(), open_run(0.14, 10, 0), open_run(0.14, 60, 0)));
    EXPECT_THAT(findings, HasSubstr("about as long under either limiter"));
    LevelResult unknown = open_run(0.14, 0, 0);
    unknown.server_max_in_flight.reset();
    EXPECT_THAT(all_findings(conclude_shared_limit(six_analyses(), unknown, unknown)),
                HasSubstr("The provider's in-flight count is unknown"));
}

}  // namespace
}  // namespace bench
