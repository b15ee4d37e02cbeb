// Sharded open loops: shard I of N runs the analyses I, I+N, ... at their times in the whole
// schedule, and qa-bench merge adds the shards back into the whole run exactly. Also the open
// loop's adaptive limit history, recorded like the closed loop's.
#include <gtest/gtest.h>

#include <set>

#include "bench/merge.hpp"
#include "bench/open_loop.hpp"
#include "phase_fixture.hpp"

namespace qa::test {
namespace {

TEST(OpenLoopShards, SlicesAreDisjointCoverTheScheduleAndKeepItsTimes) {
    bench::OpenLoopOptions load;
    load.arrival_rate = 5;
    load.analyses = 23;
    const auto whole = bench::arrival_offsets(load, 0.1, 9);
    std::set<int> seen;
    for (int shard = 0; shard < 4; ++shard) {
        for (const auto& arrival : bench::shard_schedule(load, 0.1, 9, shard, 4)) {
            EXPECT_EQ(arrival.analysis % 4, shard);
            EXPECT_TRUE(seen.insert(arrival.analysis).second) << arrival.analysis << " twice";
            EXPECT_EQ(arrival.offset_s, whole[static_cast<std::size_t>(arrival.analysis)])
                << "the time it has in the unsharded schedule";
        }
    }
    EXPECT_EQ(seen.size(), 23u);
    EXPECT_EQ(bench::shard_schedule(load, 0.1, 9, 0, 1).size(), 23u);
}

struct OpenRun {
    bench::LevelResult result;
    nlohmann::json summary;
};

// An open loop of 6 analyses x 4 calls at limit 3, as shard `index` of `count`.
OpenRun run_shard(bench::Target& target, int index, int count, bool shared = true) {
    const auto scenario = *bench::find_scenario("seed-38x91");
    bench::LevelOptions options{scenario, 0.01, fast_settings(3), false, 1};
    options.shard_index = index;
    options.shard_count = count;
    bench::OpenLoopOptions load;
    load.arrival_rate = 20;
    load.analyses = 6;
    load.fanout = 4;
    load.shared_limiter = shared;
    auto result = bench::run_open_loop_blocking(target, options, 3, load, Logger());
    EXPECT_TRUE(result) << result.error();
    if (!result)
        return {};
    bench::RunReport report;
    report.scenario = scenario;
    report.time_scale = 0.01;
    report.shard_index = index;
    report.shard_count = count;
    report.runs.push_back(*result);
    return {*result, bench::to_json(report)};
}

std::unique_ptr<bench::Target> start_target() {
    bench::TargetOptions options;
    options.latency = std::chrono::microseconds(5000);
    auto target = bench::Target::start(options);
    EXPECT_TRUE(target) << target.error();
    return target ? std::move(*target) : nullptr;
}

TEST(OpenLoopShards, TwoShardsMergedEqualTheUnshardedRun) {
    auto target = start_target();
    ASSERT_TRUE(target);
    const auto whole = run_shard(*target, 0, 1);
    const auto first = run_shard(*target, 0, 2);
    const auto second = run_shard(*target, 1, 2);
    ASSERT_TRUE(whole.result.open_loop && first.result.open_loop && second.result.open_loop);
    EXPECT_EQ(first.summary["shard"]["index"], 0);
    EXPECT_EQ(second.summary["shard"]["count"], 2);

    // The slices: analyses 0, 2, 4 and 1, 3, 5, each with all its calls.
    std::multiset<int> analyses;
    for (const auto* shard : {&first, &second}) {
        for (const auto& call : shard->result.calls)
            analyses.insert(call.analysis.value_or(-1));
    }
    std::multiset<int> expected;
    for (int a = 0; a < 6; ++a)
        expected.insert({a, a, a, a});
    EXPECT_EQ(analyses, expected) << "disjoint slices covering every analysis";
    for (const auto& call : first.result.calls)
        EXPECT_EQ(*call.analysis % 2, 0);

    auto merged = bench::merge_shards({{"first", first.summary}, {"second", second.summary}});
    ASSERT_TRUE(merged) << merged.error();
    const auto& run = merged->runs.front();
    EXPECT_EQ(run.calls_ok + run.calls_failed, whole.result.calls_ok + whole.result.calls_failed);
    EXPECT_EQ(run.calls_ok, 24u);
    EXPECT_EQ(run.metrics.total.count(), whole.result.metrics.total.count());
    ASSERT_TRUE(run.open_loop) << "the open loop survives the merge";
    EXPECT_EQ(run.open_loop->analyses, whole.result.open_loop->analyses);
    EXPECT_EQ(run.open_loop->fanout, 4);
    EXPECT_EQ(run.open_loop->analysis_latency.count(), 6u) << "every analysis's latency, added";
    EXPECT_DOUBLE_EQ(run.open_loop->offered_per_s, whole.result.open_loop->offered_per_s)
        << "each shard offered half";
    EXPECT_DOUBLE_EQ(run.open_loop->duration_s, std::max(first.result.open_loop->duration_s,
                                                         second.result.open_loop->duration_s));
    ASSERT_TRUE(run.server_in_flight_bounds);
    EXPECT_EQ(run.server_in_flight_bounds->at_least,
              std::max(*first.result.server_max_in_flight, *second.result.server_max_in_flight));
    EXPECT_EQ(run.server_in_flight_bounds->at_most,
              *first.result.server_max_in_flight + *second.result.server_max_in_flight);
    ASSERT_TRUE(run.policy);
    EXPECT_EQ(run.policy->limiter, "shared");
    const auto json = bench::to_json(*merged)["runs"][0];
    EXPECT_EQ(json["open_loop"]["analyses"], 6);
    EXPECT_EQ(json["server_max_in_flight_at_most"], run.server_in_flight_bounds->at_most);
}

TEST(OpenLoopShards, AMergeRefusesShardsOfAnotherLoad) {
    auto target = start_target();
    ASSERT_TRUE(target);
    const auto shared = run_shard(*target, 0, 2, true);
    const auto per_analysis = run_shard(*target, 1, 2, false);
    const auto refused =
        bench::merge_shards({{"shared", shared.summary}, {"per", per_analysis.summary}});
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().find("per: "), std::string::npos) << refused.error();
    EXPECT_NE(refused.error().find("per-analysis"), std::string::npos) << refused.error();

    auto closed = per_analysis.summary;
    closed["runs"][0]["open_loop"] = nullptr;
    const auto mixed = bench::merge_shards({{"shared", shared.summary}, {"closed", closed}});
    ASSERT_FALSE(mixed);
    EXPECT_NE(mixed.error().find("an open-loop shard and a closed-loop one"), std::string::npos)
        << mixed.error();
}

bench::LevelResult run_adaptive(bool shared) {
    bench::TargetOptions target_options;
    target_options.latency = std::chrono::microseconds(5000);
    target_options.retry_after = std::chrono::microseconds(1000);
    target_options.rate_429 = 0.3;
    auto target = bench::Target::start(target_options);
    EXPECT_TRUE(target) << target.error();
    if (!target)
        return {};
    auto settings = fast_settings(8);
    settings.limit_strategy = LimitStrategy::aimd;
    bench::LevelOptions options{*bench::find_scenario("seed-38x91"), 0.01, settings, false, 1};
    bench::OpenLoopOptions load;
    load.arrival_rate = 20;
    load.analyses = 4;
    load.fanout = 10;
    load.shared_limiter = shared;
    auto result = bench::run_open_loop_blocking(**target, options, 8, load, Logger());
    EXPECT_TRUE(result) << result.error();
    return result ? *result : bench::LevelResult{};
}

TEST(OpenLoopLimit, AnAdaptiveSharedLimitRecordsItsHistory) {
    const auto result = run_adaptive(true);
    ASSERT_GT(result.status_429, 0u);
    ASSERT_GE(result.limit_history.size(), 2u) << "429s move an AIMD limit";
    EXPECT_EQ(result.limit_history.front(), (std::pair<double, int>{0.0, 8}));
    EXPECT_LT(result.limit_history[1].second, 8) << "a 429 lowers it";
    EXPECT_EQ(result.metrics.attempts_by_status.count(429), 1u);
}

TEST(OpenLoopLimit, PerAnalysisLimitsAreSummedOverTheAnalysesInProgress) {
    const auto result = run_adaptive(false);
    ASSERT_GE(result.limit_history.size(), 2u);
    int highest = 0;
    for (const auto& [at, limit] : result.limit_history)
        highest = std::max(highest, limit);
    EXPECT_LE(highest, 4 * 8);
    EXPECT_EQ(result.limit_history.back().second, 0) << "every analysis has finished";
}

}  // namespace
}  // namespace qa::test
