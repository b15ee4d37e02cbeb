// Merging the summaries of a sharded run: every strategy and level kept apart, shards that are
// not one run refused with the file and the difference, per-repetition figures that mean what
// their names say, and no input that throws.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string_view>

#include "bench/merge.hpp"
#include "text_has.hpp"

namespace bench {
namespace {

struct RunSpec {
    std::string strategy;
    int concurrency = 10;
    std::uint64_t calls = 10;
    std::vector<double> makespans_s{0.1};  // one per repetition; the first is the median
};

// Shard `index` of `count` as qa-bench run --shard writes it: seed-38x91 at time scale 0.01,
// against an embedded mock with `mock` as its profile if given.
ShardSummary shard(int index, int count, const std::vector<RunSpec>& runs,
                   std::optional<mock_llm::Profile> mock = std::nullopt) {
    RunReport report;
    report.mock_profile = std::move(mock);
    report.scenario = *find_scenario("seed-38x91");
    report.time_scale = 0.01;
    report.server = "embedded mock";
    report.shard_index = index;
    report.shard_count = count;
    for (const auto& spec : runs) {
        LevelResult run;
        run.strategy = spec.strategy;
        run.concurrency = spec.concurrency;
        run.calls_ok = spec.calls;
        run.metrics.calls_ok = spec.calls;
        for (std::uint64_t i = 0; i < spec.calls; ++i) {
            run.metrics.total.record(std::chrono::milliseconds(index + 1));
            run.metrics.server_time.record(std::chrono::milliseconds(index + 1));
        }
        run.makespan_s = spec.makespans_s.front();
        run.lower_bound_s = 0.05;
        run.repetitions = static_cast<int>(spec.makespans_s.size());
        run.makespans_s = spec.makespans_s;
        run.client_cpus_s.assign(spec.makespans_s.size(), 0.01 * (index + 1));
        report.runs.push_back(run);
    }
    return {"s" + std::to_string(index) + ".json", to_json(report)};
}

using qa::test::has;

// The merge was refused, saying `text` (what it said, either way, when not).
::testing::AssertionResult refused_with(const qa::Expected<RunReport, std::string>& merged,
                                        std::string_view text) {
    if (merged)
        return ::testing::AssertionFailure() << "the merge succeeded";
    if (!has(merged.error(), text))
        return ::testing::AssertionFailure() << merged.error();
    return ::testing::AssertionSuccess();
}

// Matching levels by concurrency alone turned fixed,aimd shards into two copies of fixed.
TEST(Merge, KeepsEveryStrategyOfEachLevelApart) {
    const std::vector<RunSpec> runs{{"fixed", 10, 10}, {"aimd", 10, 7}, {"aimd", 50, 3}};
    const auto merged = merge_shards({shard(0, 2, runs), shard(1, 2, runs)});
    ASSERT_TRUE(merged) << merged.error();
    ASSERT_EQ(merged->runs.size(), 3u);
    std::vector<std::tuple<std::string, int, std::uint64_t, std::uint64_t>> seen;
    for (const auto& run : merged->runs)
        seen.emplace_back(run.strategy, run.concurrency, run.calls_ok, run.metrics.total.count());
    EXPECT_EQ(seen,
              (decltype(seen){{"fixed", 10, 20, 20}, {"aimd", 10, 14, 14}, {"aimd", 50, 6, 6}}));
}

// The server's own time adds up like every histogram; a shard written before it was recorded
// merges with none of it rather than failing.
TEST(Merge, AddsTheServersOwnTimeAndToleratesShardsWithout) {
    const std::vector<RunSpec> runs{{"fixed", 10, 10}};
    const auto merged = merge_shards({shard(0, 2, runs), shard(1, 2, runs)});
    ASSERT_TRUE(merged) << merged.error();
    EXPECT_EQ(merged->runs[0].metrics.server_time.count(), 20u);
    EXPECT_EQ(merged->runs[0].metrics.server_time.max(), std::chrono::milliseconds(2));

    auto older = shard(1, 2, runs);
    older.summary["runs"][0]["histograms"].erase("server_time");
    const auto mixed = merge_shards({shard(0, 2, runs), older});
    ASSERT_TRUE(mixed) << mixed.error();
    EXPECT_EQ(mixed->runs[0].metrics.server_time.count(), 10u);
}

// Each shard waited for its own machine's CPUs: the merge keeps the most contended shard's
// pressure, and none when no shard measured it.
TEST(Merge, KeepsTheMostContendedShardsCpuPressure) {
    const std::vector<RunSpec> runs{{"fixed", 10, 10}};
    auto quiet = shard(0, 2, runs);
    auto busy = shard(1, 2, runs);
    quiet.summary["runs"][0]["cpu_pressure_s"] = 0.001;
    busy.summary["runs"][0]["cpu_pressure_s"] = 0.004;
    const auto merged = merge_shards({quiet, busy});
    ASSERT_TRUE(merged) << merged.error();
    EXPECT_EQ(merged->runs[0].cpu_pressure_s, 0.004);

    const auto unmeasured = merge_shards({shard(0, 2, runs), shard(1, 2, runs)});
    ASSERT_TRUE(unmeasured) << unmeasured.error();
    EXPECT_FALSE(unmeasured->runs[0].cpu_pressure_s);
}

TEST(Merge, RefusesShardsThatRanOtherStrategiesOrLevels) {
    const auto fixed = merge_shards({shard(0, 2, {{"fixed"}}), shard(1, 2, {{"aimd"}})});
    EXPECT_TRUE(
        refused_with(fixed, "s1.json lacks the fixed run at concurrency 10 that s0.json has"));

    const auto extra =
        merge_shards({shard(0, 2, {{"fixed"}}), shard(1, 2, {{"fixed"}, {"fixed", 50}})});
    EXPECT_TRUE(
        refused_with(extra, "s1.json has the fixed run at concurrency 50 that s0.json lacks"));

    const auto repeated = merge_shards(
        {shard(0, 2, {{"fixed", 10, 10, {0.1, 0.1}}}), shard(1, 2, {{"fixed", 10, 10, {0.1}}})});
    EXPECT_TRUE(refused_with(repeated,
                             "s1.json: the fixed run at concurrency 10 has 1 repetitions "
                             "where s0.json has 2"));
}

TEST(Merge, RefusesShardsThatDisagreeOnWhatTheirFiguresMean) {
    const std::vector<std::pair<nlohmann::json::json_pointer, nlohmann::json>> changes{
        {"/scenario"_json_pointer, "seed-50x120"},
        {"/time_scale"_json_pointer, 0.05},
        {"/call_latency_s"_json_pointer, 0.02},
        {"/calls"_json_pointer, 90},
        {"/conditions/server"_json_pointer, "http://10.0.0.1:8080"},
        {"/conditions/warm_up"_json_pointer, false},
        {"/conditions/warm_up_runs"_json_pointer, 2},
        {"/conditions/allocator"_json_pointer, "glibc malloc"},
        {"/shard/count"_json_pointer, 3},
    };
    for (const auto& [where, value] : changes) {
        auto other = shard(1, 2, {{"fixed"}});
        other.summary[where] = value;
        const auto merged = merge_shards({shard(0, 2, {{"fixed"}}), other});
        ASSERT_FALSE(merged) << where.to_string();
        EXPECT_TRUE(has(merged.error(), "s1.json: \"")) << merged.error();
        EXPECT_TRUE(has(merged.error(), value.dump() + " where s0.json has")) << merged.error();
    }

    // Two mock profiles are told apart by the field that differs.
    const auto with_429 = [&](int index, double rate) {
        mock_llm::Profile profile;
        profile.chaos.rate("429") = rate;
        return shard(index, 2, {{"fixed"}}, profile);
    };
    const auto faults = merge_shards({with_429(0, 0.1), with_429(1, 0.2)});
    EXPECT_TRUE(refused_with(
        faults, "s1.json: \"conditions.mock.chaos.429\" is 0.2 where s0.json has 0.1"));
    const auto missing = merge_shards({shard(0, 2, {{"fixed"}}), with_429(1, 0.2)});
    EXPECT_TRUE(refused_with(missing,
                             "s1.json: \"conditions.mock\" is an object where s0.json "
                             "has absent"));
}

// Shards run against the embedded mock say what it injected; the merged report says it once,
// read back to the same profile, and shards written before it was recorded merge without it.
TEST(Merge, KeepsTheMocksProfileTheShardsAgreeOn) {
    mock_llm::Profile profile;
    profile.seed = 7;
    profile.chaos.rate("429") = 0.25;
    const auto with_profile = [&](int index) { return shard(index, 2, {{"fixed"}}, profile); };
    const auto merged = merge_shards({with_profile(0), with_profile(1)});
    ASSERT_TRUE(merged) << merged.error();
    ASSERT_TRUE(merged->mock_profile);
    EXPECT_EQ(*merged->mock_profile, profile);
    EXPECT_EQ(to_json(*merged)["conditions"]["mock"]["chaos"]["429"], 0.25);

    const auto older = merge_shards({shard(0, 2, {{"fixed"}}), shard(1, 2, {{"fixed"}})});
    ASSERT_TRUE(older) << older.error();
    EXPECT_FALSE(older->mock_profile);

    auto broken = with_profile(0);
    broken.summary["conditions"]["mock"]["chaos"]["429"] = 2;
    auto broken_too = with_profile(1);
    broken_too.summary["conditions"]["mock"]["chaos"]["429"] = 2;
    const auto refused = merge_shards({broken, broken_too});
    EXPECT_TRUE(refused_with(refused, "s0.json: conditions.mock: chaos.429"));
}

TEST(Merge, EveryShardOnceAndNoneMissing) {
    const auto twice = merge_shards({shard(0, 2, {{"fixed"}}), shard(0, 2, {{"fixed"}})});
    EXPECT_TRUE(refused_with(twice, "shard 0 is given twice"));

    const auto missing = merge_shards({shard(0, 2, {{"fixed"}})});
    EXPECT_TRUE(refused_with(missing, "shard 1 of 2 is missing"));

    auto outside = shard(1, 2, {{"fixed"}});
    outside.summary["shard"]["index"] = 2;
    const auto beyond = merge_shards({shard(0, 2, {{"fixed"}}), outside});
    EXPECT_TRUE(refused_with(beyond, "s1.json: \"shard.index\" is 2, not in 0..1"));
}

// The shards ran side by side: repetition i of the whole is repetition i of each shard, its
// makespan the slowest shard's and its client CPU the sum; `repetitions` counts those.
TEST(Merge, PerRepetitionFiguresAreTheWholeRunsRepetitions) {
    const auto merged = merge_shards({shard(0, 2, {{"fixed", 10, 10, {0.2, 0.3, 0.1}}}),
                                      shard(1, 2, {{"fixed", 10, 10, {0.25, 0.1, 0.15}}})});
    ASSERT_TRUE(merged) << merged.error();
    const auto& run = merged->runs.front();
    EXPECT_EQ(run.repetitions, 3);
    EXPECT_EQ(run.makespans_s, (std::vector<double>{0.25, 0.3, 0.15}));
    ASSERT_EQ(run.client_cpus_s.size(), 3u);
    EXPECT_DOUBLE_EQ(run.client_cpus_s[1], 0.03);
    EXPECT_DOUBLE_EQ(run.makespan_s, 0.25);  // the slowest shard's median
    EXPECT_DOUBLE_EQ(run.ratio, 0.25 / 0.05);
}

// .at(), .get<>() and .value() throw on a missing key or another type; none of it may escape.
TEST(Merge, AnyMalformedSummaryIsAnErrorNamingTheFileNotACrash) {
    const std::vector<std::pair<std::function<void(nlohmann::json&)>, std::string>> breakages{
        {[](auto& s) { s["runs"][0]["ratio"] = "x"; }, "\"ratio\" is \"x\""},
        {[](auto& s) { s["runs"][0]["concurrency"] = "ten"; }, "\"concurrency\" is \"ten\""},
        {[](auto& s) { s["runs"][0]["repetitions"] = 0; }, "\"repetitions\" is 0"},
        {[](auto& s) {
             s["runs"][0]["makespans_s"] = {0.1, 0.2};
         },
         "2 entries for 1 repetitions"},
        {[](auto& s) { s["runs"][0]["histograms"]["total"]["count"] = 3; }, "histogram total"},
        {[](auto& s) {
             s["runs"][0]["histograms"]["total"]["buckets"] = {{1, "x"}};
         },
         "histogram total"},
        {[](auto& s) { s["runs"][0].erase("calls_ok"); }, "calls_ok"},
        {[](auto& s) { s["runs"] = nlohmann::json::array({5}); }, "runs[0]: is 5"},
        {[](auto& s) { s["runs"] = nlohmann::json::array(); }, "no runs"},
        {[](auto& s) { s.erase("runs"); }, "no \"runs\" array"},
        {[](auto& s) { s["shard"] = "0/2"; }, "\"shard\" is \"0/2\""},
        {[](auto& s) { s["time_scale"] = 0; }, "\"time_scale\" is 0, not a number above 0"},
        {[](auto& s) { s = nlohmann::json::array(); }, "no \"runs\" array"},
        // Compared between shards, a profile nested deeper than qa-bench writes is refused (a
        // million deep: test_summary_input; copying one that deep here would recurse as deep).
        {[](auto& s) {
             nlohmann::json deep = 1;
             for (int i = 0; i < 1000; ++i)
                 deep = nlohmann::json::array({std::move(deep)});
             s["conditions"]["mock"] = std::move(deep);
         },
         "nested deeper than 32 levels"},
    };
    for (const auto& [breakage, expected] : breakages) {
        auto broken = shard(0, 1, {{"fixed"}});
        breakage(broken.summary);
        const auto merged = merge_shards({broken});
        ASSERT_FALSE(merged) << expected;
        EXPECT_TRUE(has(merged.error(), "s0.json")) << merged.error();
        EXPECT_TRUE(has(merged.error(), expected)) << merged.error();
    }
}

}  // namespace
}  // namespace bench
