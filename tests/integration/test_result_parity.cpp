// The same analysis whatever the limit, and simultaneous analyses that each get everything.
#include <set>

#include "phase_fixture.hpp"
#include "qa/async/gather.hpp"
#include "qa/flow/limit_scope.hpp"

namespace qa::test {
namespace {

using namespace std::chrono_literals;

std::vector<std::string> contents(const ParallelCallsResult& result) {
    std::vector<std::string> out;
    for (const auto& outcome : result.outcomes) {
        out.push_back(outcome.result ? outcome.result->content : "<failed>");
    }
    return out;
}

TEST_F(MockBackedTest, SequentialAndParallelRunsGiveIdenticalResults) {
    mock_llm::ServerConfig config;
    config.profile.latency = mock_llm::LatencyModel::fixed(2ms);
    start_mock(config);
    const auto tasks = numbered_tasks(40);
    const auto sequential = run_phase(tasks, fast_settings(1));
    const auto parallel = run_phase(tasks, fast_settings(10));
    const auto wide = run_phase(tasks, fast_settings(50));
    ASSERT_TRUE(sequential && parallel && wide);
    EXPECT_EQ(sequential->successful, 40u);
    EXPECT_EQ(contents(*sequential), contents(*parallel));
    EXPECT_EQ(contents(*sequential), contents(*wide));
    // Different functions get different answers, so equality above is not vacuous.
    const auto answers = contents(*sequential);
    EXPECT_GT(std::set<std::string>(answers.begin(), answers.end()).size(), 1u);
}

// Three analyses at once share one process-wide limiter (the service case).
qa::awaitable<std::vector<ParallelCallsResult>> three_at_once(
    LlmCallRunner& runner, const std::vector<std::vector<LlmTask>>& batches) {
    std::vector<Task<ParallelCallsResult>> analyses;
    for (const auto& batch : batches) {
        analyses.emplace_back(
            [&runner, &batch] { return run_parallel_calls(runner, batch, Logger()); });
    }
    auto outcomes = co_await gather(std::move(analyses));
    std::vector<ParallelCallsResult> results;
    for (auto& outcome : outcomes)
        results.push_back(std::move(*outcome));
    co_return results;
}

TEST_F(MockBackedTest, SimultaneousAnalysesEachGetCompleteResults) {
    mock_llm::ServerConfig config;
    config.profile.latency = mock_llm::LatencyModel::fixed(10ms);
    start_mock(config);
    const std::vector<std::vector<LlmTask>> batches = {
        numbered_tasks(25, "a"), numbered_tasks(30, "b"), numbered_tasks(35, "c")};

    Settings settings = fast_settings(10);
    std::vector<std::vector<std::string>> alone;
    for (const auto& batch : batches) {
        const auto result = run_phase(batch, settings);
        ASSERT_TRUE(result);
        alone.push_back(contents(*result));
    }
    server_->reset();

    settings.base_url = base_url();
    auto rig = RunnerRig::make(settings);  // one limit of 10 shared by all three
    ASSERT_TRUE(rig);
    const auto together = run_bounded(rig->ioc, three_at_once(*rig->runner, batches), 30s);
    ASSERT_TRUE(together);
    ASSERT_EQ(together->size(), 3u);
    for (std::size_t i = 0; i < batches.size(); ++i) {
        EXPECT_EQ((*together)[i].outcomes.size(), batches[i].size());
        EXPECT_EQ((*together)[i].failed, 0u);
        EXPECT_EQ(contents((*together)[i]), alone[i]) << "analysis " << i;
    }
    EXPECT_EQ(server_->stats().max_in_flight, 10) << "one limit for the whole process";
}

// Two analyses at once, each with the limit LimitScope gives it: the server's max in flight
// is one limit when the scope is shared, two when each analysis has its own.
int max_in_flight_of_two_analyses(mock_llm::Server& server, const std::string& base_url,
                                  LimiterScope scope) {
    Settings settings = fast_settings(5);
    settings.base_url = base_url;
    settings.limiter_scope = scope;
    net::io_context ioc;
    auto client = make_http_llm_client(ioc.get_executor(), settings);
    EXPECT_TRUE(client);
    if (!client)
        return -1;
    LimitScope limits(settings);
    CallMetrics metrics;
    const auto first = limits.for_analysis();
    const auto second = limits.for_analysis();
    EXPECT_EQ(first == second, scope == LimiterScope::shared);
    LlmCallRunner runner_a(**client, first->limiter, CallPolicy::from(settings), metrics, 1,
                           first->flow.controls());
    LlmCallRunner runner_b(**client, second->limiter, CallPolicy::from(settings), metrics, 2,
                           second->flow.controls());
    const auto a = numbered_tasks(20, "a");
    const auto b = numbered_tasks(20, "b");
    server.reset();
    const auto both = run_bounded(
        ioc,
        [&]() -> qa::awaitable<std::size_t> {
            std::vector<Task<ParallelCallsResult>> analyses;
            analyses.emplace_back([&] { return run_parallel_calls(runner_a, a, Logger()); });
            analyses.emplace_back([&] { return run_parallel_calls(runner_b, b, Logger()); });
            auto outcomes = co_await gather(std::move(analyses));
            co_return (*outcomes[0]).successful + (*outcomes[1]).successful;
        }(),
        30s);
    EXPECT_EQ(both, std::optional<std::size_t>(40u));
    return static_cast<int>(server.stats().max_in_flight);
}

TEST_F(MockBackedTest, LimiterScopeSharesOneLimitOrGivesEachAnalysisItsOwn) {
    mock_llm::ServerConfig config;
    config.profile.latency = mock_llm::LatencyModel::fixed(20ms);
    start_mock(config);
    EXPECT_EQ(max_in_flight_of_two_analyses(*server_, base_url(), LimiterScope::shared), 5);
    EXPECT_EQ(max_in_flight_of_two_analyses(*server_, base_url(), LimiterScope::per_analysis), 10);
}

}  // namespace
}  // namespace qa::test
