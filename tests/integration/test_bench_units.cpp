// Pure parts of the harness: concurrency lists, lower bounds, repetitions, scenarios.
#include <gtest/gtest.h>

#include <set>

#include <sstream>

#include <nlohmann/json.hpp>

#include "bench/call_log.hpp"
#include "bench/concurrency_list.hpp"
#include "bench/level_run.hpp"
#include "bench/scenario.hpp"

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

}  // namespace
}  // namespace bench
