// Phase 2 without a server: one batch of every candidate through run_parallel_calls, answers
// parsed; an unusable answer or a failed call makes a failed function with its reason.
#include <algorithm>

#include <gtest/gtest.h>

#include "qa/analysis/llm_phase.hpp"
#include "qa/analysis/response_builder.hpp"
#include "run_bounded.hpp"
#include "scripted_llm_client.hpp"

namespace qa {
namespace {

std::vector<LlmCandidate> candidates(int count) {
    std::vector<LlmCandidate> out;
    for (int i = 0; i < count; ++i)
        out.push_back({"tests/test_x.py", "test_" + std::to_string(i), 10, 10, 20,
                       "prompt " + std::to_string(i)});
    return out;
}

struct Rig {
    explicit Rig(std::deque<test::ScriptedStep> script = {})
        : client(std::move(script)), limiter(4) {
        CallPolicy policy;
        policy.retry.max_retries = 0;
        runner.emplace(client, limiter, policy, metrics);
    }
    net::io_context ioc;
    test::ScriptedLlmClient client;
    AsyncSemaphore limiter;
    CallMetrics metrics;
    std::optional<LlmCallRunner> runner;
};

TEST(LlmPhase, RequestsCarryTheSystemAndUserPrompts) {
    const auto candidate = candidates(1)[0];
    const ChatRequest request = make_chat_request(candidate);
    ASSERT_EQ(request.messages.size(), 2u);
    EXPECT_EQ(request.messages[0].role, "system");
    EXPECT_EQ(request.messages[0].content, analysis_system_prompt());
    EXPECT_EQ(request.messages[1].role, "user");
    EXPECT_EQ(request.messages[1].content, "prompt 0");
    EXPECT_TRUE(request.json_mode);
}

TEST(LlmPhase, UnusableAnswersAndFailedCallsBecomeFailedFunctions) {
    // The scripted client echoes the prompt (not JSON); the second call fails outright.
    Rig rig({{}, {std::chrono::milliseconds(0), test::http_error(500), 500}});
    const auto batch = candidates(3);
    const auto sink = std::make_shared<MemorySink>();
    const auto result = test::run_bounded(
        rig.ioc, run_llm_phase(*rig.runner, rig.metrics, batch, Logger(sink, LogLevel::info)),
        std::chrono::seconds(10));
    ASSERT_TRUE(result);
    ASSERT_EQ(result->answers.size(), 3u);
    for (const auto& answer : result->answers)
        EXPECT_FALSE(answer);
    EXPECT_EQ(result->answers[0].error(), "answer is not JSON: echo:prompt 0");
    EXPECT_EQ(result->answers[1].error(), "http 500: scripted 500");
    EXPECT_EQ(result->calls.ok, 2u);
    EXPECT_EQ(result->calls.failed, 1u);
    EXPECT_EQ(result->calls.attempts, 3u);

    const auto response = build_response(StrategyKind::hybrid, {}, batch, &*result);
    EXPECT_EQ(response.failed_functions.size(), 3u);
    EXPECT_TRUE(response.issues.empty());
    const auto lines = sink->lines();
    ASSERT_FALSE(lines.empty());
    EXPECT_NE(lines.front().find("Starting parallel LLM analysis: tasks=3, max_concurrent=4"),
              std::string::npos);
    // Two answers came back but neither is usable: the log line counts the tasks, and names
    // each failed one, as the original's did when it could not parse an answer.
    EXPECT_NE(lines.back().find("Parallel LLM analysis completed: successful=0, failed=3"),
              std::string::npos)
        << lines.back();
    EXPECT_EQ(std::count_if(lines.begin(), lines.end(),
                            [](const std::string& line) {
                                return line.find("LLM analysis failed for function") !=
                                       std::string::npos;
                            }),
              3);
    EXPECT_NE(lines[1].find("unusable answer: answer is not JSON: echo:prompt 0"),
              std::string::npos)
        << lines[1];
}

TEST(LlmPhase, NoCandidatesNoCalls) {
    Rig rig;
    const std::vector<LlmCandidate> none;
    const auto result = test::run_bounded(
        rig.ioc, run_llm_phase(*rig.runner, rig.metrics, none, Logger()), std::chrono::seconds(5));
    ASSERT_TRUE(result);
    EXPECT_TRUE(result->answers.empty());
    EXPECT_EQ(rig.client.attempts(), 0);
}

}  // namespace
}  // namespace qa
