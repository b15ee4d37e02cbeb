// The API key reaches the server's Authorization header and nothing else: not a log line, not an
// error, not a settings description.
#include "phase_fixture.hpp"

namespace qa::test {
namespace {

TEST_F(MockBackedTest, ApiKeyNeverAppearsInAnyLogLine) {
    const std::string key = "sk-live-0123456789abcdef";
    mock_llm::ServerConfig config;
    config.profile.chaos.rate("500") = 0.5;
    start_mock(config);
    Settings settings = fast_settings(4);
    settings.api_key = key;
    settings.max_retries = 0;  // let some calls fail, so error lines are written too
    auto sink = std::make_shared<MemorySink>();
    Logger log(sink, LogLevel::debug);
    log.redact(key);
    log.info("settings: " + settings.describe());

    auto tasks = numbered_tasks(20);
    tasks[3].request.messages.clear();
    const auto result = run_phase(tasks, settings, log);
    ASSERT_TRUE(result);
    ASSERT_GT(result->failed, 0u);
    for (const auto& line : sink->lines()) {
        EXPECT_EQ(line.find(key), std::string::npos) << line;
    }
    for (const auto& outcome : result->outcomes) {
        if (!outcome.result) {
            EXPECT_EQ(outcome.result.error().describe().find(key), std::string::npos);
        }
    }
}

TEST(Logger, RedactsRegisteredSecrets) {
    auto sink = std::make_shared<MemorySink>();
    Logger log(sink, LogLevel::info);
    log.redact("hunter2");
    log.info("password hunter2 and hunter2hunter2");
    ASSERT_EQ(sink->lines().size(), 1u);
    EXPECT_EQ(sink->lines()[0], "INFO password *** and ******");
}

}  // namespace
}  // namespace qa::test
