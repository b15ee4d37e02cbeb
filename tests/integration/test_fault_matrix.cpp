// The fault matrix: for every fault kind the mock can inject and limits 1, 10 and 50, every
// call is accounted for (ok, or failed with its reason), nothing runs past the deadline bound
// (timeouts x attempts plus backoff), the server never sees more in flight than the limit (also
// while calls time out), and with a retry budget the retries never exceed it. Time-scaled: a
// call takes 2 ms, an attempt times out after 250 ms.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <functional>
#include <thread>

#include "mock_llm/server.hpp"
#include "phase_fixture.hpp"
#include "qa/flow/flow_set.hpp"
#include "run_bounded.hpp"

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
         p.chaos.rate("500") = 0.15;
         p.chaos.rate("503") = 0.15;
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

// The longest a run may take: every call at its worst (each attempt timing out, each backoff
// or Retry-After at its longest), one round of `limit` after another, plus a start-up margin.
std::chrono::microseconds deadline_bound(const Settings& s, int calls, int limit) {
    const auto per_call = RetryPolicy::from(s).worst_case_call(s.call_timeout);
    return per_call * ((calls + limit - 1) / limit) + std::chrono::microseconds(2s);
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

class FaultMatrix : public ::testing::TestWithParam<std::tuple<FaultCase, int>> {};

TEST_P(FaultMatrix, EveryCallAccountedWithinTheBoundAndTheLimit) {
    const auto& [fault, limit] = GetParam();
    mock_llm::ServerConfig config;
    config.profile.latency = mock_llm::LatencyModel::fixed(2ms);
    config.profile.retry_after = 5ms;
    config.profile.seed = 11;
    fault.inject(config.profile);
    auto server = mock_llm::Server::start(config);
    ASSERT_TRUE(server) << server.error();
    const std::string url = "http://127.0.0.1:" + std::to_string((*server)->port());

    const Settings settings = matrix_settings(limit);
    const auto tasks = numbered_tasks(kCalls, fault.name);
    const MatrixRun run = run_with_flow(url, settings, tasks);
    expect_every_call_accounted(run, tasks.size());
    EXPECT_LE(run.elapsed, deadline_bound(settings, kCalls, limit));
    const auto stats = mock_llm::testing::settled_stats(**server);
    EXPECT_LE(stats.max_in_flight, limit) << "the server saw more than the limit";
    EXPECT_LE(run.metrics.max_in_flight, limit);
    // The faults did happen: the server counted them.
    std::uint64_t faults = 0;
    for (const auto& [kind, count] : stats.by_fault)
        faults += count;
    EXPECT_GT(faults, 0u) << "no fault was injected: the case proves nothing";

    // The same faults under a retry budget of 10%: the retries never exceed it.
    (*server)->reset();
    Settings budgeted = settings;
    budgeted.retry_budget = 0.1;
    const MatrixRun capped = run_with_flow(url, budgeted, tasks);
    expect_every_call_accounted(capped, tasks.size());
    EXPECT_LE(capped.metrics.retries, capped.budget_allowed);
    EXPECT_LE((*server)->stats().max_in_flight, limit);
    (*server)->stop();
}

std::string case_name(const ::testing::TestParamInfo<std::tuple<FaultCase, int>>& info) {
    return std::string(std::get<0>(info.param).name) + "_limit_" +
           std::to_string(std::get<1>(info.param));
}

INSTANTIATE_TEST_SUITE_P(Faults, FaultMatrix,
                         ::testing::Combine(::testing::ValuesIn(kFaults),
                                            ::testing::Values(1, 10, 50)),
                         case_name);

// The server killed mid-run and started again on the same port: calls in flight fail or retry
// onto the new server; every one is accounted for, and neither server saw more than the limit.
TEST(FaultMatrixServer, KilledAndRestartedMidRun) {
    for (const int limit : {1, 10, 50}) {
        mock_llm::ServerConfig config;
        config.profile.latency = mock_llm::LatencyModel::fixed(20ms);
        auto first = mock_llm::Server::start(config);
        ASSERT_TRUE(first) << first.error();
        const std::uint16_t port = (*first)->port();
        const std::string url = "http://127.0.0.1:" + std::to_string(port);

        std::unique_ptr<mock_llm::Server> second;
        std::int64_t first_max = 0;
        std::thread chaos([&] {
            std::this_thread::sleep_for(60ms);
            first_max = (*first)->stats().max_in_flight;
            (*first)->stop();
            std::this_thread::sleep_for(30ms);
            config.port = port;
            auto restarted = mock_llm::Server::start(config);
            if (restarted)
                second = std::move(*restarted);
        });
        Settings settings = matrix_settings(limit);
        settings.backoff_cap = 50ms;  // long enough for a retry to find the new server
        const auto tasks = numbered_tasks(kCalls, "restart");
        const MatrixRun run = run_with_flow(url, settings, tasks);
        chaos.join();
        expect_every_call_accounted(run, tasks.size());
        EXPECT_LE(run.elapsed, deadline_bound(settings, kCalls, limit));
        EXPECT_LE(first_max, limit);
        ASSERT_TRUE(second) << "the server could not be restarted on port " << port;
        EXPECT_LE(second->stats().max_in_flight, limit);
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
        EXPECT_LE(run.elapsed, deadline_bound(settings, kCalls, limit));
    }
}

}  // namespace
}  // namespace qa::test
