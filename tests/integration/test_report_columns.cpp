// What a closed-loop report shows: every latency percentile with its max, the spread of
// repeated runs beside the median, the retry and flow policy, and only the statuses seen.
#include <gtest/gtest.h>

#include <sstream>

#include "bench/report.hpp"
#include "bench/report_figures.hpp"

namespace bench {
namespace {

using std::chrono::microseconds;

LevelResult closed_level(int limit, std::vector<double> makespans) {
    LevelResult run;
    run.concurrency = limit;
    run.repetitions = static_cast<int>(makespans.size());
    run.makespans_s = std::move(makespans);
    run.makespan_s = 0.2;
    run.lower_bound_s = 0.18;
    run.ratio = run.makespan_s / run.lower_bound_s;
    run.calls_ok = 91;
    for (int i = 1; i <= 1000; ++i) {
        run.metrics.queue_wait.record(microseconds(i));
        run.metrics.service_time.record(microseconds(5000 + i));
        run.metrics.total.record(microseconds(5000 + 2 * i));
    }
    run.policy = policy_of(qa::Settings{}, "one analysis");
    return run;
}

RunReport report_of(std::vector<LevelResult> runs) {
    RunReport report;
    report.scenario = *find_scenario("seed-38x91");
    report.time_scale = 0.01;
    report.command = "qa-bench run";
    report.runs = std::move(runs);
    return report;
}

// The CSV's header and first row as column -> cell.
std::map<std::string, std::string> first_csv_row(const RunReport& report) {
    std::ostringstream out;
    write_csv(out, report);
    std::istringstream lines(out.str());
    std::string header;
    std::string row;
    std::getline(lines, header);
    std::getline(lines, row);
    std::map<std::string, std::string> cells;
    std::istringstream names(header);
    std::istringstream values(row);
    std::string name;
    std::string value;
    while (std::getline(names, name, ',') && std::getline(values, value, ','))
        cells[name] = value;
    return cells;
}

TEST(ReportColumns, EveryPercentileAndTheMaxOfQueueWaitServiceAndTotal) {
    const auto report = report_of({closed_level(10, {0.2})});
    const auto run = to_json(report)["runs"][0];
    const auto cells = first_csv_row(report);
    for (const char* kind : {"queue_wait", "service", "total"}) {
        for (const char* figure : {"_p50_s", "_p90_s", "_p95_s", "_p99_s", "_p999_s", "_max_s"}) {
            const std::string key = std::string(kind) + figure;
            ASSERT_TRUE(run.contains(key)) << key;
            ASSERT_TRUE(cells.count(key)) << key << " in runs.csv";
            EXPECT_EQ(cells.at(key), run[key].dump()) << key;
        }
    }
    EXPECT_DOUBLE_EQ(run["queue_wait_max_s"].get<double>(), 0.001);
    EXPECT_DOUBLE_EQ(run["service_max_s"].get<double>(), 0.006);
    EXPECT_LT(run["service_p90_s"].get<double>(), run["service_p999_s"].get<double>());

    std::ostringstream markdown;
    write_markdown(markdown, report, {});
    EXPECT_NE(markdown.str().find("| latency | p50 | p90 | p95 | p99 | p99.9 | max |"),
              std::string::npos)
        << markdown.str();
    EXPECT_NE(markdown.str().find("| fixed | 10 | service | 0.005"), std::string::npos)
        << markdown.str();
}

TEST(ReportColumns, RepeatedRunsShowTheirSpreadBesideTheMedian) {
    const auto report =
        report_of({closed_level(1, {0.21, 0.2, 0.23}), closed_level(10, {1, 2, 3, 4})});
    const auto runs = to_json(report)["runs"];
    EXPECT_EQ(runs[0]["makespan_spread"], "min-max");
    EXPECT_DOUBLE_EQ(runs[0]["makespan_spread_low_s"].get<double>(), 0.2);
    EXPECT_DOUBLE_EQ(runs[0]["makespan_spread_high_s"].get<double>(), 0.23);
    EXPECT_EQ(runs[1]["makespan_spread"], "IQR");
    EXPECT_DOUBLE_EQ(runs[1]["makespan_spread_low_s"].get<double>(), 1.75);

    const auto cells = first_csv_row(report);
    EXPECT_EQ(cells.at("makespan_spread"), "\"min-max\"");
    EXPECT_EQ(cells.at("makespan_spread_high_s"), "0.23");

    std::ostringstream table;
    write_table(table, report);
    EXPECT_NE(table.str().find("makespan_spread"), std::string::npos) << table.str();
    EXPECT_NE(table.str().find("0.2000-0.2300 s (min-max of 3)"), std::string::npos) << table.str();
    EXPECT_NE(table.str().find("1.7500-3.2500 s (IQR of 4)"), std::string::npos) << table.str();

    std::ostringstream markdown;
    write_markdown(markdown, report, {});
    EXPECT_NE(markdown.str().find("| makespan spread |"), std::string::npos) << markdown.str();
    EXPECT_NE(markdown.str().find("| 0.2000 | 0.2000–0.2300 s (min-max of 3) |"), std::string::npos)
        << markdown.str();
}

TEST(ReportColumns, OneRunOrAMergeShowsNoSpread) {
    auto report = report_of({closed_level(10, {0.2})});
    EXPECT_TRUE(to_json(report)["runs"][0]["makespan_spread"].is_null());
    std::ostringstream table;
    write_table(table, report);
    EXPECT_EQ(table.str().find("makespan_spread"), std::string::npos) << table.str();
    // A merge's makespan is the slowest shard's median, not the median its spread would surround.
    report = report_of({closed_level(10, {0.2, 0.3, 0.25})});
    report.merged_from = {"a/summary.json", "b/summary.json", "c/summary.json"};
    EXPECT_TRUE(to_json(report)["runs"][0]["makespan_spread"].is_null());
}

TEST(ReportColumns, TheRetryAndFlowPolicyTellsRunsApart) {
    qa::Settings held;
    qa::Settings released;
    released.hold_slot_during_backoff = false;
    released.retry_budget = 0.1;
    released.rate_limit_rpm = 600;
    auto a = closed_level(10, {0.2});
    auto b = closed_level(10, {0.2});
    a.policy = policy_of(held, "one analysis");
    b.policy = policy_of(released, "one analysis");
    const auto first = to_json(report_of({a}))["conditions"]["policy"];
    const auto second = to_json(report_of({b}))["conditions"]["policy"];
    EXPECT_NE(first, second);
    EXPECT_EQ(first["hold_slot_during_backoff"], true);
    EXPECT_EQ(second["hold_slot_during_backoff"], false);
    EXPECT_TRUE(first["retry_budget"].is_null());
    EXPECT_EQ(second["retry_budget"], 0.1);
    EXPECT_EQ(second["rate_limit_rpm"], 600.0);
    EXPECT_EQ(first["timeout_s"], 120.0) << "the configured timeout, at time scale 1";
    EXPECT_EQ(first["limiter"], "one analysis");
    // Runs of one report with different policies: each says its own, conditions none.
    const auto both = to_json(report_of({a, b}));
    EXPECT_TRUE(both["conditions"]["policy"].is_null());
    EXPECT_EQ(both["runs"][1]["policy"]["hold_slot_during_backoff"], false);
    EXPECT_EQ(policy_from_json(both["runs"][1]["policy"]).value(), *b.policy) << "round trip";
    std::ostringstream markdown;
    write_markdown(markdown, report_of({b}), {});
    EXPECT_NE(markdown.str().find("the slot is released during backoff"), std::string::npos)
        << markdown.str();
}

TEST(ReportColumns, WhereTheMakespanWentIsInEveryForm) {
    auto run = closed_level(10, {0.2});
    CriticalPath path;
    path.calls = 10;
    path.answered = 10;
    path.waves = 10;
    path.start_s = 0.001;
    path.late_s = 0.015;
    path.slot_wait_s = 0.004;
    run.critical_path = path;
    const auto report = report_of({run, closed_level(50, {0.2})});
    const auto runs = to_json(report)["runs"];
    EXPECT_DOUBLE_EQ(runs[0]["critical_path"]["overhead_s"].get<double>(), 0.02);
    EXPECT_DOUBLE_EQ(runs[0]["critical_path"]["late_s"].get<double>(), 0.015);
    EXPECT_EQ(runs[0]["critical_path"]["calls"], 10);
    EXPECT_TRUE(runs[1]["critical_path"].is_null());

    const auto cells = first_csv_row(report);
    EXPECT_EQ(cells.at("critical_path.late_s"), "0.015");
    EXPECT_EQ(cells.at("critical_path.calls"), "10");

    std::ostringstream markdown;
    write_markdown(markdown, report, {});
    EXPECT_NE(markdown.str().find("| fixed | 10 | 10 | 20.000 | 1.000 | 0.000 | 4.000 | 15.000 |"),
              std::string::npos)
        << markdown.str();
    const auto section = markdown.str().substr(markdown.str().find("Where the makespan went"));
    EXPECT_EQ(section.find("| fixed | 50 | "), std::string::npos)
        << "the run without one has no row there: " << section;

    std::ostringstream table;
    write_table(table, report);
    EXPECT_NE(table.str().find("largest_overhead_part"), std::string::npos) << table.str();
    EXPECT_NE(table.str().find("  late answers 15.00 ms\n"), std::string::npos) << table.str();
    EXPECT_NE(table.str().find("  n/a\n"), std::string::npos) << "the run without one";

    std::ostringstream without;
    write_markdown(without, report_of({closed_level(10, {0.2})}), {});
    EXPECT_EQ(without.str().find("Where the makespan went"), std::string::npos) << without.str();
    std::ostringstream plain;
    write_table(plain, report_of({closed_level(10, {0.2})}));
    EXPECT_EQ(plain.str().find("largest_overhead_part"), std::string::npos) << plain.str();
}

TEST(ReportColumns, TheServersOwnTimeWhereItSaidAndNullWhereNot) {
    auto said = closed_level(10, {0.2});
    for (int i = 1; i <= 100; ++i)
        said.metrics.server_time.record(microseconds(5000 + i));
    const auto report = report_of({said, closed_level(50, {0.2})});
    const auto runs = to_json(report)["runs"];
    EXPECT_DOUBLE_EQ(runs[0]["server_max_s"].get<double>(), 0.0051);
    EXPECT_EQ(runs[0]["histograms"]["server_time"]["count"], 100);
    for (const char* key : {"server_p50_s", "server_p99_s", "server_max_s"})
        EXPECT_TRUE(runs[1][key].is_null()) << key << ": no answer said, so no figure";
    const auto cells = first_csv_row(report);
    EXPECT_EQ(cells.at("server_max_s"), "0.0051");

    std::ostringstream markdown;
    write_markdown(markdown, report, {});
    EXPECT_NE(markdown.str().find("| fixed | 10 | server (said) | 0.00"), std::string::npos)
        << markdown.str();
    EXPECT_EQ(markdown.str().find("| fixed | 50 | server (said)"), std::string::npos)
        << markdown.str();
}

// The embedded mock's profile is part of the conditions: the whole of it in summary.json, its
// faults, behaviour and seed in report.md; an external server's run has none.
TEST(ReportColumns, TheMocksProfileIsACondition) {
    auto report = report_of({closed_level(10, {0.2})});
    EXPECT_TRUE(to_json(report)["conditions"]["mock"].is_null());
    std::ostringstream without;
    write_markdown(without, report, {});
    EXPECT_EQ(without.str().find("injected faults"), std::string::npos) << without.str();

    mock_llm::Profile profile;
    profile.seed = 42;
    profile.chaos.rate("429") = 0.3;
    profile.chaos.rate("500") = 0.05;
    profile.behaviour.kind = mock_llm::BehaviourKind::openai_buckets;
    report.mock_profile = profile;
    const auto mock = to_json(report)["conditions"]["mock"];
    EXPECT_EQ(mock["seed"], 42);
    EXPECT_EQ(mock["chaos"]["429"], 0.3);
    EXPECT_EQ(mock["behaviour"]["name"], "openai-buckets");
    std::ostringstream markdown;
    write_markdown(markdown, report, {});
    EXPECT_NE(markdown.str().find("The mock's injected faults: 429 30%, 500 5%; provider "
                                  "behaviour openai-buckets; seed 42"),
              std::string::npos)
        << markdown.str();
}

// Discarded warm-up runs are a condition of the measurement, in the JSON and in report.md.
TEST(ReportColumns, WarmUpRunsAreACondition) {
    auto report = report_of({closed_level(10, {0.2})});
    EXPECT_EQ(to_json(report)["conditions"]["warm_up_runs"], 0);
    report.warm_up_runs = 3;
    EXPECT_EQ(to_json(report)["conditions"]["warm_up_runs"], 3);
    std::ostringstream markdown;
    write_markdown(markdown, report, {});
    EXPECT_NE(markdown.str().find("warm-up on and 3 discarded runs per level"), std::string::npos)
        << markdown.str();
}

TEST(ReportColumns, OnlyTheStatusesSeenAreListed) {
    qa::CallMetrics metrics;
    metrics.attempts_by_status[200] = 7;
    EXPECT_EQ(attempts_with_status(metrics, 429), 0u);
    EXPECT_EQ(metrics.attempts_by_status.size(), 1u) << "reading a count adds no status";
    metrics.attempts_by_status[429] = 2;
    EXPECT_EQ(attempts_with_status(metrics, 429), 2u);
}

}  // namespace
}  // namespace bench
