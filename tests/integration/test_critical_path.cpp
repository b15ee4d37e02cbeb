// Where a closed-loop run's makespan went: the chain of calls that ended last, each matched to
// the release that handed it its slot, and the makespan split exactly along it. Made-up records
// with known times, then a real run whose parts must add up to its measured overhead.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <string>
#include <vector>

#include "bench/critical_path.hpp"
#include "bench/level_run.hpp"
#include "bench/scenario.hpp"
#include "scaled_target.hpp"

namespace bench {
namespace {

using std::chrono::microseconds;

const qa::SteadyClock::time_point kOrigin = qa::SteadyClock::now();

qa::SteadyClock::time_point at_us(long long us) {
    return kOrigin + microseconds(us);
}

struct Attempt {
    long long sent = 0;
    long long first_byte = -1;  // -1: no answer
    long long done = 0;
    long long backoff = 0;
    long long server = -1;  // the server's own time for the answer; -1: it did not say
};

CallLine call(long long intended, long long slot, std::vector<Attempt> attempts, long long done,
              bool ok = true) {
    CallLine line;
    line.task = "t";
    line.record.intended_start = at_us(intended);
    line.record.slot_acquired = at_us(slot);
    line.record.done = at_us(done);
    for (const auto& a : attempts) {
        qa::AttemptRecord& tried = line.record.attempts.emplace_back();
        tried.sent = at_us(a.sent);
        if (a.first_byte >= 0)
            tried.first_byte = at_us(a.first_byte);
        tried.done = at_us(a.done);
        tried.backoff = microseconds(a.backoff);
        if (a.server >= 0)
            tried.server_time = microseconds(a.server);
    }
    if (!ok)
        line.error = "timeout: reading the answer headers passed the deadline";
    return line;
}

double ms(double seconds) {
    return std::round(seconds * 1e6) / 1e3;
}

// Limit 2, four calls of 100 us: calls 0 and 1 find slots free; 2 and 3 queue from the start and
// take the slots 0 and 1 give back. Call 3 ends last: the chain is 1 -> 3.
std::vector<CallLine> two_waves() {
    return {
        call(0, 0, {{2, 120, 125}}, 126),
        call(0, 10, {{12, 140, 150}}, 151),
        call(0, 130, {{135, 240, 245}}, 246),
        call(0, 160, {{170, 290, 300}}, 302),
    };
}

TEST(CriticalPath, FollowsTheSlotBackFromTheCallThatEndedLast) {
    const auto path = critical_path(two_waves(), microseconds(100), 2, microseconds(310), false);
    ASSERT_TRUE(path);
    EXPECT_EQ(path->calls, 2);
    EXPECT_EQ(path->answered, 2);
    EXPECT_EQ(path->waves, 2);
    EXPECT_DOUBLE_EQ(ms(path->start_s), 0.010);      // call 1 held its slot at 10 us
    EXPECT_DOUBLE_EQ(ms(path->to_send_s), 0.012);    // 12 - 10, and 170 - 160
    EXPECT_DOUBLE_EQ(ms(path->slot_wait_s), 0.009);  // call 1 ended at 151, call 3 held at 160
    EXPECT_DOUBLE_EQ(ms(path->late_s), 0.048);       // (140 - 12 - 100) + (290 - 170 - 100)
    EXPECT_DOUBLE_EQ(ms(path->reading_s), 0.023);    // 151 - 140, 302 - 290
    EXPECT_DOUBLE_EQ(ms(path->retrying_s), 0.0);
    EXPECT_DOUBLE_EQ(ms(path->waves_s), 0.0);
    EXPECT_DOUBLE_EQ(ms(path->outside_s), 0.008);  // makespan 310, the last call ended at 302
    // makespan - lower bound, exactly: 310 - 2 x 100 us.
    EXPECT_DOUBLE_EQ(ms(path->overhead_s()), 0.110);
}

TEST(CriticalPath, TheServersPartOfTheLatenessWhenEveryAnswerSaidIt) {
    auto calls = two_waves();
    EXPECT_FALSE(critical_path(calls, microseconds(100), 2, microseconds(310), false)
                     ->server_late_s.has_value());
    calls[1].record.attempts[0].server_time = microseconds(110);  // 10 of its 28 us late
    calls[3].record.attempts[0].server_time = microseconds(102);  // 2 of its 20
    const auto path = critical_path(calls, microseconds(100), 2, microseconds(310), false);
    ASSERT_TRUE(path && path->server_late_s);
    EXPECT_DOUBLE_EQ(ms(*path->server_late_s), 0.012);
    EXPECT_DOUBLE_EQ(ms(path->late_s), 0.048) << "the whole lateness is unchanged";
    EXPECT_DOUBLE_EQ(ms(path->overhead_s()), 0.110) << "a split of late_s, not a part of its own";
    // One answer on the chain without it: no split at all, rather than half of one.
    calls[1].record.attempts[0].server_time.reset();
    EXPECT_FALSE(critical_path(calls, microseconds(100), 2, microseconds(310), false)
                     ->server_late_s.has_value());
}

TEST(CriticalPath, MatchesWaitersToReleasesInTheOrderTheyGotTheirSlots) {
    // Limit 2: calls 0 and 1 give their slots back at 100 and 102 us to calls 2 and 3, queued
    // in that order. A FIFO limiter gave 100 to call 2 and 102 to call 3, which ended last.
    const std::vector<CallLine> calls{
        call(0, 0, {{0, 99, 99}}, 100),
        call(0, 1, {{1, 101, 101}}, 102),
        call(0, 104, {{105, 205, 205}}, 206),
        call(0, 106, {{107, 207, 208}}, 209),
    };
    const auto path = critical_path(calls, microseconds(100), 2, microseconds(209), false);
    ASSERT_TRUE(path);
    EXPECT_EQ(path->calls, 2);
    EXPECT_DOUBLE_EQ(ms(path->start_s), 0.001);      // call 1, not call 0, heads the chain
    EXPECT_DOUBLE_EQ(ms(path->slot_wait_s), 0.004);  // 106 - 102
    EXPECT_DOUBLE_EQ(ms(path->overhead_s()), 0.009);
}

TEST(CriticalPath, RetriesOnTheChainAreTheirOwnPart) {
    // Limit 1: call 0 is answered 429 at 20 us, sleeps 50 us holding its slot, then is answered.
    const std::vector<CallLine> calls{
        call(0, 0, {{0, 20, 20, 50}, {70, 170, 171}}, 172),
        call(0, 175, {{176, 276, 277}}, 278),
    };
    const auto path = critical_path(calls, microseconds(100), 1, microseconds(278), false);
    ASSERT_TRUE(path);
    EXPECT_EQ(path->calls, 2);
    EXPECT_DOUBLE_EQ(ms(path->retrying_s), 0.070);  // the first send to the answered attempt's
    EXPECT_DOUBLE_EQ(ms(path->overhead_s()), 0.078);
}

TEST(CriticalPath, ASlotGivenBackForTheBackoffHandsOverMidCall) {
    // Limit 2, slots released during backoff: call 0 is answered 429 at 20 us and gives its
    // slot back; queued call 2 takes it and ends last. Call 0 queues again, gets call 1's slot
    // and is answered. The chain: call 2, then call 0 up to its release at 20 us.
    const std::vector<CallLine> calls{
        call(0, 0, {{0, 20, 20, 30}, {113, 213, 214}}, 215),
        call(0, 1, {{1, 101, 110}}, 111),
        call(0, 22, {{23, 290, 300}}, 302),
    };
    const auto path = critical_path(calls, microseconds(100), 2, microseconds(302), true);
    ASSERT_TRUE(path);
    EXPECT_EQ(path->calls, 2);
    EXPECT_EQ(path->answered, 1);                    // call 0's stretch ended in a 429
    EXPECT_DOUBLE_EQ(ms(path->retrying_s), 0.020);   // call 0, from its send to its release
    EXPECT_DOUBLE_EQ(ms(path->slot_wait_s), 0.002);  // 22 - 20
    EXPECT_DOUBLE_EQ(ms(path->late_s), 0.167);       // 290 - 23 - 100
    EXPECT_DOUBLE_EQ(ms(path->waves_s), -0.100);
    EXPECT_DOUBLE_EQ(ms(path->overhead_s()), 0.102);  // 302 - 2 x 100
    // A backoff the jitter drew as 0 us still gave the slot back.
    auto no_sleep = calls;
    no_sleep[0].record.attempts[0].backoff = microseconds(0);
    const auto instant = critical_path(no_sleep, microseconds(100), 2, microseconds(302), true);
    ASSERT_TRUE(instant);
    EXPECT_EQ(instant->calls, 2);
    EXPECT_DOUBLE_EQ(ms(instant->slot_wait_s), 0.002);
    // Holding the slot instead, the same records link call 2 to no release before it.
    const auto held = critical_path(calls, microseconds(100), 2, microseconds(302), false);
    ASSERT_TRUE(held);
    EXPECT_EQ(held->calls, 1);
    EXPECT_DOUBLE_EQ(ms(held->start_s), 0.022);
}

TEST(CriticalPath, AFailedCallOnTheChainSpendsNoWaveAndCountsAsRetrying) {
    // Limit 1: call 0 times out after 150 us; call 1 is answered.
    const std::vector<CallLine> calls{
        call(0, 0, {{0, -1, 150}}, 151, false),
        call(0, 152, {{153, 253, 254}}, 255),
    };
    const auto path = critical_path(calls, microseconds(100), 1, microseconds(255), false);
    ASSERT_TRUE(path);
    EXPECT_EQ(path->answered, 1);
    EXPECT_EQ(path->waves, 2);
    EXPECT_DOUBLE_EQ(ms(path->retrying_s), 0.151);
    EXPECT_DOUBLE_EQ(ms(path->waves_s), -0.100);  // one wave short of the bound's two
    EXPECT_DOUBLE_EQ(ms(path->overhead_s()), 0.055);
}

TEST(CriticalPath, NamesItsLargestPartsFirstWhicheverTheirSign) {
    CriticalPath path;
    path.start_s = 0.0004;
    path.late_s = 0.0011;
    path.waves_s = -0.005;
    path.reading_s = 0.0001;  // a tenth of the largest or less: left out
    EXPECT_EQ(describe_largest_parts(path, 3), "waves -5.00 ms, late answers 1.10 ms");
    EXPECT_EQ(describe_largest_parts(path, 1), "waves -5.00 ms");
    EXPECT_EQ(describe_largest_parts(CriticalPath{}, 3), "none");
    path.server_late_s = 0.0002;
    EXPECT_EQ(describe_largest_parts(path, 2),
              "waves -5.00 ms, late answers 1.10 ms (the server's part 0.20 ms)");
}

TEST(CriticalPath, NoneWithoutCalls) {
    EXPECT_FALSE(critical_path({}, microseconds(100), 2, microseconds(0), false));
}

TEST(CriticalPath, AMeasuredRunSplitsItsOverheadExactly) {
    const auto scenario = find_scenario("seed-5x7");
    ASSERT_TRUE(scenario);
    const double scale = 0.002;
    auto target = test::start_scaled_target(*scenario, scale);
    ASSERT_TRUE(target) << target.error();
    LevelOptions options;
    options.scenario = *scenario;
    options.time_scale = scale;
    const auto run = run_level_blocking(**target, options, 3, qa::Logger());
    ASSERT_TRUE(run) << run.error();
    ASSERT_EQ(run->calls_ok, 7u);
    ASSERT_TRUE(run->critical_path);
    const CriticalPath& path = *run->critical_path;
    EXPECT_NEAR(path.overhead_s(), run->makespan_s - run->lower_bound_s, 1e-9);
    EXPECT_GE(path.calls, 1);
    EXPECT_EQ(path.answered, path.calls);
    EXPECT_EQ(path.waves, 3);  // 7 calls at limit 3
    EXPECT_EQ(path.retrying_s, 0.0);
    EXPECT_GE(path.start_s, 0.0);
    EXPECT_GE(path.slot_wait_s, 0.0);
    EXPECT_GE(path.outside_s, 0.0);
    // The embedded mock says how long it spent on each answer; that is never more than the
    // client saw between its send and the answer's first byte.
    ASSERT_TRUE(path.server_late_s);
    EXPECT_EQ(run->metrics.server_time.count(), 7u) << "every answer said";
    EXPECT_LE(*path.server_late_s, path.late_s + 1e-6);
    for (const auto& call : run->calls) {
        const auto& attempt = call.record.attempts.back();
        ASSERT_TRUE(attempt.server_time && attempt.first_byte);
        EXPECT_LE(*attempt.server_time, *attempt.first_byte - attempt.sent);
    }
}

}  // namespace
}  // namespace bench
