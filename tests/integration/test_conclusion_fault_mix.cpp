// The fault-mix experiment's conclusion follows its runs: hangs, the shorter timeout, the retry
// budget and the slot policy are each described by what the runs show, including no effect.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "bench/experiment_conclusions.hpp"
#include "synthetic_runs.hpp"

namespace bench {
namespace {

using testing::all_findings;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::run_labelled;
using testing::RunFigures;
using testing::runs_for;

FaultMixFacts fault_mix_facts() {
    FaultMixFacts facts;
    facts.scenario = "seed-100x500";
    facts.calls = 500;
    facts.call_latency_s = 0.5;
    facts.fivexx_share = 0.1;
    facts.hang_share = 0.01;
    facts.timeout_s = 120;
    facts.retries = 3;
    facts.time_scale = 0.01;
    return facts;
}

// 500 calls, none hung: the slowest a little slower than the median.
std::vector<LevelResult> smooth_runs() {
    RunFigures figures;
    figures.ok = 500;
    figures.makespan_s = 0.3;
    figures.median_s = 0.15;
    figures.slowest_s = 0.29;
    return runs_for(fault_mix_variants(), figures);
}

void hang_calls(LevelResult& run, std::uint64_t attempts, double slowest_s) {
    run.metrics.attempts_by_error["timeout"] = attempts;
    run.metrics.total.record(std::chrono::microseconds(std::int64_t(slowest_s * 1e6)));
    run.makespan_s = slowest_s;
}

TEST(FaultMixConclusion, TheRowsNameTheSlotPolicyWhereItIsCompared) {
    const auto table = conclude_fault_mix(fault_mix_facts(), smooth_runs());
    ASSERT_EQ(table.rows.size(), fault_mix_variants().size());
    EXPECT_EQ(table.rows[2][0], "limit 10, timeout 5 s, slot held");
    EXPECT_EQ(table.rows[3][0], "limit 10, timeout 5 s, slot released");
    EXPECT_THAT(table.title, HasSubstr("with 10% 5xx and 1% hangs, per-attempt timeout 1.200 s "
                                       "(120.00 s), 3 retries"));
}

TEST(FaultMixConclusion, HangsSetTheMakespanOnlyWhenTheyHappened) {
    auto runs = smooth_runs();
    const auto calm = all_findings(conclude_fault_mix(fault_mix_facts(), runs));
    EXPECT_THAT(calm, HasSubstr("No attempt ran into the per-attempt timeout (1.200 s (120.00 s)) "
                                "at limit 10 in this run"));
    hang_calls(run_labelled(runs, "limit 10"), 4, 1.5);
    const auto hung = all_findings(conclude_fault_mix(fault_mix_facts(), runs));
    EXPECT_THAT(hung, HasSubstr("4 attempts ran into the per-attempt timeout"));
    EXPECT_THAT(hung, HasSubstr("and the makespan (1.500 s (150.00 s)) ends with it"));
    run_labelled(runs, "limit 10").makespan_s = 3.0;
    EXPECT_THAT(all_findings(conclude_fault_mix(fault_mix_facts(), runs)),
                HasSubstr("while the makespan (3.000 s (300.00 s)) was set by the other calls"));
}

TEST(FaultMixConclusion, TheShorterTimeoutIsCreditedOnlyWithWhatItChanged) {
    auto runs = smooth_runs();
    EXPECT_THAT(all_findings(conclude_fault_mix(fault_mix_facts(), runs)),
                HasSubstr("about the same: the timeout did not set the makespan here"));
    hang_calls(run_labelled(runs, "limit 10"), 4, 1.5);
    const auto shorter = all_findings(conclude_fault_mix(fault_mix_facts(), runs));
    EXPECT_THAT(shorter, HasSubstr("A per-attempt timeout of 0.050 s (5.00 s) instead"));
    EXPECT_THAT(shorter, HasSubstr("(5.0x shorter)"));
    run_labelled(runs, "limit 10, timeout 5 s, slot held").makespan_s = 2.0;
    EXPECT_THAT(all_findings(conclude_fault_mix(fault_mix_facts(), runs)),
                HasSubstr("longer: the shorter timeout did not pay here"));
}

TEST(FaultMixConclusion, TheRetryBudgetsPriceIsWhatTheRunsShow) {
    auto runs = smooth_runs();
    EXPECT_THAT(all_findings(conclude_fault_mix(fault_mix_facts(), runs)),
                HasSubstr("the budget never had to deny a retry here"));
    auto& budgeted = run_labelled(runs, "limit 10, retry budget 10%");
    budgeted.metrics.retries_denied = 4;
    EXPECT_THAT(all_findings(conclude_fault_mix(fault_mix_facts(), runs)),
                HasSubstr("the budget spared the provider 4 attempts without losing a call more"));
    budgeted.calls_failed = 4;
    const auto priced = all_findings(conclude_fault_mix(fault_mix_facts(), runs));
    EXPECT_THAT(priced, HasSubstr("A 10% retry budget at limit 10: 0 retries became 0 (4 "
                                  "denied), failed calls 0 became 4: the budget spared the "
                                  "provider 4 attempts at the price of 4 failed calls."));
    EXPECT_THAT(priced, HasSubstr("A 10% retry budget at limit 50"));
}

TEST(FaultMixConclusion, HoldAgainstReleaseNamesTheWinnerOrATie) {
    auto runs = smooth_runs();
    const auto tie = all_findings(conclude_fault_mix(fault_mix_facts(), runs));
    EXPECT_THAT(tie, HasSubstr("limit 10, timeout 5 s, slot held against released during "
                               "backoff"));
    EXPECT_THAT(tie, HasSubstr("In this run neither policy wins on any of the three."));
    run_labelled(runs, "limit 10, timeout 5 s, slot released").makespan_s = 0.25;
    EXPECT_THAT(all_findings(conclude_fault_mix(fault_mix_facts(), runs)),
                HasSubstr("In this run released wins on makespan; held on none."));
    run_labelled(runs, "limit 10, timeout 5 s, slot released").makespan_s = 0.4;
    EXPECT_THAT(all_findings(conclude_fault_mix(fault_mix_facts(), runs)),
                HasSubstr("In this run held wins on makespan; released on none."));
}

}  // namespace
}  // namespace bench
