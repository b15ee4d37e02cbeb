// The regression gate's logic: thresholds as users write them, ratio checks against a baseline,
// and the refusals when two summaries cannot be compared.
#include <gtest/gtest.h>

#include "bench/compare.hpp"
#include "bench/condition_differences.hpp"
#include "text_has.hpp"

namespace bench {
namespace {

nlohmann::json summary(const std::string& scenario,
                       std::vector<std::tuple<int, double, int, double>> levels) {
    nlohmann::json runs = nlohmann::json::array();
    for (const auto& [limit, ratio, failed, p99] : levels) {
        runs.push_back({{"concurrency", limit},
                        {"ratio", ratio},
                        {"calls_failed", failed},
                        {"total_p99_s", p99},
                        {"server_max_in_flight", limit}});
    }
    return {{"scenario", scenario}, {"time_scale", 0.05}, {"runs", runs}};
}

using qa::test::has;

TEST(Threshold, ReadsTheFormsUsersWrite) {
    const auto ratio = parse_threshold("ratio<1.05");
    ASSERT_TRUE(ratio);
    EXPECT_EQ(ratio->metric, "ratio");
    EXPECT_EQ(ratio->op, CompareOp::less);
    EXPECT_DOUBLE_EQ(ratio->value, 1.05);
    EXPECT_FALSE(ratio->level);

    const auto failed = parse_threshold("failed==0");
    ASSERT_TRUE(failed);
    EXPECT_EQ(failed->metric, "calls_failed");
    EXPECT_EQ(failed->op, CompareOp::equal);

    const auto p99 = parse_threshold("p99_total_s<=0.7");
    ASSERT_TRUE(p99);
    EXPECT_EQ(p99->metric, "total_p99_s");
    EXPECT_EQ(p99->op, CompareOp::less_equal);

    const auto level = parse_threshold("ratio@50>=1");
    ASSERT_TRUE(level);
    EXPECT_EQ(level->level, 50);
    EXPECT_EQ(level->op, CompareOp::greater_equal);
}

TEST(Threshold, RefusesWhatItCannotRead) {
    for (const char* bad : {"", "ratio", "ratio=1", "<1", "ratio<", "ratio<fast", "ratio@0<1",
                            "ratio@x<1", "ratio<1.0.0", "ratio<nan"}) {
        const auto parsed = parse_threshold(bad);
        ASSERT_FALSE(parsed) << bad;
        EXPECT_NE(parsed.error().find(std::string("\"") + bad + "\""), std::string::npos)
            << parsed.error();
    }
}

// A level that waited for CPUs for a tenth of its makespan or more is named, so a failed check
// on it reads as what it may be; levels without the figures, or of another shape, are skipped.
TEST(Compare, NamesTheLevelsThatWaitedForACpu) {
    nlohmann::json contended = {
        {"runs",
         {{{"concurrency", 10},
           {"strategy", "fixed"},
           {"makespan_s", 0.05},
           {"cpu_pressure_s", 0.0001}},
          {{"concurrency", 50},
           {"strategy", "aimd"},
           {"makespan_s", 0.0115},
           {"cpu_pressure_s", 0.004}},
          {{"concurrency", 20}, {"makespan_s", 0.02}, {"cpu_pressure_s", nullptr}},
          {{"concurrency", "30"}, {"makespan_s", 0.02}, {"cpu_pressure_s", 0.01}},
          7}}};
    const auto notes = contended_levels(contended);
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_EQ(notes[0],
              "limit 50 (aimd): tasks on this machine waited 4.0 ms for a CPU during "
              "the run (35% of its makespan); its ratio may owe part to that");
    EXPECT_TRUE(contended_levels(summary("seed-38x91", {{10, 1.02, 0, 0.06}})).empty());
    EXPECT_TRUE(contended_levels(nlohmann::json::array()).empty());
    EXPECT_TRUE(contended_levels(nlohmann::json{{"runs", "none"}}).empty());
}

TEST(Compare, ARatioWithinTheToleranceOfTheBaselinePasses) {
    const auto baseline = summary("s", {{1, 1.02, 0, 1.0}, {10, 1.04, 0, 0.2}});
    const auto run = summary("s", {{1, 1.10, 0, 1.0}, {10, 1.15, 0, 0.2}});
    const auto checks = compare_runs(baseline, run, CompareOptions{0.10, {}});
    ASSERT_TRUE(checks) << checks.error();
    ASSERT_EQ(checks->size(), 4u);  // per level: the ratio and the server's max in flight
    EXPECT_TRUE((*checks)[0].passed) << "1.10 <= 1.02 x 1.1";
    EXPECT_TRUE((*checks)[1].passed);
    EXPECT_FALSE((*checks)[2].passed) << "1.15 > 1.04 x 1.1";
    EXPECT_EQ((*checks)[2].level, 10);
}

TEST(Compare, ThresholdsApplyToEveryLevelOrToTheOneNamed) {
    const auto baseline = summary("s", {{1, 1.0, 0, 1.0}, {10, 1.0, 0, 0.2}});
    const auto run = summary("s", {{1, 1.0, 1, 1.0}, {10, 1.0, 0, 0.9}});
    CompareOptions options{0.10,
                           {*parse_threshold("failed==0"), *parse_threshold("p99_total_s@10<0.7")}};
    const auto checks = compare_runs(baseline, run, options);
    ASSERT_TRUE(checks) << checks.error();
    std::vector<std::pair<std::string, bool>> seen;
    for (const auto& check : *checks) {
        if (check.what != "ratio vs baseline" && check.what != "server max in flight <= limit")
            seen.emplace_back(check.what + "@" + std::to_string(check.level), check.passed);
    }
    EXPECT_EQ(seen, (std::vector<std::pair<std::string, bool>>{{"failed==0@1", false},
                                                               {"failed==0@10", true},
                                                               {"p99_total_s@10<0.7@10", false}}));
}

TEST(Compare, AServerThatSawMoreThanTheLimitFails) {
    const auto baseline = summary("s", {{10, 1.0, 0, 0.2}});
    auto run = summary("s", {{10, 1.0, 0, 0.2}});
    run["runs"][0]["server_max_in_flight"] = 11;
    const auto checks = compare_runs(baseline, run, CompareOptions{});
    ASSERT_TRUE(checks);
    ASSERT_EQ(checks->size(), 2u);
    EXPECT_FALSE((*checks)[1].passed);
}

TEST(Compare, MatchesEachStrategysLevelWithTheSameInTheBaseline) {
    auto baseline = summary("seed-38x91", {{10, 1.0, 0, 0.1}, {10, 2.0, 0, 0.1}});
    baseline["runs"][1]["strategy"] = "aimd";
    auto run = summary("seed-38x91", {{10, 1.05, 0, 0.1}, {10, 2.1, 0, 0.1}});
    run["runs"][1]["strategy"] = "aimd";
    const auto checks = compare_runs(baseline, run, CompareOptions{0.1, {}});
    ASSERT_TRUE(checks);
    ASSERT_EQ(checks->size(), 4u);  // a ratio and the server's limit, per strategy
    for (const auto& check : *checks)
        EXPECT_TRUE(check.passed) << check.what << " " << check.observed << " " << check.limit;
    EXPECT_EQ((*checks)[2].what, "(aimd) ratio vs baseline");
    EXPECT_DOUBLE_EQ((*checks)[2].limit, 2.0 * 1.1);  // against aimd's baseline, not fixed's

    run["runs"][1]["strategy"] = "gradient";
    const auto other = compare_runs(baseline, run, CompareOptions{0.1, {}});
    ASSERT_FALSE(other);
    EXPECT_NE(other.error().find("no gradient run at concurrency 10"), std::string::npos)
        << other.error();
}

TEST(Compare, RefusesSummariesThatCannotBeCompared) {
    const auto baseline = summary("seed-38x91", {{10, 1.0, 0, 0.2}});
    EXPECT_FALSE(compare_runs(baseline, summary("seed-50x120", {{10, 1.0, 0, 0.2}}), {}));
    EXPECT_FALSE(compare_runs(baseline, summary("seed-38x91", {{50, 1.0, 0, 0.2}}), {}));
    EXPECT_FALSE(compare_runs(baseline, nlohmann::json{{"no", "runs"}}, {}));
    const auto unknown = compare_runs(baseline, summary("seed-38x91", {{10, 1.0, 0, 0.2}}),
                                      CompareOptions{0.1, {*parse_threshold("bogus<1")}});
    ASSERT_FALSE(unknown);
    EXPECT_NE(unknown.error().find("bogus"), std::string::npos);
}

TEST(Compare, ARunWithNoLevelsIsAnErrorNotAPass) {
    const auto baseline = summary("s", {{10, 1.0, 0, 0.2}});
    const auto checks = compare_runs(baseline, summary("s", {}), {});
    ASSERT_FALSE(checks);
    EXPECT_TRUE(has(checks.error(), "the run has no levels")) << checks.error();
}

// A run that silently lost a level (or a strategy) must not pass CI: each run of the baseline
// it lacks is a failed check, counted with the breaches.
TEST(Compare, EveryBaselineRunMissingFromTheRunIsAFailedCheck) {
    auto baseline = summary("s", {{1, 1.0, 0, 1.0}, {10, 1.0, 0, 0.2}, {50, 1.0, 0, 0.1}});
    baseline["runs"].push_back(baseline["runs"][1]);
    baseline["runs"][3]["strategy"] = "aimd";
    const auto checks = compare_runs(baseline, summary("s", {{10, 1.0, 0, 0.2}}), {});
    ASSERT_TRUE(checks) << checks.error();
    std::vector<std::pair<std::string, int>> failed;
    for (const auto& check : *checks) {
        if (!check.passed)
            failed.emplace_back(check.what, check.level);
    }
    // In the baseline's order.
    EXPECT_EQ(failed,
              (std::vector<std::pair<std::string, int>>{{"present in the run", 1},
                                                        {"present in the run", 50},
                                                        {"(aimd) present in the run", 10}}));

    // A threshold on a level the run lost is that failed check, not a usage error.
    const auto at_50 = compare_runs(baseline, summary("s", {{10, 1.0, 0, 0.2}}),
                                    CompareOptions{0.1, {*parse_threshold("ratio@50<2")}});
    EXPECT_TRUE(at_50) << at_50.error();
}

TEST(Compare, AMissingFigureTheComparisonNeedsNamesTheLevelAndTheKey) {
    const auto baseline = summary("s", {{1, 1.0, 0, 1.0}, {10, 1.0, 0, 0.2}});
    auto run = baseline;
    run["runs"][1].erase("ratio");
    const auto checks = compare_runs(baseline, run, {});
    ASSERT_FALSE(checks);
    EXPECT_TRUE(has(checks.error(), "the run: the fixed run at concurrency 10: no \"ratio\""))
        << checks.error();

    auto no_base_ratio = baseline;
    no_base_ratio["runs"][0].erase("ratio");
    const auto base = compare_runs(no_base_ratio, baseline, {});
    ASSERT_FALSE(base);
    EXPECT_TRUE(has(base.error(), "the baseline: the fixed run at concurrency 1: no \"ratio\""))
        << base.error();
}

// value("ratio", 0.0) threw type_error on "ratio": "x" and aborted the gate: every figure of
// another type than qa-bench writes is an error naming the run and the key.
TEST(Compare, AFigureOfAnotherTypeIsAnErrorNotACrash) {
    const auto baseline = summary("s", {{10, 1.0, 0, 0.2}});
    const std::vector<std::pair<nlohmann::json, std::string>> cases{
        {{{"ratio", "x"}}, "the fixed run at concurrency 10: \"ratio\" is \"x\", where"},
        {{{"concurrency", "ten"}}, "runs[0]: \"concurrency\" is \"ten\", not an integer >= 1"},
        {{{"concurrency", 0}}, "runs[0]: \"concurrency\" is 0"},
        {{{"strategy", 7}}, "runs[0]: \"strategy\" is 7"},
        {{{"server_max_in_flight", "many"}}, "\"server_max_in_flight\" is \"many\", not a number"},
        {{{"calls_failed", -1}}, "\"calls_failed\" is -1, where qa-bench writes a count"},
        {{{"histograms", {{"total", {{"count", "x"}}}}}}, "\"histograms.total.count\" is \"x\""},
    };
    for (const auto& [patch, expected] : cases) {
        auto run = baseline;
        run["runs"][0].update(patch);
        const auto checks = compare_runs(baseline, run, {});
        ASSERT_FALSE(checks) << patch.dump();
        EXPECT_TRUE(has(checks.error(), "the run: ")) << checks.error();
        EXPECT_TRUE(has(checks.error(), expected)) << checks.error();
    }
    auto scenario_number = baseline;
    scenario_number["scenario"] = 5;
    const nlohmann::json runs_number{{"runs", 5}};
    const nlohmann::json run_number{{"runs", nlohmann::json::array({5})}};
    for (const auto& shape : {nlohmann::json::array(), runs_number, run_number, scenario_number}) {
        EXPECT_FALSE(compare_runs(baseline, shape, {})) << shape.dump();
        EXPECT_FALSE(compare_runs(shape, baseline, {})) << shape.dump();
    }
}

TEST(Compare, RatiosAtAnotherTimeScaleOrOfAnotherShardDoNotCompare) {
    const auto baseline = summary("s", {{10, 1.0, 0, 0.2}});
    auto run = baseline;
    run["time_scale"] = 0.01;
    const auto scaled = compare_runs(baseline, run, {});
    ASSERT_FALSE(scaled);
    EXPECT_TRUE(has(scaled.error(),
                    "time scale 0.05, the run at 0.01: ratios at different time "
                    "scales do not compare"))
        << scaled.error();

    run = baseline;
    run.erase("time_scale");
    const auto unscaled = compare_runs(baseline, run, {});
    ASSERT_FALSE(unscaled);
    EXPECT_TRUE(has(unscaled.error(), "the run: no \"time_scale\"")) << unscaled.error();

    run = baseline;
    run["shard"] = {{"index", 1}, {"count", 2}};
    const auto shard = compare_runs(baseline, run, {});
    ASSERT_FALSE(shard);
    EXPECT_TRUE(has(shard.error(), "the baseline is shard 0 of 1, the run shard 1 of 2"))
        << shard.error();
}

// A merged run's server_max_in_flight adds its shards' maxima, so its limit is the level times
// the shards.
TEST(Compare, AMergedRunsServerLimitIsTheLevelTimesItsShards) {
    const auto baseline = summary("s", {{10, 1.0, 0, 0.2}});
    auto run = baseline;
    run["runs"][0]["server_max_in_flight"] = 30;
    run["merged_from"] = {"s0/summary.json", "s1/summary.json", "s2/summary.json"};
    const auto checks = compare_runs(baseline, run, {});
    ASSERT_TRUE(checks) << checks.error();
    ASSERT_EQ(checks->size(), 2u);
    EXPECT_TRUE((*checks)[1].passed);
    EXPECT_DOUBLE_EQ((*checks)[1].limit, 30.0);
}

// compare names every condition the run was measured under that the baseline was not: a
// leaf that changed, a subtree only one side has (in one line), never the mock's CPU, which is
// the machine's; nothing when they agree.
TEST(ConditionDifferences, NamesWhatChangedAndNothingElse) {
    const nlohmann::json conditions = {
        {"server", "embedded mock"},
        {"embedded_mock_cpu", 1},
        {"allocator", "mimalloc 2.0.9"},
        {"policy", {{"max_retries", 3}, {"hold_slot_during_backoff", true}}},
        {"mock",
         {{"seed", 1},
          {"chaos", {{"429", 0.0}, {"500", 0.0}}},
          {"latency", {{"model", "fixed"}, {"ms", 5.0}}}}}};
    nlohmann::json baseline = summary("seed-38x91", {{10, 1.0, 0, 0.5}});
    baseline["conditions"] = conditions;
    nlohmann::json run = baseline;
    EXPECT_TRUE(condition_differences(baseline, run).empty());

    run["conditions"]["embedded_mock_cpu"] = 3;
    EXPECT_TRUE(condition_differences(baseline, run).empty()) << "the CPU is the machine's";

    run["conditions"]["mock"]["chaos"]["429"] = 0.3;
    run["conditions"]["policy"]["max_retries"] = 5;
    EXPECT_EQ(condition_differences(baseline, run),
              (std::vector<std::string>{
                  "conditions.mock.chaos.429: 0.0 in the baseline, 0.3 in the run",
                  "conditions.policy.max_retries: 3 in the baseline, 5 in the run"}));

    // A baseline made before the mock's profile was recorded: one line, the value shortened.
    nlohmann::json older = baseline;
    older["conditions"].erase("mock");
    const auto lines = condition_differences(older, run);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0].rfind("conditions.mock: absent in the baseline, {\"chaos\":", 0), 0u)
        << lines[0];
    EXPECT_TRUE(has(lines[0], "... in the run")) << lines[0];

    // The value is shown on one line, shortened.
    EXPECT_LE(lines[0].size(), std::string("conditions.mock: absent in the baseline, ").size() +
                                   60 + std::string(" in the run").size());

    // Neither has conditions: nothing to say.
    EXPECT_TRUE(condition_differences(summary("seed-38x91", {{10, 1.0, 0, 0.5}}),
                                      summary("seed-38x91", {{10, 1.0, 0, 0.5}}))
                    .empty());
}

}  // namespace
}  // namespace bench
