// Pure parts of the harness: concurrency lists, lower bounds, repetitions, scenarios.
#include <gtest/gtest.h>

#include <set>

#include <sstream>

#include <nlohmann/json.hpp>

#include "bench/call_log.hpp"
#include "bench/concurrency_list.hpp"
#include "bench/level_run.hpp"
#include "bench/report_figures.hpp"
#include "bench/scenario.hpp"
#include "bench/svg_chart.hpp"

namespace bench {
namespace {

TEST(ConcurrencyList, ListsRangesAndRepeats) {
    EXPECT_EQ(*parse_concurrency_list("--concurrency", "1,10,50"), (std::vector<int>{1, 10, 50}));
    EXPECT_EQ(parse_concurrency_list("--concurrency", "1..50")->size(), 50u);
    EXPECT_EQ(*parse_concurrency_list("--concurrency", "3..5,1,4"), (std::vector<int>{3, 4, 5, 1}));
}

TEST(ConcurrencyList, RefusesWhatIsNotAnAllowedLimit) {
    for (const char* bad : {"", "0", "51", "1,,2", "5..2", "1..", "..3", "a", "1;2", "0..51"}) {
        const auto parsed = parse_concurrency_list("--concurrency", bad);
        ASSERT_FALSE(parsed) << bad;
        EXPECT_EQ(parsed.error().variable, "--concurrency");
        EXPECT_EQ(parsed.error().value, bad);
    }
}

TEST(LowerBound, IsWholeRoundsOfOneLatency) {
    using std::chrono::milliseconds;
    EXPECT_EQ(makespan_lower_bound(91, 10, milliseconds(500)), milliseconds(5000));
    EXPECT_EQ(makespan_lower_bound(120, 10, milliseconds(500)), milliseconds(6000));
    EXPECT_EQ(makespan_lower_bound(91, 1, milliseconds(500)), milliseconds(45500));
    EXPECT_EQ(makespan_lower_bound(91, 50, milliseconds(5)), milliseconds(10));
}

TEST(Scenarios, MatchTheOriginalWorkloads) {
    const auto small = find_scenario("seed-38x91");
    ASSERT_TRUE(small);
    const auto tasks = make_tasks(*small);
    EXPECT_EQ(tasks.size(), 91u);
    std::set<std::string> files;
    for (const auto& task : tasks)
        files.insert(task.name.substr(0, task.name.find("::")));
    EXPECT_EQ(files.size(), 38u);
    EXPECT_EQ(make_tasks(*find_scenario("seed-50x120")).size(), 120u);
    EXPECT_FALSE(find_scenario("seed-1x1"));
}

TEST(Repetitions, TheMedianRunStandsForTheLevel) {
    std::vector<LevelResult> samples(3);
    const double makespans[] = {0.3, 0.1, 0.2};
    for (int i = 0; i < 3; ++i) {
        samples[i].makespan_s = makespans[i];
        samples[i].server_max_in_flight = 8 + i;
        samples[i].calls_failed = i == 1 ? 2 : 0;
    }
    const auto summary = summarize_repetitions(samples);
    EXPECT_DOUBLE_EQ(summary.makespan_s, 0.2);
    EXPECT_EQ(summary.makespans_s, (std::vector<double>{0.3, 0.1, 0.2}));
    EXPECT_EQ(summary.repetitions, 3);
    EXPECT_EQ(summary.server_max_in_flight, 10) << "the worst case of all runs, not the median's";
    EXPECT_EQ(summary.calls_failed_max, 2u);
}

TEST(CallLog, OneLinePerCallWithInstantsFromTheFirstIntendedStart) {
    using std::chrono::microseconds;
    const auto t0 = qa::SteadyClock::now() + std::chrono::seconds(1);
    CallLine ok{"a.py::test_ok", {}, ""};
    ok.record.intended_start = t0;
    ok.record.slot_acquired = t0 + microseconds(10);
    ok.record.done = t0 + microseconds(500);
    ok.record.queue_wait = microseconds(10);
    auto& first = ok.record.attempts.emplace_back();
    first.sent = t0 + microseconds(10);
    first.first_byte = t0 + microseconds(400);
    first.done = t0 + microseconds(500);
    first.http_status = 200;
    CallLine failed{"b.py::test_failed", {}, "timeout: no answer"};
    failed.record.intended_start = t0 + microseconds(5);
    failed.record.slot_acquired = t0 + microseconds(20);
    failed.record.done = t0 + microseconds(900);
    auto& timed_out = failed.record.attempts.emplace_back();
    timed_out.sent = t0 + microseconds(20);
    timed_out.done = t0 + microseconds(900);
    timed_out.error = qa::CallErrorKind::timeout;
    timed_out.backoff = microseconds(0);

    std::ostringstream out;
    write_call_lines(out, 7, {ok, failed});
    std::istringstream lines(out.str());
    std::string line;
    std::vector<nlohmann::json> parsed;
    while (std::getline(lines, line))
        parsed.push_back(nlohmann::json::parse(line));
    ASSERT_EQ(parsed.size(), 2u);
    EXPECT_EQ(parsed[0]["concurrency"], 7);
    EXPECT_EQ(parsed[0]["task"], "a.py::test_ok");
    EXPECT_EQ(parsed[0]["intended_start_us"], 0);
    EXPECT_EQ(parsed[0]["attempts"][0]["first_byte_us"], 400);
    EXPECT_EQ(parsed[0]["attempts"][0]["status"], 200);
    EXPECT_EQ(parsed[0]["outcome"], "ok");
    EXPECT_TRUE(parsed[0]["error"].is_null());
    EXPECT_EQ(parsed[1]["intended_start_us"], 5);
    EXPECT_EQ(parsed[1]["done_us"], 900);
    EXPECT_TRUE(parsed[1]["attempts"][0]["first_byte_us"].is_null());
    EXPECT_EQ(parsed[1]["attempts"][0]["error"], "timeout");
    EXPECT_EQ(parsed[1]["outcome"], "failed");
    EXPECT_EQ(parsed[1]["error"], "timeout: no answer");
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

TEST(Shards, AreDisjointAndCoverTheScenario) {
    const auto tasks = make_tasks(*find_scenario("seed-50x120"));
    std::set<std::string> names;
    std::size_t total = 0;
    for (int i = 0; i < 7; ++i) {
        const auto shard = select_shard(tasks, i, 7);
        total += shard.size();
        for (const auto& task : shard)
            EXPECT_TRUE(names.insert(task.name).second) << task.name << " in two shards";
    }
    EXPECT_EQ(total, tasks.size());
    EXPECT_EQ(select_shard(tasks, 0, 1).size(), tasks.size());
}

TEST(SvgChart, DrawsEverySeriesWithItsLegendAndEscapesText) {
    SvgChart chart{"a <title> & more", "x", "y", false, {}};
    chart.series.push_back({"measured", {{1, 2}, {10, 4}, {50, 3}}, false});
    chart.series.push_back({"bound", {{1, 1}, {50, 1}}, true});
    const auto svg = render_svg(chart);
    EXPECT_EQ(svg.rfind("<svg", 0), 0u);
    EXPECT_NE(svg.find("</svg>"), std::string::npos);
    EXPECT_EQ(count(svg, "<polyline"), 2u);
    EXPECT_EQ(count(svg, "<circle"), 5u);
    EXPECT_EQ(count(svg, "stroke-dasharray"), 2u) << "the bound's line and its legend entry";
    EXPECT_NE(svg.find("a &lt;title&gt; &amp; more"), std::string::npos);
    EXPECT_EQ(svg.find("<title>"), svg.find("<title>measured")) << "no raw title text";
}

TEST(SvgChart, ALogAxisLeavesOutWhatItCannotPlace) {
    SvgChart chart{"t", "x", "y", true, {}};
    chart.series.push_back({"s", {{1, 0}, {2, 0.5}, {3, 20}}, false});
    const auto svg = render_svg(chart);
    EXPECT_EQ(count(svg, "<circle"), 2u);
    EXPECT_NE(svg.find(">0.1<"), std::string::npos) << "decade ticks";
    EXPECT_NE(svg.find(">100<"), std::string::npos);
    EXPECT_NE(svg.find("(log scale)"), std::string::npos);
    EXPECT_EQ(svg.find("nan"), std::string::npos);
    EXPECT_EQ(svg.find("inf"), std::string::npos);
}

TEST(SvgChart, AnEmptyChartIsStillAPicture) {
    const auto svg = render_svg(SvgChart{"empty", "x", "y", true, {}});
    EXPECT_NE(svg.find("</svg>"), std::string::npos);
    EXPECT_EQ(svg.find("nan"), std::string::npos);
}

TEST(ReportFigures, MarkdownNamesTheCommandTheLevelsAndEveryFigure) {
    RunReport report;
    report.scenario = *find_scenario("seed-38x91");
    report.time_scale = 0.01;
    report.command = "qa-bench run --scenario seed-38x91";
    report.server = "embedded mock";
    for (int limit : {1, 10}) {
        LevelResult run;
        run.concurrency = limit;
        run.makespan_s = 0.5 / limit;
        run.lower_bound_s = 0.45 / limit;
        run.ratio = run.makespan_s / run.lower_bound_s;
        run.calls_ok = 91;
        run.server_max_in_flight = limit;
        report.runs.push_back(run);
    }
    const auto figures = report_figures(report);
    ASSERT_EQ(figures.size(), 3u);
    std::ostringstream markdown;
    write_markdown(markdown, report, figures);
    const auto text = markdown.str();
    EXPECT_NE(text.find("`qa-bench run --scenario seed-38x91`"), std::string::npos);
    EXPECT_NE(text.find("| 10 | 0.0500 | 0.0450 | 1.111 | 91 | 0 |"), std::string::npos) << text;
    for (const auto& figure : figures) {
        EXPECT_NE(text.find("](" + figure.file + ")"), std::string::npos) << figure.file;
        EXPECT_EQ(count(figure.svg, "<polyline"), figure.file == "makespan.svg"  ? 2u
                                                  : figure.file == "retries.svg" ? 3u
                                                                                 : 5u);
    }
}

}  // namespace
}  // namespace bench
