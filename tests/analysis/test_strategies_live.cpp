// The strategies against the real mock server in process: Hybrid sends exactly the uncertain
// functions, RuleOnly none, LlmOnly all; sequential and parallel analyses give byte-identical
// JSON (with and without injected 429s); failed calls become failed functions.
#include <gtest/gtest.h>

#include <set>

#include "mock_llm/server.hpp"
#include "qa/analysis/llm_phase.hpp"
#include "qa/analysis/quality_analysis.hpp"
#include "qa/analysis/response_builder.hpp"
#include "qa/analysis/response_json.hpp"
#include "qa/llm/client_factory.hpp"
#include "run_bounded.hpp"
#include "sample_tests.hpp"
#include "temp_tree.hpp"

namespace qa {
namespace {

using testing::TempTree;

// Passes each attempt on to the real client and keeps the user prompt it carried.
class RecordingClient final : public LlmClient {
  public:
    explicit RecordingClient(LlmClient& inner) : inner_(inner) {}
    qa::awaitable<AttemptResult> attempt(const ChatRequest& request,
                                         SteadyClock::time_point deadline) override {
        prompts.push_back(request.messages.back().content);
        co_return co_await inner_.attempt(request, deadline);
    }
    std::vector<std::string> prompts;

  private:
    LlmClient& inner_;
};

// "Test: NAME (" in a user prompt.
std::string tested_function(const std::string& prompt) {
    const auto begin = prompt.find("Test: ") + 6;
    return prompt.substr(begin, prompt.find(" (", begin) - begin);
}

class StrategiesLive : public ::testing::Test {
  protected:
    void SetUp() override { start_mock({}); }
    void start_mock(mock_llm::ServerConfig config) {
        if (server_)
            server_->stop();
        config.profile.retry_after = std::chrono::milliseconds(1);
        auto server = mock_llm::Server::start(std::move(config));
        ASSERT_TRUE(server) << server.error();
        server_ = std::move(*server);
    }
    void TearDown() override {
        if (server_)
            server_->stop();
    }

    Settings settings(int limit) const {
        Settings s;
        s.base_url = "http://" + server_->host() + ":" + std::to_string(server_->port());
        s.max_concurrent_calls = limit;
        s.call_timeout = std::chrono::seconds(5);
        s.max_retries = 3;
        s.backoff_base = std::chrono::milliseconds(1);
        s.backoff_cap = std::chrono::milliseconds(5);
        s.retry_after_limit = std::chrono::milliseconds(50);
        return s;
    }

    DiscoveredFiles sample_input() {
        DiscoveredFiles input;
        input.files = {tree_.write("tests/test_mixed.py", testing::kMixedModule),
                       tree_.write("tests/test_cart.py", testing::kUnittestModule),
                       tree_.write("tests/test_clean.py", testing::kCleanModule)};
        return input;
    }

    QualityAnalysisResponse analyze(StrategyKind strategy, int limit) {
        AnalysisOptions options;
        options.strategy = strategy;
        auto response = analyze_test_files(sample_input(), options, settings(limit), Logger());
        EXPECT_TRUE(response) << response.error().message;
        return response ? std::move(*response) : QualityAnalysisResponse{};
    }

    // The same analysis from in-memory sources with fixed paths: the prompts, and so the mock's
    // seeded faults, are the same in every run (a temp dir's name would change them).
    QualityAnalysisResponse analyze_fixed_sources(StrategyKind strategy, int limit) {
        AnalysisOptions options;
        options.strategy = strategy;
        RuleEngine engine(options.rules);
        RulePhaseResult phase1;
        for (const auto& [path, source] :
             {std::pair{"tests/test_mixed.py", testing::kMixedModule},
              std::pair{"tests/test_cart.py", testing::kUnittestModule},
              std::pair{"tests/test_clean.py", testing::kCleanModule}}) {
            phase1.files.push_back(
                analyze_parsed_file(parse_python_source(source, path), engine, options));
        }
        const auto candidates = take_candidates(phase1);
        auto phase2 = run_llm_phase_blocking(settings(limit), candidates, Logger());
        EXPECT_TRUE(phase2) << phase2.error().message;
        if (!phase2)
            return {};
        return build_response(strategy, phase1, candidates, &*phase2);
    }

    TempTree tree_;
    std::unique_ptr<mock_llm::Server> server_;
};

TEST_F(StrategiesLive, HybridSendsExactlyTheUncertainFunctions) {
    AnalysisOptions options;
    options.strategy = StrategyKind::hybrid;
    const auto input = sample_input();
    auto phase1 = run_rule_phase(input.files, options);
    std::set<std::string> uncertain;
    for (const FileReport& file : phase1.files) {
        for (const UncertainFunction& function : file.uncertain)
            uncertain.insert(function.function);
    }
    EXPECT_EQ(uncertain,
              (std::set<std::string>{"test_branches", "test_reads_file", "TestCart::test_loop"}));
    const auto candidates = take_candidates(phase1);

    net::io_context ioc;
    const Settings s = settings(10);
    auto http = make_http_llm_client(ioc.get_executor(), s);
    ASSERT_TRUE(http) << http.error().message();
    RecordingClient recording(**http);
    AsyncSemaphore limiter(10);
    CallMetrics metrics;
    LlmCallRunner runner(recording, limiter, CallPolicy::from(s), metrics);
    const auto result = test::run_bounded(ioc, run_llm_phase(runner, metrics, candidates, Logger()),
                                          std::chrono::seconds(20));
    ASSERT_TRUE(result);
    std::set<std::string> sent;
    for (const auto& prompt : recording.prompts)
        sent.insert(tested_function(prompt));
    EXPECT_EQ(sent, uncertain);
    EXPECT_EQ(recording.prompts.size(), 3u);
    EXPECT_EQ(server_->stats().requests_total, 3u);
    for (const auto& answer : result->answers)
        EXPECT_TRUE(answer) << answer.error();
}

TEST_F(StrategiesLive, HybridResponseCountsAndSources) {
    const auto response = analyze(StrategyKind::hybrid, 10);
    EXPECT_EQ(response.files_analysed, 3u);
    EXPECT_EQ(response.test_functions, 9u);
    EXPECT_EQ(response.uncertain_functions, 3u);
    EXPECT_EQ(response.llm_functions, 3u);
    EXPECT_EQ(response.llm_calls.ok, 3u);
    EXPECT_EQ(response.llm_calls.by_status.at(200), 3u);
    EXPECT_TRUE(response.failed_functions.empty());
    EXPECT_EQ(server_->stats().requests_total, 3u);
    std::size_t from_rules = 0;
    for (const auto& issue : response.issues)
        from_rules += issue.source == IssueSource::rule ? 1 : 0;
    EXPECT_EQ(from_rules, 2u);  // no-assertion, suboptimal-assert
}

TEST_F(StrategiesLive, RuleOnlySendsNothing) {
    const auto response = analyze(StrategyKind::rule_only, 10);
    EXPECT_EQ(response.uncertain_functions, 3u);
    EXPECT_EQ(response.llm_functions, 0u);
    EXPECT_EQ(response.issues.size(), 2u);
    EXPECT_EQ(server_->stats().requests_total, 0u);
}

TEST_F(StrategiesLive, LlmOnlySendsEveryTest) {
    const auto response = analyze(StrategyKind::llm_only, 10);
    EXPECT_EQ(response.llm_functions, 9u);
    EXPECT_EQ(response.llm_calls.ok, 9u);
    EXPECT_EQ(server_->stats().requests_total, 9u);
    for (const auto& issue : response.issues)
        EXPECT_EQ(issue.source, IssueSource::llm);
}

TEST_F(StrategiesLive, SequentialAndParallelGiveIdenticalJson) {
    const std::string sequential = to_json(analyze(StrategyKind::llm_only, 1), {false});
    server_->reset();
    const std::string parallel = to_json(analyze(StrategyKind::llm_only, 10), {false});
    EXPECT_EQ(sequential, parallel);
    EXPECT_NE(sequential.find("\"source\": \"llm\""), std::string::npos);
}

TEST_F(StrategiesLive, SequentialAndParallelAgreeThrough429s) {
    mock_llm::ServerConfig config;
    config.profile.chaos.rate("429") = 0.3;
    config.profile.seed = 7;
    start_mock(config);
    const auto sequential = analyze_fixed_sources(StrategyKind::llm_only, 1);
    server_->reset();
    const auto parallel = analyze_fixed_sources(StrategyKind::llm_only, 10);
    EXPECT_GT(sequential.llm_calls.retried, 0u);
    EXPECT_EQ(sequential.llm_calls.ok, 9u);
    EXPECT_EQ(to_json(sequential, {false}), to_json(parallel, {false}));
}

TEST_F(StrategiesLive, FailedCallsAreFailedFunctionsWithTheirReason) {
    mock_llm::ServerConfig config;
    config.profile.chaos.rate("500") = 1.0;
    start_mock(config);
    AnalysisOptions options;
    Settings s = settings(4);
    s.max_retries = 0;
    const auto response = analyze_test_files(sample_input(), options, s, Logger());
    ASSERT_TRUE(response) << response.error().message;
    ASSERT_EQ(response->failed_functions.size(), 3u);
    for (const auto& failed : response->failed_functions)
        EXPECT_TRUE(failed.reason.starts_with("http 500")) << failed.reason;
    EXPECT_EQ(response->llm_calls.failed, 3u);
    EXPECT_EQ(response->llm_calls.by_status.at(500), 3u);
    EXPECT_EQ(response->issues.size(), 2u);  // the rules' still stand
}

TEST_F(StrategiesLive, AnUnusableBaseUrlIsAConfigurationError) {
    AnalysisOptions options;
    Settings s = settings(4);
    s.base_url = "ftp://api.example.com";
    const auto response = analyze_test_files(sample_input(), options, s, Logger());
    ASSERT_FALSE(response);
    EXPECT_EQ(response.error().kind, LlmPhaseError::Kind::configuration);
    EXPECT_NE(response.error().message.find("LLM_BASE_URL"), std::string::npos);
}

}  // namespace
}  // namespace qa
