// Parts of the harness without a server: concurrency lists, lower bounds, repetitions,
// scenarios and their phase 1, and how a target keeps the mock and the client on separate CPUs.
#include <gtest/gtest.h>

#include <pthread.h>
#include <sched.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "bench/call_log.hpp"
#include "bench/concurrency_list.hpp"
#include "bench/level_run.hpp"
#include "bench/process_usage.hpp"
#include "bench/report_figures.hpp"
#include "bench/scenario.hpp"
#include "bench/svg_chart.hpp"
#include "bench/target.hpp"
#include "bench/workload.hpp"
#include "occurrences.hpp"

namespace bench {
namespace {

// Each scenario of a run starts its own embedded mock. The first one keeps the client's thread
// off the mock's CPU; unless it gives the CPUs back when it goes, the next mock finds the
// client on one CPU, is left unpinned, and shares that CPU with the client it is measured with.
TEST(Target, GivesTheClientItsCpusBackSoTheNextMockHasItsOwnCpuToo) {
    cpu_set_t before;
    CPU_ZERO(&before);
    ASSERT_EQ(pthread_getaffinity_np(pthread_self(), sizeof before, &before), 0);
    if (CPU_COUNT(&before) < 2)
        GTEST_SKIP() << "one CPU: nothing to separate";
    for (int i = 0; i < 2; ++i) {
        auto target = bench::Target::start(bench::TargetOptions{});
        ASSERT_TRUE(target) << target.error();
        const auto mock_cpu = (*target)->mock_cpu();
        ASSERT_TRUE(mock_cpu.has_value()) << "target " << i << " left the mock unpinned";
        cpu_set_t during;
        CPU_ZERO(&during);
        ASSERT_EQ(pthread_getaffinity_np(pthread_self(), sizeof during, &during), 0);
        EXPECT_FALSE(CPU_ISSET(*mock_cpu, &during)) << "target " << i;
    }
    cpu_set_t after;
    CPU_ZERO(&after);
    ASSERT_EQ(pthread_getaffinity_np(pthread_self(), sizeof after, &after), 0);
    EXPECT_TRUE(CPU_EQUAL(&before, &after));
}

// The client's CPU is read per round of a few milliseconds: the count must include the work of
// the last moments, not only what the scheduler last recorded (at a tick or a switch).
TEST(ThreadCpu, CountsEvenAMillisecondOfWork) {
    for (int round = 0; round < 20; ++round) {
        const double before = bench::thread_cpu_seconds();
        const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(1);
        while (std::chrono::steady_clock::now() < until) {
        }
        const double used = bench::thread_cpu_seconds() - before;
        EXPECT_GT(used, 0.0) << "round " << round << " read no CPU for 1 ms of work";
        EXPECT_LT(used, 1.0) << "round " << round;
    }
}

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

std::vector<qa::LlmTask> tasks_of(const std::string& name) {
    const auto scenario = find_scenario(name);
    EXPECT_TRUE(scenario) << name;
    auto workload = run_phase1_blocking(*scenario);
    EXPECT_TRUE(workload) << (workload ? "" : workload.error());
    return workload ? std::move(workload->tasks) : std::vector<qa::LlmTask>{};
}

TEST(Scenarios, MatchTheOriginalWorkloadsThroughPhase1) {
    const auto small = find_scenario("seed-38x91");
    ASSERT_TRUE(small);
    const auto workload = run_phase1_blocking(*small);
    ASSERT_TRUE(workload) << workload.error();
    EXPECT_EQ(workload->tasks.size(), 91u);
    EXPECT_EQ(workload->phase1.files, 38u);
    EXPECT_EQ(workload->phase1.uncertain, 91u);
    EXPECT_EQ(workload->phase1.unreadable, 0u);
    EXPECT_GT(workload->phase1.test_functions, 91u);  // certain and clean ones too
    EXPECT_GT(workload->phase1.rule_issues, 0u);
    EXPECT_GT(workload->phase1.bytes, 38u * 1000);
    EXPECT_GT(workload->phase1.elapsed_s, 0.0);
    std::set<std::string> files;
    std::set<std::string> names;
    for (const auto& task : workload->tasks) {
        files.insert(task.name.substr(0, task.name.find("::")));
        EXPECT_TRUE(names.insert(task.name).second) << task.name << " twice";
        // The production phase 2 request: the system prompt, the function's prompt, JSON mode.
        ASSERT_EQ(task.request.messages.size(), 2u);
        EXPECT_EQ(task.request.messages[0].role, "system");
        EXPECT_NE(task.request.messages[1].content.find("def test"), std::string::npos);
        EXPECT_TRUE(task.request.json_mode);
    }
    EXPECT_LE(files.size(), 38u);
    EXPECT_EQ(tasks_of("seed-50x120").size(), 120u);
    // Deterministic: the same scenario gives the same calls.
    const auto again = tasks_of("seed-38x91");
    ASSERT_EQ(again.size(), workload->tasks.size());
    for (std::size_t i = 0; i < again.size(); ++i)
        EXPECT_EQ(again[i].request.messages[1].content,
                  workload->tasks[i].request.messages[1].content);
}

TEST(Scenarios, AnyGeneratedCorpusIsAScenario) {
    const auto tiny = find_scenario("seed-3x5");
    ASSERT_TRUE(tiny);
    EXPECT_EQ(tiny->files, 3);
    EXPECT_EQ(tiny->calls, 5);
    EXPECT_EQ(tasks_of("seed-3x5").size(), 5u);
    const auto bad = find_scenario("seed-0x1");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().find("seed-0x1"), std::string::npos);
    EXPECT_NE(bad.error().find("seed-38x91"), std::string::npos);  // names what is allowed
    EXPECT_FALSE(find_scenario("bogus"));
}

TEST(Scenarios, AUsersTestsAreAScenario) {
    const auto dir =
        std::filesystem::temp_directory_path() / ("qa-bench-tests-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir / "pkg");
    {
        std::ofstream(dir / "pkg" / "test_orders.py") << "def test_uncertain(client):\n"
                                                         "    if client.ready:\n"
                                                         "        assert client.get() == 1\n\n"
                                                         "def test_empty():\n"
                                                         "    pass\n";
        std::ofstream(dir / "pkg" / "helpers.py") << "def not_a_test():\n    pass\n";
    }
    const auto workload = run_phase1_blocking(tests_scenario({dir}));
    ASSERT_TRUE(workload) << workload.error();
    EXPECT_EQ(workload->phase1.files, 1u);
    EXPECT_EQ(workload->phase1.test_functions, 2u);
    EXPECT_EQ(workload->phase1.uncertain, 1u);
    EXPECT_EQ(workload->phase1.rule_issues, 1u);  // the empty test
    ASSERT_EQ(workload->tasks.size(), 1u);
    EXPECT_NE(workload->tasks[0].name.find("test_uncertain"), std::string::npos);

    const auto missing = run_phase1_blocking(tests_scenario({dir / "no-such-dir"}));
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().find("no-such-dir"), std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST(Repetitions, TheMedianRunStandsForTheLevel) {
    std::vector<LevelResult> samples(3);
    const double makespans[] = {0.3, 0.1, 0.2};
    for (int i = 0; i < 3; ++i) {
        samples[i].makespan_s = makespans[i];
        samples[i].client_cpu_s = makespans[i] / 10;
        samples[i].server_max_in_flight = 8 + i;
        samples[i].calls_failed = i == 1 ? 2 : 0;
    }
    const auto summary = summarize_repetitions(samples);
    EXPECT_DOUBLE_EQ(summary.makespan_s, 0.2);
    EXPECT_EQ(summary.makespans_s, (std::vector<double>{0.3, 0.1, 0.2}));
    EXPECT_EQ(summary.client_cpus_s, (std::vector<double>{0.03, 0.01, 0.02}))
        << "every run's client CPU, in run order";
    EXPECT_EQ(summary.repetitions, 3);
    EXPECT_EQ(summary.server_max_in_flight, 10) << "the worst case of all runs, not the median's";
    EXPECT_EQ(summary.calls_failed_max, 2u);
}

TEST(CallLog, OneLinePerCallWithInstantsFromTheFirstIntendedStart) {
    using std::chrono::microseconds;
    const auto t0 = qa::SteadyClock::now() + std::chrono::seconds(1);
    CallLine ok{"a.py::test_ok", {}, "", std::nullopt};
    ok.record.intended_start = t0;
    ok.record.slot_acquired = t0 + microseconds(10);
    ok.record.done = t0 + microseconds(500);
    ok.record.queue_wait = microseconds(10);
    auto& first = ok.record.attempts.emplace_back();
    first.sent = t0 + microseconds(10);
    first.first_byte = t0 + microseconds(400);
    first.done = t0 + microseconds(500);
    first.http_status = 200;
    CallLine failed{"b.py::test_failed", {}, "timeout: no answer", 3};
    failed.record.intended_start = t0 + microseconds(5);
    failed.record.slot_acquired = t0 + microseconds(20);
    failed.record.done = t0 + microseconds(900);
    auto& timed_out = failed.record.attempts.emplace_back();
    timed_out.sent = t0 + microseconds(20);
    timed_out.done = t0 + microseconds(900);
    timed_out.error = qa::CallErrorKind::timeout;
    timed_out.backoff = microseconds(0);

    std::ostringstream out;
    write_call_lines(out, 7, "aimd", {ok, failed});
    std::istringstream lines(out.str());
    std::string line;
    std::vector<nlohmann::json> parsed;
    while (std::getline(lines, line))
        parsed.push_back(nlohmann::json::parse(line));
    ASSERT_EQ(parsed.size(), 2u);
    EXPECT_EQ(parsed[0]["concurrency"], 7);
    EXPECT_EQ(parsed[0]["strategy"], "aimd") << "rows of fixed,aimd at one limit told apart";
    EXPECT_FALSE(parsed[0].contains("analysis")) << "a closed loop's call has no analysis";
    EXPECT_EQ(parsed[1]["analysis"], 3) << "an open loop's call names its analysis";
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

// A provider's garbage answer reaches the call's error text (its first 200 bytes, cut anywhere):
// bytes that are not UTF-8 become U+FFFD, and the line is still JSON.
TEST(CallLog, AnErrorThatIsNotUtf8IsWrittenWithReplacementCharacters) {
    const auto t0 = qa::SteadyClock::now();
    CallLine failed{"c.py::test_garbage",
                    {},
                    "answer is not JSON: caf\xC3\xA9 \xFF\xFE cut \xC3",
                    std::nullopt};
    failed.record.intended_start = t0;
    failed.record.slot_acquired = t0;
    failed.record.done = t0;

    std::ostringstream out;
    write_call_lines(out, 1, "fixed", {failed});
    const auto line = nlohmann::json::parse(out.str());
    EXPECT_EQ(line["error"],
              "answer is not JSON: caf\xC3\xA9 \xEF\xBF\xBD\xEF\xBF\xBD cut \xEF\xBF\xBD");
    EXPECT_EQ(line["outcome"], "failed");
}

using qa::testing::occurrences;

TEST(Shards, AreDisjointAndCoverTheScenario) {
    const auto tasks = tasks_of("seed-50x120");
    ASSERT_EQ(tasks.size(), 120u);
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
    EXPECT_EQ(occurrences(svg, "<polyline"), 2u);
    EXPECT_EQ(occurrences(svg, "<circle"), 5u);
    EXPECT_EQ(occurrences(svg, "stroke-dasharray"), 2u) << "the bound's line and its legend entry";
    EXPECT_NE(svg.find("a &lt;title&gt; &amp; more"), std::string::npos);
    EXPECT_EQ(svg.find("<title>"), svg.find("<title>measured")) << "no raw title text";
}

TEST(SvgChart, ALogAxisLeavesOutWhatItCannotPlace) {
    SvgChart chart{"t", "x", "y", true, {}};
    chart.series.push_back({"s", {{1, 0}, {2, 0.5}, {3, 20}}, false});
    const auto svg = render_svg(chart);
    EXPECT_EQ(occurrences(svg, "<circle"), 2u);
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
        run.phase1.files = 38;
        run.phase1.uncertain = 91;
        run.phase1.elapsed_s = 0.0125;
        run.answers.llm_issues = 88;
        run.metrics.queue_wait.record(std::chrono::microseconds(1000 / limit));
        run.metrics.service_time.record(std::chrono::microseconds(4000));
        run.metrics.total.record(std::chrono::microseconds(4000 + 1000 / limit));
        report.runs.push_back(run);
    }
    const auto figures = report_figures(report);
    ASSERT_EQ(figures.size(), 3u);
    std::ostringstream markdown;
    write_markdown(markdown, report, figures);
    const auto text = markdown.str();
    EXPECT_NE(text.find("`qa-bench run --scenario seed-38x91`"), std::string::npos);
    EXPECT_NE(text.find("| fixed | 10 | 12.50 | 0.0500 | 0.0450 | 1.111 | 91 | 0 |"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("| 88 | 0 |\n"), std::string::npos) << text;  // LLM issues, unusable
    EXPECT_NE(text.find("its 91 uncertain functions"), std::string::npos) << text;
    for (const auto& figure : figures) {
        EXPECT_NE(text.find("](" + figure.file + ")"), std::string::npos) << figure.file;
        EXPECT_EQ(occurrences(figure.svg, "<polyline"), figure.file == "makespan.svg"  ? 2u
                                                        : figure.file == "retries.svg" ? 3u
                                                                                       : 5u);
    }
}

}  // namespace
}  // namespace bench
