// The rate-limited experiment's conclusion follows its runs: the same function fed opposite
// outcomes says opposite things, and its figures come from the facts it is given.
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
using testing::runs_for;

RateLimitedFacts seed_facts() {
    RateLimitedFacts facts;
    facts.scenario = "seed-38x91";
    facts.calls = 91;
    facts.call_latency_s = 0.5;
    facts.provider_rpm = 600;
    facts.window_s = 1;
    facts.rate_limit_retries = 8;
    facts.time_scale = 0.01;
    return facts;
}

// Every variant answered everything without a refusal, in 0.1 s.
std::vector<LevelResult> calm_runs() {
    return runs_for(rate_limited_variants(), {});
}

void refuse(LevelResult& run, std::uint64_t refusals, std::uint64_t failed) {
    run.calls_ok -= failed;
    run.calls_failed = failed;
    run.status_429 = refusals;
    run.metrics.attempts_by_status[429] = refusals;
    run.metrics.attempts = run.calls_ok + refusals;
}

TEST(RateLimitedConclusion, EveryRowNamesItsVariantAndTheComparedOnesTheirSlotPolicy) {
    const auto table = conclude_rate_limited(seed_facts(), calm_runs());
    std::vector<std::string> labels;
    for (const auto& row : table.rows)
        labels.push_back(row.front());
    EXPECT_THAT(labels, ::testing::ElementsAre(
                            "fixed 5", "fixed 10, slot held", "fixed 10, slot released", "fixed 20",
                            "fixed 50", "aimd up to 50, slot held", "aimd up to 50, slot released",
                            "fixed 50 + token bucket 600/min"));
    EXPECT_THAT(table.title, HasSubstr("the slot held during backoff unless a row says released"));
}

TEST(RateLimitedConclusion, TheRateArithmeticComesFromTheProvidersSettings) {
    auto facts = seed_facts();
    EXPECT_THAT(all_findings(conclude_rate_limited(facts, calm_runs())),
                HasSubstr("91 calls at 10 per second take at least 0.091 s (9.10 s). At that "
                          "rate, calls of 0.5 s keep 5 in flight"));
    facts.provider_rpm = 1200;
    facts.call_latency_s = 0.3;
    facts.random = {0.05, 0};
    const auto table = conclude_rate_limited(facts, calm_runs());
    EXPECT_THAT(all_findings(table), HasSubstr("91 calls at 20 per second take at least "));
    EXPECT_THAT(all_findings(table), HasSubstr("At that rate, calls of 0.3 s keep 6 in flight"));
    EXPECT_THAT(table.title, HasSubstr("1200 requests/min"));
    EXPECT_THAT(table.title, HasSubstr("with 5% random 429s (--rate-429)"));
}

TEST(RateLimitedConclusion, SaysWhetherRefusalsStartedAboveRateTimesLatency) {
    auto runs = calm_runs();
    EXPECT_THAT(all_findings(conclude_rate_limited(seed_facts(), runs)),
                HasSubstr("no fixed limit met a refusal"));

    for (const char* label : {"fixed 10, slot held", "fixed 20", "fixed 50"})
        refuse(run_labelled(runs, label), 700, 80);
    const auto above_only = all_findings(conclude_rate_limited(seed_facts(), runs));
    EXPECT_THAT(above_only, HasSubstr("fixed limits at or below 5 (5) met 0 429s and lost 0 "
                                      "calls; fixed limits above 5 (10, 20 and 50) met 700 429s "
                                      "and lost 80 calls: only the limits above"));

    refuse(run_labelled(runs, "fixed 5"), 30, 0);
    EXPECT_THAT(all_findings(conclude_rate_limited(seed_facts(), runs)),
                HasSubstr("even limits at or below rate x latency met refusals"));
}

TEST(RateLimitedConclusion, TheOriginalsLimitLostCallsOrDidNot) {
    auto runs = calm_runs();
    EXPECT_THAT(all_findings(conclude_rate_limited(seed_facts(), runs)),
                HasSubstr("The original's limit of 10, slot held as the original did (above "
                          "rate x latency): 0 429s, and no call failed."));
    refuse(run_labelled(runs, "fixed 10, slot held"), 684, 76);
    EXPECT_THAT(all_findings(conclude_rate_limited(seed_facts(), runs)),
                HasSubstr("684 429s, and 76 of 91 calls failed after their retries."));
}

TEST(RateLimitedConclusion, NamesTheFastestWholeRunOrSaysThereWasNone) {
    auto runs = calm_runs();
    run_labelled(runs, "fixed 20").makespan_s = 0.095;
    EXPECT_THAT(all_findings(conclude_rate_limited(seed_facts(), runs)),
                HasSubstr("Fastest without a failed call: fixed 20, 0.095 s (9.50 s) (1.04x the "
                          "rate bound)"));
    run_labelled(runs, "fixed 20").makespan_s = 0.05;  // faster than the provider's rate
    EXPECT_THAT(all_findings(conclude_rate_limited(seed_facts(), runs)),
                HasSubstr("under the rate bound: the provider let more than 10 requests/s"));
    for (auto& run : runs)
        refuse(run, 100, 3);
    const auto lost = all_findings(conclude_rate_limited(seed_facts(), runs));
    EXPECT_THAT(lost, HasSubstr("Every variant lost calls: none got all 91 answers within 8 "
                                "retries after a 429."));
    EXPECT_THAT(lost, Not(HasSubstr("Fastest")));
}

TEST(RateLimitedConclusion, WasteIsNamedOnlyWhenThereWasSome) {
    auto runs = calm_runs();
    EXPECT_THAT(all_findings(conclude_rate_limited(seed_facts(), runs)),
                HasSubstr("No variant wasted an attempt"));
    refuse(run_labelled(runs, "aimd up to 50, slot released"), 260, 16);
    EXPECT_THAT(all_findings(conclude_rate_limited(seed_facts(), runs)),
                HasSubstr("Most wasteful: aimd up to 50, slot released, 260 attempts without an "
                          "answer (260 of them 429s) for 75 answers."));
}

TEST(RateLimitedConclusion, ComparesHoldAndReleaseOnTheOriginalsLimitAndAimd) {
    auto runs = calm_runs();
    auto& held = run_labelled(runs, "fixed 10, slot held");
    auto& released = run_labelled(runs, "fixed 10, slot released");
    held.makespan_s = 0.6;
    released.makespan_s = 0.16;
    refuse(released, 720, 80);
    const auto findings = all_findings(conclude_rate_limited(seed_facts(), runs));
    EXPECT_THAT(findings, HasSubstr("fixed 10, slot held against released during backoff: "
                                    "makespan 0.600 s (60.00 s) against 0.160 s (16.00 s) "
                                    "(released wins)"));
    EXPECT_THAT(findings, HasSubstr("wasted attempts 0 against 720, of them 429s 0 against 720 "
                                    "(held wins)"));
    EXPECT_THAT(findings, HasSubstr("Held lost fewer calls (0 against 80)."));
    EXPECT_THAT(findings, HasSubstr("aimd up to 50, slot held against released during backoff"));
}

}  // namespace
}  // namespace bench
