#pragma once
// Runs the production LLM phase against a real in-process mock over loopback and reads what the
// server saw. One mock per fixture (port 0); every run bounded so nothing can hang.

#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>
#include <memory>

#include "mock_llm/server.hpp"
#include "qa/llm/call_runner.hpp"
#include "qa/llm/client_factory.hpp"
#include "qa/llm/parallel_calls.hpp"
#include "run_bounded.hpp"
#include "settled_stats.hpp"

namespace qa::test {

inline std::vector<LlmTask> numbered_tasks(int count, const std::string& prefix = "task") {
    std::vector<LlmTask> tasks;
    for (int i = 0; i < count; ++i) {
        LlmTask task;
        task.name = prefix + "-" + std::to_string(i);
        task.request.messages = {{"system", "review"},
                                 {"user", prefix + " function number " + std::to_string(i)}};
        tasks.push_back(std::move(task));
    }
    return tasks;
}

inline Settings fast_settings(int limit) {
    Settings settings;
    settings.max_concurrent_calls = limit;
    settings.call_timeout = std::chrono::seconds(10);
    settings.backoff_base = std::chrono::milliseconds(1);
    settings.backoff_cap = std::chrono::milliseconds(20);
    return settings;
}

// One client under one limit of settings.max_concurrent_calls, built as the production phase
// builds it, with the io_context that runs it. Members are destroyed client-before-io_context.
class RunnerRig {
  public:
    // settings.base_url names the server; nullptr (and a test failure) when no client results.
    static std::unique_ptr<RunnerRig> make(const Settings& settings) {
        std::unique_ptr<RunnerRig> rig(new RunnerRig(settings));
        auto client = make_http_llm_client(rig->ioc.get_executor(), settings);
        EXPECT_TRUE(client) << client.error().message();
        if (!client)
            return nullptr;
        rig->client = std::move(*client);
        rig->runner.emplace(*rig->client, rig->limiter, CallPolicy::from(settings), rig->metrics);
        return rig;
    }

    net::io_context ioc;
    std::unique_ptr<HttpLlmClient> client;
    AsyncSemaphore limiter;
    CallMetrics metrics;
    std::optional<LlmCallRunner> runner;

  private:
    explicit RunnerRig(const Settings& settings)
        : limiter(static_cast<std::size_t>(settings.max_concurrent_calls)) {}
};

class MockBackedTest : public ::testing::Test {
  protected:
    void start_mock(mock_llm::ServerConfig config) {
        auto server = mock_llm::Server::start(std::move(config));
        ASSERT_TRUE(server) << server.error();
        server_ = std::move(*server);
    }
    void TearDown() override {
        if (server_)
            server_->stop();
    }

    // The server's stats once it has finished every request it read: it counts an answer's
    // status after writing it, which can be just after the client has read it.
    mock_llm::Stats settled_stats() const { return mock_llm::testing::settled_stats(*server_); }

    std::string base_url() const {
        return "http://" + server_->host() + ":" + std::to_string(server_->port());
    }

    // Runs `tasks` at `settings.max_concurrent_calls` on a fresh client; nullopt on a hang.
    std::optional<ParallelCallsResult> run_phase(const std::vector<LlmTask>& tasks,
                                                 Settings settings, const Logger& log = Logger(),
                                                 CallMetrics* metrics_out = nullptr) {
        settings.base_url = base_url();
        auto rig = RunnerRig::make(settings);
        if (!rig)
            return std::nullopt;
        auto result = run_bounded(rig->ioc, run_parallel_calls(*rig->runner, tasks, log),
                                  std::chrono::seconds(60));
        if (metrics_out)
            *metrics_out = rig->metrics;
        return result;
    }

    std::unique_ptr<mock_llm::Server> server_;
};

}  // namespace qa::test
