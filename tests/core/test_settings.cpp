#include <gtest/gtest.h>

#include <map>
#include <utility>
#include <vector>

#include "qa/config/settings.hpp"
#include "qa/llm/endpoint.hpp"

namespace qa {
namespace {

EnvLookup env_of(std::map<std::string, std::string> values) {
    return [values = std::move(values)](std::string_view name) -> std::optional<std::string> {
        const auto it = values.find(std::string(name));
        if (it == values.end())
            return std::nullopt;
        return it->second;
    };
}

TEST(SettingsFromEnv, DefaultsMatchTheOriginal) {
    const auto settings = settings_from_env(env_of({}));
    ASSERT_TRUE(settings) << settings.error().message();
    EXPECT_EQ(settings->max_concurrent_calls, 10);
    EXPECT_EQ(settings->model, "deepseek-chat");
    EXPECT_EQ(settings->call_timeout, std::chrono::seconds(120));
    EXPECT_EQ(settings->max_retries, 3);
    EXPECT_EQ(settings->max_rate_limit_retries, 8);
    EXPECT_TRUE(settings->hold_slot_during_backoff);
    EXPECT_TRUE(settings->base_url.empty());
    EXPECT_EQ(settings->http_version, HttpVersion::http1_1);
}

TEST(SettingsFromEnv, ReadsEveryVariable) {
    const auto settings = settings_from_env(env_of({
        {"LLM_MAX_CONCURRENT_CALLS", "20"},
        {"LLM_BASE_URL", "http://127.0.0.1:9000/v1"},
        {"LLM_API_KEY", "sk-test"},
        {"LLM_MODEL", "deepseek-reasoner"},
        {"LLM_TIMEOUT_S", "2.5"},
        {"LLM_MAX_RETRIES", "0"},
        {"LLM_MAX_RATE_LIMIT_RETRIES", "20"},
        {"LLM_BACKOFF_BASE_MS", "100"},
        {"LLM_BACKOFF_CAP_MS", "1000"},
        {"LLM_HOLD_SLOT_DURING_BACKOFF", "false"},
        {"LLM_HTTP_VERSION", "2"},
    }));
    ASSERT_TRUE(settings) << settings.error().message();
    EXPECT_EQ(settings->max_concurrent_calls, 20);
    EXPECT_EQ(settings->base_url, "http://127.0.0.1:9000/v1");
    EXPECT_EQ(settings->api_key, "sk-test");
    EXPECT_EQ(settings->model, "deepseek-reasoner");
    EXPECT_EQ(settings->call_timeout, std::chrono::milliseconds(2500));
    EXPECT_EQ(settings->max_retries, 0);
    EXPECT_EQ(settings->max_rate_limit_retries, 20);
    EXPECT_EQ(settings->backoff_base, std::chrono::milliseconds(100));
    EXPECT_EQ(settings->backoff_cap, std::chrono::milliseconds(1000));
    EXPECT_FALSE(settings->hold_slot_during_backoff);
    EXPECT_EQ(settings->http_version, HttpVersion::http2);
}

TEST(SettingsFromEnv, DeepseekKeyIsAcceptedAndLlmKeyWins) {
    EXPECT_EQ(settings_from_env(env_of({{"DEEPSEEK_API_KEY", "sk-ds"}}))->api_key, "sk-ds");
    EXPECT_EQ(settings_from_env(env_of({{"DEEPSEEK_API_KEY", "sk-ds"}, {"LLM_API_KEY", "sk-llm"}}))
                  ->api_key,
              "sk-llm");
}

TEST(SettingsFromEnv, RefusesBadConcurrency) {
    for (const char* bad : {"0", "51", "-1", "ten", "", "10abc"}) {
        const auto settings = settings_from_env(env_of({{"LLM_MAX_CONCURRENT_CALLS", bad}}));
        ASSERT_FALSE(settings) << bad;
        EXPECT_EQ(settings.error().message(), std::string("LLM_MAX_CONCURRENT_CALLS=\"") + bad +
                                                  "\" is invalid: allowed is an integer in 1..50");
    }
}

TEST(SettingsFromEnv, RefusesOtherBadValuesByName) {
    // A list, not a map: one variable may have several bad values.
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"LLM_TIMEOUT_S", "0"},
        {"LLM_MAX_RETRIES", "11"},
        {"LLM_MAX_RATE_LIMIT_RETRIES", "21"},
        {"LLM_MAX_RATE_LIMIT_RETRIES", "-1"},
        {"LLM_MAX_RATE_LIMIT_RETRIES", "eight"},
        {"LLM_MAX_RATE_LIMIT_RETRIES", ""},
        {"LLM_MAX_RATE_LIMIT_RETRIES", "8abc"},
        {"LLM_BACKOFF_BASE_MS", "-5"},
        {"LLM_BASE_URL", "ftp://x"},
        {"LLM_BASE_URL", ""},
        {"LLM_MODEL", ""},
        {"LLM_MODEL", " "},
        {"LLM_MODEL", "deepseek-chat\n"},
        {"LLM_MODEL", "deep seek"},
        {"LLM_HOLD_SLOT_DURING_BACKOFF", "sometimes"},
        {"LLM_HTTP_VERSION", "3"},
        {"LLM_HTTP_VERSION", "1.0"},
        {"LLM_HTTP_VERSION", "h2"},
        {"LLM_HTTP_VERSION", ""},
    };
    for (const auto& [name, value] : cases) {
        const auto settings = settings_from_env(env_of({{name, value}}));
        ASSERT_FALSE(settings) << name << "=" << value;
        EXPECT_EQ(settings.error().variable, name);
        EXPECT_EQ(settings.error().value, value);
        EXPECT_FALSE(settings.error().allowed.empty());
    }
}

TEST(SettingsFromEnv, CapBelowBaseIsRefused) {
    const auto settings =
        settings_from_env(env_of({{"LLM_BACKOFF_BASE_MS", "1000"}, {"LLM_BACKOFF_CAP_MS", "10"}}));
    ASSERT_FALSE(settings);
    EXPECT_EQ(settings.error().variable, "LLM_BACKOFF_CAP_MS");
}

TEST(SettingsFromEnv, OneBackoffBoundAloneMovesTheOtherDefault) {
    // A cap alone below the default base lowers the base, as a base alone above the default
    // cap raises the cap: neither is refused for a value the user did not give.
    const auto cap_alone = settings_from_env(env_of({{"LLM_BACKOFF_CAP_MS", "50"}}));
    ASSERT_TRUE(cap_alone) << cap_alone.error().message();
    EXPECT_EQ(cap_alone->backoff_cap, std::chrono::milliseconds(50));
    EXPECT_EQ(cap_alone->backoff_base, std::chrono::milliseconds(50));
    const auto base_alone = settings_from_env(env_of({{"LLM_BACKOFF_BASE_MS", "90000"}}));
    ASSERT_TRUE(base_alone) << base_alone.error().message();
    EXPECT_EQ(base_alone->backoff_base, std::chrono::milliseconds(90000));
    EXPECT_EQ(base_alone->backoff_cap, std::chrono::milliseconds(90000));
}

TEST(SettingsFromEnv, ReadsTheLimiterScope) {
    EXPECT_EQ(settings_from_env(env_of({}))->limiter_scope, LimiterScope::per_analysis)
        << "the seed: each analysis its own limit";
    EXPECT_EQ(settings_from_env(env_of({{"LLM_LIMITER_SCOPE", "shared"}}))->limiter_scope,
              LimiterScope::shared);
    EXPECT_EQ(settings_from_env(env_of({{"LLM_LIMITER_SCOPE", "per-analysis"}}))->limiter_scope,
              LimiterScope::per_analysis);
    const auto bad = settings_from_env(env_of({{"LLM_LIMITER_SCOPE", "global"}}));
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().message(),
              "LLM_LIMITER_SCOPE=\"global\" is invalid: allowed is one of per-analysis, shared");
}

TEST(SettingsFromEnv, ReadsTheFlowControls) {
    const auto settings = settings_from_env(env_of({{"LLM_LIMIT_STRATEGY", "gradient"},
                                                    {"LLM_LIMIT_MIN", "2"},
                                                    {"LLM_RATE_LIMIT_RPM", "600"},
                                                    {"LLM_RATE_LIMIT_BURST", "5"},
                                                    {"LLM_RETRY_BUDGET", "0.1"}}));
    ASSERT_TRUE(settings) << settings.error().message();
    EXPECT_EQ(settings->limit_strategy, LimitStrategy::gradient);
    EXPECT_EQ(settings->limit_min, 2);
    EXPECT_DOUBLE_EQ(settings->rate_limit_rpm, 600);
    EXPECT_DOUBLE_EQ(settings->rate_limit_burst, 5);
    EXPECT_EQ(settings->retry_budget, 0.1);
    EXPECT_FALSE(settings_from_env(env_of({{"LLM_RETRY_BUDGET", "off"}}))->retry_budget);
    const auto defaults = settings_from_env(env_of({}));
    EXPECT_EQ(defaults->limit_strategy, LimitStrategy::fixed) << "the original";
    EXPECT_EQ(defaults->rate_limit_rpm, 0);
    EXPECT_FALSE(defaults->retry_budget);
}

TEST(SettingsFromEnv, RefusesBadFlowControls) {
    const std::pair<const char*, const char*> bad[] = {
        {"LLM_LIMIT_STRATEGY", "vegas"}, {"LLM_LIMIT_STRATEGY", ""},   {"LLM_LIMIT_MIN", "0"},
        {"LLM_LIMIT_MIN", "51"},         {"LLM_RATE_LIMIT_RPM", "-1"}, {"LLM_RATE_LIMIT_RPM", "x"},
        {"LLM_RATE_LIMIT_BURST", "0"},   {"LLM_RETRY_BUDGET", "1.5"},  {"LLM_RETRY_BUDGET", "on"}};
    for (const auto& [variable, value] : bad) {
        const auto settings = settings_from_env(env_of({{variable, value}}));
        ASSERT_FALSE(settings) << variable << "=" << value;
        EXPECT_EQ(settings.error().variable, variable);
        EXPECT_EQ(settings.error().value, value);
    }
    const auto above =
        settings_from_env(env_of({{"LLM_MAX_CONCURRENT_CALLS", "5"}, {"LLM_LIMIT_MIN", "6"}}));
    ASSERT_FALSE(above);
    EXPECT_EQ(above.error().variable, "LLM_LIMIT_MIN");
    EXPECT_NE(above.error().message().find("LLM_MAX_CONCURRENT_CALLS (5)"), std::string::npos);
}

TEST(SettingsFromEnv, RefusesAMalformedApiKeyWithoutShowingIt) {
    // CR/LF would end the Authorization header and start another one on the wire.
    const char* bad[] = {"", "sk-abc\r\nX-Injected: yes", "sk abc",
                         "sk-\x01"
                         "abc",
                         "sk-\xc3\xa9"};
    for (const char* variable : {"LLM_API_KEY", "DEEPSEEK_API_KEY"}) {
        for (const char* key : bad) {
            const auto settings = settings_from_env(env_of({{variable, key}}));
            ASSERT_FALSE(settings) << variable;
            EXPECT_EQ(settings.error().variable, variable);
            const auto message = settings.error().message();
            EXPECT_TRUE(
                message.starts_with(std::string(variable) + " (value not shown) is invalid"))
                << message;
            if (*key != '\0') {
                EXPECT_EQ(message.find("sk"), std::string::npos) << message;
            }
        }
    }
    // Only the key in use is checked: LLM_API_KEY overrides a stale DEEPSEEK_API_KEY.
    const auto overridden =
        settings_from_env(env_of({{"LLM_API_KEY", "sk-good"}, {"DEEPSEEK_API_KEY", ""}}));
    ASSERT_TRUE(overridden) << overridden.error().message();
    EXPECT_EQ(overridden->api_key, "sk-good");

    const auto injected = settings_from_env(env_of({{"LLM_API_KEY", "sk-abc\r\nX: y"}}));
    ASSERT_FALSE(injected);
    EXPECT_EQ(injected.error().message(),
              "LLM_API_KEY (value not shown) is invalid: allowed is a non-empty key of visible "
              "ASCII characters (no spaces or control characters); byte 7 is not");
}

TEST(SettingsFromEnv, ABaseUrlWithAPasswordIsRefusedWithoutShowingIt) {
    const auto settings =
        settings_from_env(env_of({{"LLM_BASE_URL", "http://user:s3cret@127.0.0.1:9/v1"}}));
    ASSERT_FALSE(settings);
    EXPECT_EQ(settings.error().message(),
              "LLM_BASE_URL=\"http://***@127.0.0.1:9/v1\" is invalid: allowed is an http:// or "
              "https:// URL (credentials in the URL are not allowed; use LLM_API_KEY)");
    EXPECT_EQ(mask_url_credentials("https://u:p@h/x@y"), "https://***@h/x@y");
    EXPECT_EQ(mask_url_credentials("http://h:80/v1"), "http://h:80/v1");
}

TEST(SettingsFromEnv, RefusesABaseUrlThatWouldSplitTheRequestLine) {
    const auto settings =
        settings_from_env(env_of({{"LLM_BASE_URL", "http://127.0.0.1:9/v1\r\nX-Injected: yes"}}));
    ASSERT_FALSE(settings);
    EXPECT_EQ(settings.error().message(),
              "LLM_BASE_URL=\"http://127.0.0.1:9/v1\\r\\nX-Injected: yes\" is invalid: allowed is "
              "an http:// or https:// URL (the URL must be visible ASCII (percent-encode the "
              "rest); byte 22 is not)");
}

TEST(Settings, DescribeNeverShowsTheKey) {
    Settings settings;
    settings.api_key = "sk-very-secret-123";
    EXPECT_EQ(settings.describe().find("sk-very-secret"), std::string::npos);
    EXPECT_NE(settings.describe().find("api_key=(set)"), std::string::npos);
}

TEST(Settings, ScaledMultipliesEveryDuration) {
    Settings settings;
    const auto scaled = settings.scaled(0.01);
    EXPECT_EQ(scaled.call_timeout, std::chrono::milliseconds(1200));
    EXPECT_EQ(scaled.backoff_base, std::chrono::milliseconds(5));
    EXPECT_EQ(scaled.backoff_cap, std::chrono::milliseconds(80));
    EXPECT_EQ(scaled.max_concurrent_calls, settings.max_concurrent_calls);
    settings.rate_limit_rpm = 600;
    EXPECT_DOUBLE_EQ(settings.scaled(0.01).rate_limit_rpm, 60'000);  // rates divide
    EXPECT_DOUBLE_EQ(settings.scaled(0.01).rate_limit_burst, settings.rate_limit_burst);
}

}  // namespace
}  // namespace qa
