// The JSON profile: the documented example parses to what it says, every field round-trips,
// and every kind of mistake is an error naming the field and the reason (table-driven).
#include <string>

#include <gtest/gtest.h>

#include "mock_llm/profile_json.hpp"

namespace mock_llm {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view kExample = R"({
  "description": "a slow, sometimes broken provider",
  "seed": 7,
  "retry_after_ms": 1500,
  "latency": {"model": "lognormal", "median_ms": 400, "sigma": 0.5, "max_ms": 5000,
              "time_to_first_token_ms": 50, "per_token_ms": 2.5,
              "load": {"capacity": 32, "slowdown": 3}},
  "behaviour": {"name": "openai-buckets", "requests_per_minute": 600,
                "tokens_per_minute": 200000, "window_ms": 10000},
  "chaos": {"429": 0.02, "503": 0.01, "hang": 0.001, "x_should_retry": true,
            "drip_bytes": 8, "drip_interval_ms": 100},
  "scripts": [
    {"key": "header:X-Mock-Key", "first": 2, "fault": {"status": 429, "retry_after_ms": 300}},
    {"from_ms": 10000, "to_ms": 20000, "fault": {"status": 503, "x_should_retry": false}},
    {"key": "api_key", "every": 7, "fault": "hang"}
  ]
})";

TEST(ProfileJson, TheExampleParsesToWhatItSays) {
    const auto parsed = parse_profile(kExample);
    ASSERT_TRUE(parsed) << parsed.error().message();
    const Profile& p = *parsed;
    EXPECT_EQ(p.seed, 7u);
    EXPECT_EQ(p.retry_after, 1500ms);
    EXPECT_EQ(p.latency.kind, LatencyKind::lognormal);
    EXPECT_EQ(p.latency.value, 400ms);
    EXPECT_EQ(p.latency.sigma, 0.5);
    EXPECT_EQ(p.latency.max, 5s);
    EXPECT_EQ(p.latency.time_to_first_token, 50ms);
    EXPECT_EQ(p.latency.per_token, 2500us);
    EXPECT_EQ(p.latency.load.capacity, 32);
    EXPECT_EQ(p.latency.load.slowdown, 3.0);
    EXPECT_EQ(p.behaviour.kind, BehaviourKind::openai_buckets);
    EXPECT_EQ(p.behaviour.requests_per_minute, 600);
    EXPECT_EQ(p.behaviour.tokens_per_minute, 200000);
    EXPECT_EQ(p.behaviour.window, 10s);
    EXPECT_EQ(p.chaos.rate("429"), 0.02);
    EXPECT_EQ(p.chaos.rate("503"), 0.01);
    EXPECT_EQ(p.chaos.rate("hang"), 0.001);
    EXPECT_EQ(p.chaos.x_should_retry, std::optional<bool>(true));
    EXPECT_EQ(p.chaos.drip.bytes, 8u);
    ASSERT_EQ(p.scripts.size(), 3u);
    EXPECT_EQ(p.scripts[0].scope, ScriptScope::header);
    EXPECT_EQ(p.scripts[0].header, "x-mock-key");
    EXPECT_EQ(p.scripts[0].first, 2u);
    EXPECT_EQ(p.scripts[0].fault.status, 429);
    EXPECT_EQ(p.scripts[0].fault.retry_after, std::optional(300ms));
    EXPECT_EQ(p.scripts[1].from, std::optional(10000ms));
    EXPECT_EQ(p.scripts[1].to, std::optional(20000ms));
    EXPECT_EQ(p.scripts[1].fault.x_should_retry, std::optional<bool>(false));
    EXPECT_EQ(p.scripts[2].scope, ScriptScope::api_key);
    EXPECT_EQ(p.scripts[2].fault.kind, FaultKind::hang);
}

TEST(ProfileJson, EmptyObjectIsTheDefaultProfile) {
    const auto parsed = parse_profile("{}");
    ASSERT_TRUE(parsed);
    EXPECT_EQ(*parsed, Profile{});
}

TEST(ProfileJson, RoundTrips) {
    const auto parsed = parse_profile(kExample);
    ASSERT_TRUE(parsed);
    const auto again = parse_profile(profile_json(*parsed));
    ASSERT_TRUE(again) << again.error().message() << "\n" << profile_json(*parsed);
    EXPECT_EQ(*again, *parsed);
    for (const char* model :
         {R"({"latency":{"model":"fixed","ms":12.5}})",
          R"({"latency":{"model":"uniform","min_ms":1,"max_ms":2}})",
          R"({"latency":{"model":"normal","mean_ms":5,"sd_ms":1,"min_ms":1,"max_ms":9}})",
          R"({"behaviour":{"name":"deepseek-legacy","capacity":3,"keep_alive_interval_ms":50,)"
          R"("queue_cutoff_ms":900}})",
          R"({"behaviour":{"name":"deepseek-concurrency","capacity":4}})"}) {
        const auto p = parse_profile(model);
        ASSERT_TRUE(p) << model << ": " << p.error().message();
        const auto q = parse_profile(profile_json(*p));
        ASSERT_TRUE(q) << profile_json(*p);
        EXPECT_EQ(*q, *p) << model;
    }
}

struct BadProfileCase {
    std::string_view json;
    std::string_view field;
    std::string_view reason;
};

TEST(ProfileJson, MistakesNameTheFieldAndTheReason) {
    const BadProfileCase cases[] = {
        {R"({"seed": 1,})", "", "invalid JSON: parse error at line 1, column 12: syntax error"},
        {R"([1, 2])", "", "must be an object"},
        {R"({"sed": 1})", "sed", "unknown field"},
        {R"({"seed": -1})", "seed", "must be a whole number, at least 0"},
        {R"({"retry_after_ms": "1s"})", "retry_after_ms", "must be a number of milliseconds"},
        {R"({"retry_after_ms": 1e300})", "retry_after_ms", "must be in 0..3600000 ms"},
        {R"({"latency": {"model": "gamma"}})", "latency.model", "must be fixed, uniform"},
        {R"({"latency": {"model": "fixed", "sd_ms": 3}})", "latency.sd_ms",
         "does not apply to the fixed model"},
        {R"({"latency": {"model": "normal", "mean_ms": 3}})", "latency.sd_ms",
         "is required by the normal model"},
        {R"({"latency": {"model": "uniform", "min_ms": 5, "max_ms": 1}})", "latency.max_ms",
         "must be at least min_ms (5), got 1"},
        {R"({"latency": {"ms": -1}})", "latency.ms", "must be in 0..3600000 ms, got -1"},
        {R"({"latency": {"load": {"capacity": 2, "slowdown": 0.5}}})", "latency.load.slowdown",
         "must be in 1..1000, got 0.5"},
        {R"({"latency": {"load": {"limit": 2}}})", "latency.load.limit", "unknown field"},
        {R"({"behaviour": {"name": "aws"}})", "behaviour.name", "must be unlimited, deepseek"},
        {R"({"behaviour": {"name": "deepseek-legacy", "capacity": 0}})", "behaviour.capacity",
         "must be in 1..1000000, got 0"},
        {R"({"behaviour": {"name": "deepseek-concurrency", "requests_per_minute": 5}})",
         "behaviour.requests_per_minute", "unknown field"},
        {R"({"behaviour": {"name": "deepseek-legacy", "queue_cutoff_ms": 1.5}})",
         "behaviour.queue_cutoff_ms", "must be a whole number of milliseconds"},
        {R"({"chaos": {"404": 0.1}})", "chaos.404", "unknown field"},
        {R"({"chaos": {"hang": 2}})", "chaos.hang", "must be in 0..1, got 2"},
        {R"({"chaos": {"x_should_retry": "yes"}})", "chaos.x_should_retry",
         "must be true or false"},
        {R"({"scripts": {}})", "scripts", "must be an array"},
        {R"({"scripts": [{"fault": "hang"}]})", "scripts[0]",
         "needs at least one of first, every, from_ms, to_ms"},
        {R"({"scripts": [{"first": 1}]})", "scripts[0].fault", "is required"},
        {R"({"scripts": [{"first": 1, "fault": "explode"}]})", "scripts[0].fault",
         "must be {\"status\": N} or one of hang"},
        {R"({"scripts": [{"first": 1, "fault": {"status": 418}}]})", "scripts[0].fault.status",
         "must be a status of the error catalogue, got 418"},
        {R"({"scripts": [{"first": 1, "fault": {"retry_after_ms": 5}}]})",
         "scripts[0].fault.status", "is required"},
        {R"({"scripts": [{"key": "cookie", "first": 1, "fault": "hang"}]})", "scripts[0].key",
         "must be \"global\", \"api_key\" or \"header:NAME\""},
        {R"({"scripts": [{"key": "header:", "first": 1, "fault": "hang"}]})", "scripts[0].key",
         "a header key needs a name"},
        {R"({"scripts": [{"from_ms": 5, "to_ms": 5, "fault": "hang"}]})", "scripts[0].to_ms",
         "must be after from_ms (5), got 5"},
        {R"({"scripts": [{"first": 1, "fault": "hang", "then": 2}]})", "scripts[0].then",
         "unknown field"},
    };
    for (const BadProfileCase& c : cases) {
        SCOPED_TRACE(c.json);
        const auto parsed = parse_profile(c.json);
        ASSERT_FALSE(parsed);
        EXPECT_EQ(parsed.error().field, c.field);
        EXPECT_TRUE(parsed.error().reason.starts_with(c.reason)) << parsed.error().reason;
    }
}

TEST(ProfileJson, ShippedProfilesAreValid) {
    for (const char* name : {"deepseek-busy.json", "openai-tier1.json", "flaky.json"}) {
        const auto profile = load_profile_file(std::string(MOCK_LLM_PROFILES_DIR) + "/" + name);
        EXPECT_TRUE(profile) << profile.error();
    }
}

TEST(ProfileJson, LoadProfileFileNamesThePath) {
    const auto missing = load_profile_file("/nonexistent/profile.json");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error(), "cannot read /nonexistent/profile.json: No such file or directory");
}

}  // namespace
}  // namespace mock_llm
