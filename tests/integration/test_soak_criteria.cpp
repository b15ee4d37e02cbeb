// The soak's pass criteria on made-up figures: churn within the allowance passes, growth beyond
// it or a steady rise fails, and a socket nobody holds after the run is a leak.
#include <gtest/gtest.h>

#include <vector>

#include "bench/soak_criteria.hpp"
#include "bench/soak_report.hpp"

namespace bench {
namespace {

TEST(SoakFlatness, ChurnWithinTheAllowanceIsFlat) {
    // The external-mock run that raised the false alarm (limit 10: allowance 10).
    const std::vector<std::int64_t> fds = {20, 26, 26, 27, 24};
    const auto verdict = judge_flatness(fds, descriptor_allowance(10, false));
    EXPECT_TRUE(verdict.flat());
    EXPECT_EQ(verdict.start, 20);
    EXPECT_EQ(verdict.end, 24);
    EXPECT_EQ(verdict.allowance, 10);
}

TEST(SoakFlatness, GrowthBeyondTheAllowanceIsNot) {
    const std::vector<std::int64_t> fds = {114, 150, 120, 215};
    const auto verdict = judge_flatness(fds, 100);
    EXPECT_FALSE(verdict.within_allowance);
    EXPECT_FALSE(verdict.rising);
    EXPECT_FALSE(verdict.flat());
    EXPECT_TRUE(judge_flatness(std::vector<std::int64_t>{114, 150, 120, 214}, 100).flat());
}

TEST(SoakFlatness, ASteadyRiseFailsEvenWithinTheAllowance) {
    std::vector<std::int64_t> fds = {114, 115, 116, 117, 118, 119};
    ASSERT_EQ(fds.size(), kTrendCheckpoints);
    const auto verdict = judge_flatness(fds, 100);
    EXPECT_TRUE(verdict.within_allowance);
    EXPECT_TRUE(verdict.rising);
    EXPECT_FALSE(verdict.flat());
    // One step fewer is too short to call a trend; one step level breaks it.
    fds.pop_back();
    EXPECT_TRUE(judge_flatness(fds, 100).flat());
    EXPECT_TRUE(
        judge_flatness(std::vector<std::int64_t>{114, 115, 116, 116, 118, 119}, 100).flat());
}

TEST(SoakFlatness, NoFiguresIsFlat) {
    EXPECT_TRUE(judge_flatness({}, 0).flat());
}

TEST(SoakFlatness, TheAllowanceIsOneConnectionPerSlotWithTheMocksEndWhenEmbedded) {
    EXPECT_EQ(descriptor_allowance(50, true), 100);
    EXPECT_EQ(descriptor_allowance(50, false), 50);
}

TEST(SoakStart, IsTheFirstCheckpointAfterTheWarmUp) {
    const std::vector<std::uint64_t> calls = {120, 20160, 40200};
    EXPECT_EQ(start_checkpoint(calls, 20000), 1u);
    EXPECT_EQ(start_checkpoint(calls, 100), 0u);
    EXPECT_EQ(start_checkpoint(calls, 50000), 2u);  // a run shorter than its warm-up: the end
    EXPECT_EQ(start_checkpoint({}, 20000), 0u);
}

// A drained run with the embedded mock: its listener, 50 idle connections and their sessions.
SocketCensus drained_census() {
    SocketCensus census;
    census.sockets_before = 1;
    census.sockets_after = 101;
    census.pool_idle = 50;
    census.mock_connections_after = 50;
    return census;
}

TEST(SoakLeak, SocketsHeldByThePoolAndTheMockAreNoLeak) {
    EXPECT_EQ(leaked_connections(drained_census()), 0);
    SocketCensus external;  // an external server: the pool's sockets only
    external.sockets_before = 0;
    external.sockets_after = 24;
    external.pool_idle = 24;
    EXPECT_EQ(leaked_connections(external), 0);
}

TEST(SoakLeak, ASocketNobodyHoldsIsALeak) {
    SocketCensus census = drained_census();
    census.sockets_after += 3;
    EXPECT_EQ(leaked_connections(census), 3);
    // The mock's connections open before the client are not the client's.
    census.mock_connections_before = 2;
    census.sockets_before += 2;
    census.mock_connections_after += 2;
    census.sockets_after += 2;
    EXPECT_EQ(leaked_connections(census), 3);
}

// A soak that passed every check but for what a test changes.
SoakResult passing_soak() {
    SoakResult soak;
    soak.calls = 3000;
    soak.server_max_in_flight = 20;
    for (std::uint64_t calls : {120, 1080, 2040, 3000}) {
        SoakCheckpoint point;
        point.calls_done = calls;
        point.usage.open_fds = 60;
        point.usage.open_sockets = 51;
        point.usage.rss_bytes = 16 << 20;
        soak.checkpoints.push_back(point);
    }
    soak.census = drained_census();
    return soak;
}

TEST(SoakVerdict, PassesWhenEveryFigureHolds) {
    const auto verdict = judge_soak(passing_soak(), 20, true, 1000);
    EXPECT_EQ(verdict.start, 1u);
    EXPECT_TRUE(verdict.failures.empty()) << verdict.failures.front();
}

TEST(SoakVerdict, EachBrokenFigureIsAFailureThatSaysWhat) {
    SoakResult soak = passing_soak();
    soak.census.sockets_after += 1;
    soak.checkpoints.back().usage.open_fds += 41;         // allowance 40 at limit 20 ...
    soak.checkpoints.back().usage.open_sockets += 41;     // ... all sockets
    soak.checkpoints.back().usage.rss_bytes += 9u << 20;  // allowance 8 MiB
    soak.checkpoints.front().usage.open_fds = 1000;       // before the start: not judged
    soak.calls_lost = 2;
    soak.server_max_in_flight = 21;
    const auto verdict = judge_soak(soak, 20, true, 1000);
    ASSERT_EQ(verdict.failures.size(), 5u);
    EXPECT_EQ(verdict.failures[0], "2 calls lost");
    EXPECT_EQ(verdict.failures[1], "descriptors grew: 60 -> 101, allowed +40");
    EXPECT_EQ(verdict.failures[2], "memory grew: 16384 -> 25600 KiB, allowed +8192 KiB");
    EXPECT_EQ(verdict.failures[3],
              "1 leaked connections: 102 sockets open at the end against 1 before the client, 50 "
              "idle in the pool and 50 open in the embedded mock");
    EXPECT_EQ(verdict.failures[4], "the server saw 21 requests at once, over the limit of 20");
    EXPECT_EQ(verdict.leaked, 1);
}

TEST(SoakVerdict, DescriptorsThatAreNotSocketsHaveATightAllowance) {
    SoakResult soak = passing_soak();
    soak.checkpoints.back().usage.open_fds += 5;  // 5 more, none a socket: within +40 overall
    const auto verdict = judge_soak(soak, 20, true, 1000);
    ASSERT_EQ(verdict.failures.size(), 1u);
    EXPECT_EQ(verdict.failures[0], "descriptors other than sockets grew: 9 -> 14, allowed +4");
}

TEST(SoakVerdict, ACensusThatDoesNotAddUpOrCannotBeTakenFails) {
    SoakResult short_of_sockets = passing_soak();
    short_of_sockets.census.sockets_after -= 2;  // a count that would hide a leak of 2
    const auto negative = judge_soak(short_of_sockets, 20, true, 1000);
    ASSERT_EQ(negative.failures.size(), 1u);
    EXPECT_TRUE(negative.failures[0].starts_with("the socket count does not add up (-2)"))
        << negative.failures[0];

    SoakResult unreadable = passing_soak();
    unreadable.census.readable = false;
    const auto blind = judge_soak(unreadable, 20, true, 1000);
    ASSERT_EQ(blind.failures.size(), 1u);
    EXPECT_EQ(blind.failures[0], "/proc/self could not be read: nothing was measured");
}

TEST(SoakVerdict, TooFewCheckpointsAfterTheWarmUpFail) {
    const auto verdict = judge_soak(passing_soak(), 20, true, 3000);  // start is the last one
    ASSERT_EQ(verdict.failures.size(), 1u);
    EXPECT_EQ(verdict.failures[0],
              "no checkpoint after the start one: too few calls to judge (--calls must be at "
              "least twice --every)");
}

TEST(SoakFaultMix, NamesEachFaultWithItsRateInDrawOrder) {
    mock_llm::ChaosProfile chaos;
    EXPECT_EQ(describe_fault_mix(chaos), "none");
    chaos.rate("reset") = 0.02;
    chaos.rate("429") = 0.05;
    chaos.rate("hang") = 0.001;
    EXPECT_EQ(describe_fault_mix(chaos), "429 5%, hang 0.1%, reset 2%");
}

}  // namespace
}  // namespace bench
