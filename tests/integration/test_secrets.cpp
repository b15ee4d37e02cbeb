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

TEST_F(MockBackedTest, ApiKeyQuotedByTheServerIsRedactedFromTheError) {
    // The mock's 401 shows a key's last 4 characters, like DeepSeek's: a 4-character key comes
    // back whole in the server's message, as OpenAI's 401 quotes the key it refused. That text
    // becomes the call's error, which reports and --json output carry: the key is taken out.
    const std::string key = "k3Y9";
    mock_llm::ServerConfig config;
    config.profile.chaos.rate("401") = 1.0;
    start_mock(config);
    Settings settings = fast_settings(2);
    settings.api_key = key;
    const auto result = run_phase(numbered_tasks(3), settings, Logger());
    ASSERT_TRUE(result);
    ASSERT_EQ(result->failed, 3u);
    for (const auto& outcome : result->outcomes) {
        ASSERT_FALSE(outcome.result);
        const auto text = outcome.result.error().describe();
        EXPECT_EQ(outcome.result.error().http_status, 401) << text;
        EXPECT_NE(text.find("Authentication Fails"), std::string::npos) << text;
        EXPECT_EQ(text.find(key), std::string::npos) << text;
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
