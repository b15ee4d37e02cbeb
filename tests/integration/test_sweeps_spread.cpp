// The sweeps conclusion shows how noisy its judged levels were: the widest spread of their
// repeated makespans, relative to the median, beside the worst ratio.
#include <gtest/gtest.h>

#include <cmath>

#include "bench/experiment_conclusions.hpp"

namespace bench {
namespace {

// Limits 1..50 of 91 calls of 5 ms; the levels whose bound is 50 ms or more ran 3 times, and
// limit `noisy` spread by a fifth of its makespan.
RunReport sweep_with_spreads(int noisy) {
    RunReport report;
    report.scenario = *find_scenario("seed-38x91");
    for (int limit = 1; limit <= 50; ++limit) {
        LevelResult run;
        run.concurrency = limit;
        run.lower_bound_s = std::ceil(91.0 / limit) * 0.005;
        run.makespan_s = run.lower_bound_s * 1.01;
        run.ratio = 1.01;
        run.server_max_in_flight = limit;
        run.repetitions = run.lower_bound_s >= 0.05 ? 3 : 1;
        const double width = limit == noisy ? 0.2 : 0.01;
        run.makespans_s =
            run.repetitions == 1
                ? std::vector<double>{run.makespan_s}
                : std::vector<double>{run.makespan_s * (1 - width / 2), run.makespan_s,
                                      run.makespan_s * (1 + width / 2)};
        report.runs.push_back(run);
    }
    return report;
}

std::size_t column_named(const ConclusionTable& table, const std::string& name) {
    for (std::size_t i = 0; i < table.header.size(); ++i) {
        if (table.header[i] == name)
            return i;
    }
    ADD_FAILURE() << "no column " << name;
    return 0;
}

TEST(SweepsSpread, TheWidestJudgedSpreadStandsBesideTheWorstRatio) {
    const auto table = conclude_sweeps({sweep_with_spreads(5)}, 0.01, 10);
    ASSERT_EQ(table.rows.size(), 1u);
    const auto at = column_named(table, "widest spread (bound ≥ 50 ms)");
    EXPECT_EQ(table.rows[0][at], "20.0% (min-max of 3, limit 5)");
}

TEST(SweepsSpread, NoneWhenEveryJudgedLevelRanOnce) {
    auto report = sweep_with_spreads(5);
    for (auto& run : report.runs) {
        run.repetitions = 1;
        run.makespans_s = {run.makespan_s};
    }
    const auto table = conclude_sweeps({report}, 0.01, 10);
    EXPECT_EQ(table.rows[0][column_named(table, "widest spread (bound ≥ 50 ms)")], "n/a");
}

}  // namespace
}  // namespace bench
