// The same analysis whatever the limit, and simultaneous analyses that each get everything.
#include <set>

#include "phase_fixture.hpp"
#include "qa/async/gather.hpp"

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
net::awaitable<std::vector<ParallelCallsResult>> three_at_once(
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

}  // namespace
}  // namespace qa::test
