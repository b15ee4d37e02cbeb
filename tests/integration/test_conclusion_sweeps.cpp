// The sweeps experiment's conclusion follows its runs: whether the makespan fell in whole
// rounds and whether the harness met its targets are read from the sweep, not asserted.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "bench/experiment_conclusions.hpp"
#include "synthetic_runs.hpp"

namespace bench {
namespace {

using testing::all_findings;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr double kScale = 0.01;

// A sweep of 91 calls of 0.5 s over limits 1..50, each level at `ratio` x its lower bound.
RunReport sweep(double ratio) {
    RunReport report;
    report.scenario.name = "seed-38x91";
    report.scenario.files = 38;
    report.scenario.calls = 91;
    report.scenario.original_sequential_s = 45;
    report.scenario.original_parallel_s = 5;
    for (int limit = 1; limit <= 50; ++limit) {
        LevelResult run;
        run.concurrency = limit;
        run.lower_bound_s = std::ceil(91.0 / limit) * 0.5 * kScale;
        run.ratio = ratio;
        run.makespan_s = run.lower_bound_s * ratio;
        run.server_max_in_flight = limit;
        run.repetitions = run.lower_bound_s >= 0.05 ? 3 : 1;
        report.runs.push_back(run);
    }
    return report;
}

TEST(SweepsConclusion, WholeRoundsOnlyWhenTheKneeIsWhereTheRoundsBottomOut) {
    const auto rounds = all_findings(conclude_sweeps({sweep(1.02)}, kScale, 10));
    EXPECT_THAT(rounds, HasSubstr("From limit 46 on, the makespan is within 10% of the sweep's "
                                  "best: it falls in steps of whole rounds, and ceil(calls / "
                                  "limit) is 2 rounds from limit 46 on"));
    // Overhead flattens the sweep from limit 20 (the best, at 50, barely better): the knee
    // comes long before the rounds end.
    auto flat = sweep(1.02);
    for (auto& run : flat.runs) {
        if (run.concurrency >= 20)
            run.makespan_s = run.concurrency == 50 ? 0.0195 : 0.02;
    }
    const auto overhead = all_findings(conclude_sweeps({flat}, kScale, 10));
    EXPECT_THAT(overhead, HasSubstr("From limit 20 on, the makespan is within 10% of the sweep's "
                                    "best, but ceil(calls / limit) is 2 rounds from limit 46 on"));
    EXPECT_THAT(overhead, HasSubstr("the knee does not follow the rounds"));
    EXPECT_THAT(overhead, Not(HasSubstr("steps of whole rounds")));
}

TEST(SweepsConclusion, TheOriginalsClaimIsComparedNotAssumed) {
    const auto reproduced = all_findings(conclude_sweeps({sweep(1.02)}, kScale, 10));
    EXPECT_THAT(reproduced, HasSubstr("seed-38x91: sequential took 46.4 s real-time equivalent "
                                      "against the original's 45+ s; limit 10"));
    auto quick = sweep(1.02);
    quick.runs[0].makespan_s = 0.30;  // sequential in 30 s real time
    EXPECT_THAT(all_findings(conclude_sweeps({quick}, kScale, 10)),
                HasSubstr("against the original's 45+ s (less than it claimed)"));
}

TEST(SweepsConclusion, TheHarnessTargetsAreMetOrMissedByTheFigures) {
    const auto met = all_findings(conclude_sweeps({sweep(1.02)}, kScale, 13.3));
    EXPECT_THAT(met, HasSubstr("took 13.3 s wall at time scale 0.0100, within the 15 s target"));
    EXPECT_THAT(met, HasSubstr("the worst ratio was 1.020, within the 1.05 target."));
    const auto missed = all_findings(conclude_sweeps({sweep(1.08)}, kScale, 16));
    EXPECT_THAT(missed, HasSubstr("over the 15 s target"));
    EXPECT_THAT(missed, HasSubstr("the worst ratio was 1.080, above the 1.05 target."));
    EXPECT_THAT(all_findings(conclude_sweeps({sweep(1.02)}, 0.001, 2)),
                HasSubstr("(the 15 s target is for time scale 0.01)"));
}

TEST(SweepsConclusion, TheWorstLevelSaysWhereItsOverheadWent) {
    auto report = sweep(1.02);
    LevelResult& worst = report.runs[4];  // limit 5, a judged level
    worst.ratio = 1.07;
    CriticalPath path;
    path.late_s = 0.0012;
    path.start_s = 0.0003;
    path.slot_wait_s = 0.00001;  // under a tenth of the largest part: not named
    worst.critical_path = path;
    EXPECT_THAT(all_findings(conclude_sweeps({report}, kScale, 10)),
                HasSubstr("the worst ratio was 1.070 (seed-38x91 limit 5: of its 1.51 ms over "
                          "the bound, late answers 1.20 ms, start 0.30 ms), above the 1.05 "
                          "target."));
}

}  // namespace
}  // namespace bench
