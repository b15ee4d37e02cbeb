// The fault matrix: for every fault kind the mock can inject and limits 1, 10 and 50, every
// call is accounted for (ok, or failed with its reason), no call runs past the deadline bound
// (timeouts x attempts plus backoff), the server never sees more in flight than the limit (also
// while calls time out), every request the server read is an attempt the client counted, no
// call tries more often than its retry allowances permit, and with a retry budget the retries
// never exceed it, counted on both sides. Time-scaled: a call
// takes 2 ms, an attempt times out after 250 ms. Each case prints one "[matrix]" line: calls,
// outcomes, attempts, the faults the server injected, and calls lost (always 0).
#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <cstdio>
#include <functional>
#include <thread>

#include "mock_llm/server.hpp"
#include "phase_fixture.hpp"
#include "qa/flow/flow_set.hpp"
#include "run_bounded.hpp"
#include "timing_slack.hpp"

namespace qa::test {
namespace {

using namespace std::chrono_literals;

constexpr int kCalls = 60;

struct FaultCase {
    const char* name;
    std::function<void(mock_llm::Profile&)> inject;
};

const FaultCase kFaults[] = {
    {"429_storm_50pct", [](mock_llm::Profile& p) { p.chaos.rate("429") = 0.5; }},
    {"500_503_30pct",
     [](mock_llm::Profile& p) {
         // The mock draws 500 first, then 503 among the rest: 0.15 + 0.85 x (0.15 / 0.85) = 0.30.
         p.chaos.rate("500") = 0.15;
         p.chaos.rate("503") = 0.15 / 0.85;
     }},
    {"hang_5pct", [](mock_llm::Profile& p) { p.chaos.rate("hang") = 0.05; }},
    {"reset_10pct", [](mock_llm::Profile& p) { p.chaos.rate("reset") = 0.10; }},
    {"malformed_json_10pct", [](mock_llm::Profile& p) { p.chaos.rate("malformed_json") = 0.10; }},
    {"truncated_10pct", [](mock_llm::Profile& p) { p.chaos.rate("truncated") = 0.10; }},
    {"empty_200_10pct", [](mock_llm::Profile& p) { p.chaos.rate("empty") = 0.10; }},
    {"slow_drip_10pct",
     [](mock_llm::Profile& p) {
         p.chaos.rate("slow_drip") = 0.10;
         p.chaos.drip = mock_llm::DripPace{64, 5ms};
     }},
    {"everything_at_once",
     [](mock_llm::Profile& p) {
         for (const auto& fault : mock_llm::kChaosFaults) {
             if (fault.key != "stream_error")
                 p.chaos.rate(fault.key) = 0.03;
         }
     }},
};

Settings matrix_settings(int limit) {
    Settings s = fast_settings(limit);
    s.call_timeout = 250ms;
    s.max_retries = 3;
    s.backoff_base = 1ms;
    s.backoff_cap = 10ms;
    s.retry_after_limit = 20ms;
    return s;
}

// The longest one call may take, counted from its first attempt: every attempt timing out, every
// backoff or Retry-After at its longest, plus scheduling slack.
std::chrono::microseconds call_bound(const Settings& s) {
    return RetryPolicy::from(s).worst_case_call(s.call_timeout) +
           std::chrono::microseconds(
               static_cast<std::int64_t>(1e6 * qa::testing::kTimingSlack));  // 1 s
}

// The longest a run may take: one round of `limit` calls at their worst after another.
std::chrono::microseconds run_bound(const Settings& s, int calls, int limit) {
    return call_bound(s) * ((calls + limit - 1) / limit);
}

struct MatrixRun {
    std::optional<ParallelCallsResult> result;
    CallMetrics metrics;
    std::uint64_t budget_allowed = 0;
    std::chrono::microseconds elapsed{0};
};

// The production phase with its flow controls (the retry budget among them).
MatrixRun run_with_flow(const std::string& base_url, Settings settings,
                        const std::vector<LlmTask>& tasks) {
    settings.base_url = base_url;
    MatrixRun run;
    net::io_context ioc;
    auto client = make_http_llm_client(ioc.get_executor(), settings);
    EXPECT_TRUE(client);
    if (!client)
        return run;
    AsyncSemaphore limiter(static_cast<std::size_t>(settings.max_concurrent_calls));
    FlowSet flow(settings, limiter);
    LlmCallRunner runner(**client, limiter, CallPolicy::from(settings), run.metrics, 1,
                         flow.controls());
    const auto started = std::chrono::steady_clock::now();
    run.result = run_bounded(ioc, run_parallel_calls(runner, tasks, Logger()), 120s);
    run.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - started);
    if (flow.retry_budget())
        run.budget_allowed = flow.retry_budget()->allowed();
    return run;
}

void expect_every_call_accounted(const MatrixRun& run, std::size_t calls) {
    ASSERT_TRUE(run.result) << "the run did not finish";
    EXPECT_EQ(run.result->successful + run.result->failed, calls);
    ASSERT_EQ(run.result->outcomes.size(), calls);
    for (const auto& outcome : run.result->outcomes) {
        if (!outcome.result) {
            EXPECT_FALSE(outcome.result.error().describe().empty()) << "a failure without reason";
        }
    }
}

// Every call within its own bound, and the run within the bound of its rounds.
void expect_within_the_deadline_bound(const MatrixRun& run, const Settings& settings, int calls) {
    EXPECT_LE(run.metrics.service_time.max(), call_bound(settings)) << "a call ran past its bound";
    EXPECT_LE(run.elapsed, run_bound(settings, calls, settings.max_concurrent_calls));
}

// The client counted every request the server read: a request it lost track of (sent twice,
// say) would show as the server reading more. Where every attempt reaches the server (it is up
// all along), the two counts are equal: an attempt counted but never sent shows too.
enum class EveryAttemptReachesTheServer { yes, no };
void expect_requests_counted(const MatrixRun& run, std::uint64_t server_requests,
                             EveryAttemptReachesTheServer reach) {
    if (reach == EveryAttemptReachesTheServer::yes)
        EXPECT_EQ(server_requests, run.metrics.attempts) << "client and server counts differ";
    else
        EXPECT_LE(server_requests, run.metrics.attempts) << "the server read an uncounted request";
}

// No call tried more often than its two retry allowances permit (429s, and everything else).
void expect_attempts_within_the_allowances(const MatrixRun& run, const Settings& settings) {
    if (!run.result)
        return;
    const auto most =
        static_cast<std::size_t>(1 + settings.max_retries + settings.max_rate_limit_retries);
    for (const auto& outcome : run.result->outcomes)
        EXPECT_LE(outcome.record.attempts.size(), most);
}

std::uint64_t faults_injected(const mock_llm::Stats& stats) {
    std::uint64_t faults = 0;
    for (const auto& [kind, count] : stats.by_fault)
        faults += count;
    return faults;
}

// `faults`: what the calls went through, e.g. "faults injected 23" (the server's count).
void print_case(const std::string& name, const MatrixRun& run, std::size_t calls,
                const std::string& faults) {
    const std::size_t accounted = run.result ? run.result->outcomes.size() : 0;
    std::printf(
        "[matrix] %s: calls %zu, ok %zu, failed %zu, attempts %llu, retries %llu, "
        "%s, lost %zu\n",
        name.c_str(), calls, run.result ? run.result->successful : 0,
        run.result ? run.result->failed : 0, static_cast<unsigned long long>(run.metrics.attempts),
        static_cast<unsigned long long>(run.metrics.retries), faults.c_str(), calls - accounted);
}

class FaultMatrix : public ::testing::TestWithParam<std::tuple<FaultCase, int, HttpVersion>> {};

TEST_P(FaultMatrix, EveryCallAccountedWithinTheBoundAndTheLimit) {
    const auto& [fault, limit, http] = GetParam();
    mock_llm::ServerConfig config;
    config.profile.latency = mock_llm::LatencyModel::fixed(2ms);
    config.profile.retry_after = 5ms;
    config.profile.seed = 11;
    fault.inject(config.profile);
    auto server = mock_llm::Server::start(config);
    ASSERT_TRUE(server) << server.error();
    const std::string url = "http://127.0.0.1:" + std::to_string((*server)->port());
    const std::string name = std::string(fault.name) + " limit " + std::to_string(limit) +
                             " HTTP/" + std::string(to_string(http));

    Settings settings = matrix_settings(limit);
    settings.http_version = http;
    const auto tasks = numbered_tasks(kCalls, fault.name);
    const MatrixRun run = run_with_flow(url, settings, tasks);
    expect_every_call_accounted(run, tasks.size());
    expect_within_the_deadline_bound(run, settings, kCalls);
    const auto stats = mock_llm::testing::settled_stats(**server);
    EXPECT_LE(stats.max_in_flight, limit) << "the server saw more than the limit";
    EXPECT_LE(run.metrics.max_in_flight, limit);
    expect_requests_counted(run, stats.requests_total, EveryAttemptReachesTheServer::yes);
    expect_attempts_within_the_allowances(run, settings);
    const auto faults = faults_injected(stats);
    EXPECT_GT(faults, 0u) << "no fault was injected: the case proves nothing";
    print_case(name, run, tasks.size(), "faults injected " + std::to_string(faults));

    // The same faults under a retry budget of 10%: the retries never exceed it, and the server
    // read no more than the calls plus the retries the budget allowed.
    (*server)->reset();
    Settings budgeted = settings;
    budgeted.retry_budget = 0.1;
    const MatrixRun capped = run_with_flow(url, budgeted, tasks);
    expect_every_call_accounted(capped, tasks.size());
    expect_within_the_deadline_bound(capped, budgeted, kCalls);
    EXPECT_LE(capped.metrics.retries, capped.budget_allowed);
    const auto capped_stats = mock_llm::testing::settled_stats(**server);
    EXPECT_LE(capped_stats.max_in_flight, limit);
    expect_requests_counted(capped, capped_stats.requests_total, EveryAttemptReachesTheServer::yes);
    expect_attempts_within_the_allowances(capped, budgeted);
    EXPECT_LE(capped_stats.requests_total, tasks.size() + capped.budget_allowed);
    print_case(name + " budget 10%", capped, tasks.size(),
               "faults injected " + std::to_string(faults_injected(capped_stats)));
    (*server)->stop();
}

std::string case_name(
    const ::testing::TestParamInfo<std::tuple<FaultCase, int, HttpVersion>>& info) {
    return std::string(std::get<0>(info.param).name) + "_limit_" +
           std::to_string(std::get<1>(info.param)) +
           (std::get<2>(info.param) == HttpVersion::http2 ? "_http2" : "_http1");
}

// Over HTTP/2 the faults land on streams of shared connections: a hang's timeout resets its
// stream only, a reset or truncation is the stream's, and the server's count of requests in
// flight drops as the client gives up on one.
INSTANTIATE_TEST_SUITE_P(
    Faults, FaultMatrix,
    ::testing::Combine(::testing::ValuesIn(kFaults), ::testing::Values(1, 10, 50),
                       ::testing::Values(HttpVersion::http1_1, HttpVersion::http2)),
    case_name);

// The server killed mid-run, once it has read a third of the calls, and started again on the
// same port at once: calls in flight fail or retry onto the new server. Every call is accounted
// for, neither server saw more than the limit, the kill fell inside the run (calls were still
// to come) and the new server answered some of them.
TEST(FaultMatrixServer, KilledAndRestartedMidRun) {
    for (const auto http : {HttpVersion::http1_1, HttpVersion::http2})
        for (const int limit : {1, 10, 50}) {
            mock_llm::ServerConfig config;
            // Long enough that the run outlasts the kill even when the killing thread is scheduled
            // late (ctest runs two suites at once; sanitizers are slow): at limit 50, two rounds.
            config.profile.latency = mock_llm::LatencyModel::fixed(limit == 1 ? 20ms : 60ms);
            auto first = mock_llm::Server::start(config);
            ASSERT_TRUE(first) << first.error();
            const std::uint16_t port = (*first)->port();
            const std::string url = "http://127.0.0.1:" + std::to_string(port);

            std::unique_ptr<mock_llm::Server> second;
            mock_llm::Stats first_stats;
            std::atomic<bool> run_done{false};
            bool killed_during_run = false;
            std::thread chaos([&] {
                const auto give_up = std::chrono::steady_clock::now() + 30s;
                while ((*first)->stats().requests_total < kCalls / 3 && !run_done &&
                       std::chrono::steady_clock::now() < give_up) {
                    std::this_thread::sleep_for(1ms);
                }
                killed_during_run = !run_done;
                (*first)->stop();
                first_stats = (*first)->stats();
                config.port = port;
                auto restarted = mock_llm::Server::start(config);
                if (restarted)
                    second = std::move(*restarted);
            });
            Settings settings = matrix_settings(limit);
            settings.http_version = http;
            // Retries spread over the restart, even for calls whose jittered sleeps come out short.
            settings.backoff_base = 20ms;
            settings.backoff_cap = 200ms;
            const auto tasks = numbered_tasks(kCalls, "restart");
            const MatrixRun run = run_with_flow(url, settings, tasks);
            run_done = true;
            chaos.join();
            expect_every_call_accounted(run, tasks.size());
            expect_within_the_deadline_bound(run, settings, kCalls);
            EXPECT_TRUE(killed_during_run)
                << "limit " << limit << ": the run ended before the kill";
            EXPECT_LE(first_stats.max_in_flight, limit);
            ASSERT_TRUE(second) << "the server could not be restarted on port " << port;
            const auto second_stats = mock_llm::testing::settled_stats(*second);
            EXPECT_GT(second_stats.requests_total, 0u)
                << "limit " << limit << ": no call reached the restarted server";
            EXPECT_LE(second_stats.max_in_flight, limit);
            expect_requests_counted(run, first_stats.requests_total + second_stats.requests_total,
                                    EveryAttemptReachesTheServer::no);
            expect_attempts_within_the_allowances(run, settings);
            print_case("killed and restarted limit " + std::to_string(limit) + " HTTP/" +
                           std::string(to_string(http)),
                       run, tasks.size(),
                       "server killed after " + std::to_string(first_stats.requests_total) +
                           " requests and restarted");
            second->stop();
        }
}

// No server at all: every call fails with its reason, quickly, none is lost.
TEST(FaultMatrixServer, NoServerAtAll) {
    std::uint16_t port = 0;
    {
        // A port that was free a moment ago and has no listener now.
        auto probe = mock_llm::Server::start(mock_llm::ServerConfig{});
        ASSERT_TRUE(probe);
        port = (*probe)->port();
        (*probe)->stop();
    }
    for (const int limit : {1, 10, 50}) {
        const Settings settings = matrix_settings(limit);
        const auto tasks = numbered_tasks(kCalls, "nobody");
        const MatrixRun run =
            run_with_flow("http://127.0.0.1:" + std::to_string(port), settings, tasks);
        expect_every_call_accounted(run, tasks.size());
        EXPECT_EQ(run.result->failed, tasks.size());
        expect_within_the_deadline_bound(run, settings, kCalls);
        expect_attempts_within_the_allowances(run, settings);
        print_case("no server limit " + std::to_string(limit), run, tasks.size(),
                   "every connection refused");
    }
}

}  // namespace
}  // namespace qa::test
