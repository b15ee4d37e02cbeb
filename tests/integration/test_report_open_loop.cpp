// An open loop's report says what ran (arrivals, rate, analyses x calls, limiter, shard), shows
// n/a for the lower bound and ratio it does not have, and draws no series without data.
#include <gtest/gtest.h>

#include <sstream>

#include "bench/report.hpp"
#include "bench/report_figures.hpp"
#include "occurrences.hpp"

namespace bench {
namespace {

using std::chrono::microseconds;

using qa::testing::occurrences;

RunReport open_loop_report(bool adaptive) {
    RunReport report;
    report.scenario = *find_scenario("seed-38x91");
    report.time_scale = 0.01;
    report.command = "qa-bench run --load open --analyses 10 --fanout 20";
    report.shard_index = 1;
    report.shard_count = 2;
    LevelResult run;
    run.concurrency = 10;
    run.strategy = adaptive ? "aimd" : "fixed";
    run.makespan_s = 0.3;
    run.calls_ok = 100;
    run.server_max_in_flight = 10;
    run.phase1.files = 38;
    run.phase1.uncertain = 91;
    run.metrics.total.record(microseconds(9000));
    run.metrics.service_time.record(microseconds(5000));
    OpenLoopStats open;
    open.arrivals = "constant";
    open.limiter = "shared";
    open.analyses = 5;
    open.fanout = 20;
    open.offered_per_s = 50;
    open.duration_s = 0.3;
    open.analysis_latency.record(microseconds(40000));
    open.analysis_latency.record(microseconds(60000));
    open.read_analysis_latency();
    open.calls_per_s = 333.3;
    run.open_loop = open;
    run.policy = policy_of(qa::Settings{}, "shared");
    if (adaptive)
        run.limit_history = {{0.0, 10}, {0.1, 7}, {0.2, 9}};
    report.runs.push_back(run);
    return report;
}

TEST(OpenLoopReport, MarkdownSaysWhatRanAndNaForWhatDoesNotExist) {
    const auto report = open_loop_report(false);
    const auto figures = report_figures(report);
    std::ostringstream out;
    write_markdown(out, report, figures);
    const auto text = out.str();
    EXPECT_NE(text.find("an open loop: 5 analyses arrive on a constant schedule offering 50.00 "
                        "analyses/s (0.500/s at time scale 1)"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("5 x 20 calls per run"), std::string::npos) << text;
    EXPECT_NE(text.find("one limit shared by every analysis"), std::string::npos) << text;
    EXPECT_NE(text.find("shard 1 of 2: the analyses 1, 3, ..."), std::string::npos) << text;
    EXPECT_EQ(text.find("uncertain functions as one parallel LLM batch (phase 2"),
              std::string::npos)
        << "the closed loop's description";
    EXPECT_NE(text.find("| fixed | 10 | 0.00 | 0.3000 | n/a | n/a | 100 |"), std::string::npos)
        << text;
    EXPECT_EQ(text.find("| 0.3000 | 0.0000 | 0.000 |"), std::string::npos) << text;
    // The analyses' figures, which were only in the JSON before.
    EXPECT_NE(text.find("| constant | shared | 5 x 20 | 50.00 | 0.3000 |"), std::string::npos)
        << text;
    EXPECT_NE(text.find("| 0.0600 | 333.3 |"), std::string::npos) << "analysis max, calls/s";
}

TEST(OpenLoopReport, TableAndCsvLeaveTheBoundOutAndCarryTheAnalyses) {
    const auto report = open_loop_report(false);
    std::ostringstream table;
    write_table(table, report);
    EXPECT_NE(table.str().find("n/a     n/a"), std::string::npos) << table.str();
    std::ostringstream csv;
    write_csv(csv, report);
    const auto text = csv.str();
    EXPECT_NE(text.find(",load,"), std::string::npos);
    EXPECT_NE(text.find(",open_loop.arrivals,open_loop.limiter,open_loop.analyses,"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("\"open\""), std::string::npos);
    EXPECT_NE(text.find("\"constant\",\"shared\",5,20,50.0,0.3,"), std::string::npos) << text;
    // lower_bound_s and ratio: empty cells, not zeros.
    const auto row = text.substr(text.find('\n') + 1);
    const auto header = text.substr(0, text.find('\n'));
    const auto column = [&](const std::string& name) {
        return occurrences(header.substr(0, header.find("," + name + ",")), ",") + 1;
    };
    const auto cell = [&](std::size_t index) {
        std::size_t at = 0;
        for (std::size_t i = 0; i < index; ++i)
            at = row.find(',', at) + 1;
        return row.substr(at, row.find(',', at) - at);
    };
    EXPECT_EQ(cell(column("lower_bound_s")), "");
    EXPECT_EQ(cell(column("ratio")), "");
    EXPECT_EQ(cell(column("calls_ok")), "100");
}

TEST(OpenLoopReport, FiguresDrawNoEmptySeries) {
    const auto figures = report_figures(open_loop_report(false));
    for (const auto& figure : figures) {
        EXPECT_EQ(figure.svg.find("points=\"\""), std::string::npos) << figure.file;
        EXPECT_EQ(figure.svg.find("lower bound"), std::string::npos) << figure.file;
    }
    EXPECT_EQ(figures.front().file, "makespan.svg");
    EXPECT_EQ(occurrences(figures.front().svg, "<polyline"), 1u) << "the duration alone";
}

TEST(OpenLoopReport, AnAdaptiveLimitIsPlotted) {
    const auto figures = report_figures(open_loop_report(true));
    const auto limit = std::find_if(figures.begin(), figures.end(),
                                    [](const Figure& f) { return f.file == "limit.svg"; });
    ASSERT_NE(limit, figures.end());
    EXPECT_EQ(occurrences(limit->svg, "<polyline"), 1u);
    EXPECT_NE(limit->svg.find("aimd from 10"), std::string::npos);
}

}  // namespace
}  // namespace bench
