// The seeded fault decision: deterministic per (seed, body, occurrence), rates honoured, and the
// shape of the 429/500 answers.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "mock_llm/fault.hpp"
#include "mock_llm/handler.hpp"
#include "mock_llm/hash.hpp"

namespace mock_llm {
namespace {

constexpr int kFaultDraws = 10'000;

struct Counts {
    int rate_limited = 0;
    int server_error = 0;
};

Counts draw(std::uint64_t seed, double rate_429, double rate_500) {
    Counts counts;
    for (int i = 0; i < kFaultDraws; ++i) {
        // Distinct bodies and repeated bodies (occurrence) both feed the draw.
        const Fault fault = decide_fault(seed, hash_bytes("body " + std::to_string(i % 1000)),
                                         static_cast<std::uint64_t>(i / 1000), rate_429, rate_500);
        counts.rate_limited += fault == Fault::rate_limited;
        counts.server_error += fault == Fault::server_error;
    }
    return counts;
}

TEST(FaultDecision, SameInputsSameDecision) {
    for (std::uint64_t k = 0; k < 200; ++k) {
        const std::uint64_t body = hash_bytes("request " + std::to_string(k % 7));
        EXPECT_EQ(decide_fault(42, body, k, 0.3, 0.3), decide_fault(42, body, k, 0.3, 0.3));
    }
}

TEST(FaultDecision, RetryOfTheSameBodyReRolls) {
    const std::uint64_t body = hash_bytes("the same body");
    int faults = 0;
    for (std::uint64_t k = 0; k < 100; ++k) {
        faults += decide_fault(1, body, k, 0.5, 0.0) != Fault::none;
    }
    EXPECT_GT(faults, 20);
    EXPECT_LT(faults, 80);
}

TEST(FaultDecision, SeedChangesThePattern) {
    int differences = 0;
    for (int i = 0; i < 200; ++i) {
        const std::uint64_t body = hash_bytes(std::to_string(i));
        differences += decide_fault(1, body, 0, 0.5, 0.0) != decide_fault(2, body, 0, 0.5, 0.0);
    }
    EXPECT_GT(differences, 50);
}

TEST(FaultDecision, RateZeroNeverFaults) {
    const Counts counts = draw(7, 0.0, 0.0);
    EXPECT_EQ(counts.rate_limited, 0);
    EXPECT_EQ(counts.server_error, 0);
}

TEST(FaultDecision, RateOneAlwaysFaults) {
    EXPECT_EQ(draw(7, 1.0, 0.0).rate_limited, kFaultDraws);
    EXPECT_EQ(draw(7, 0.0, 1.0).server_error, kFaultDraws);
    // 429 is decided first: with both at 1 every request is a 429.
    EXPECT_EQ(draw(7, 1.0, 1.0).rate_limited, kFaultDraws);
}

TEST(FaultDecision, RatesApproximatelyHonoured) {
    // Expected: 429 at 0.2 -> 2000; 500 at (1 - 0.2) * 0.1 -> 800. Bounds are ~6 sigma wide.
    const Counts counts = draw(12345, 0.2, 0.1);
    EXPECT_NEAR(counts.rate_limited, 2000, 250);
    EXPECT_NEAR(counts.server_error, 800, 170);
}

const std::string kValidBody = R"({"messages":[{"role":"user","content":"review this"}]})";

Decision decide(const ServerConfig& config, std::uint64_t occurrence = 0) {
    return decide_chat(config,
                       ChatCall{kValidBody, hash_bytes(kValidBody), occurrence, 1700000000, {}});
}

TEST(FaultAnswer, RateLimitedIs429AtOnceWithRetryHints) {
    ServerConfig config;
    config.profile.chaos.rate("429") = 1.0;
    config.profile.latency = mock_llm::LatencyModel::fixed(std::chrono::seconds(3));
    config.profile.retry_after = std::chrono::microseconds(12'500);
    const Decision d = decide(config);
    EXPECT_EQ(d.status, 429);
    EXPECT_EQ(d.delay.count(), 0);
    ASSERT_EQ(d.headers.size(), 2u);
    EXPECT_EQ(d.headers[0].name, "retry-after-ms");
    EXPECT_EQ(d.headers[0].value, "12.5");
    EXPECT_EQ(d.headers[1].name, "Retry-After");
    EXPECT_EQ(d.headers[1].value, "1");
    const auto body = nlohmann::json::parse(d.body);
    EXPECT_EQ(body["error"]["message"], "Rate Limit Reached");
    EXPECT_EQ(body["error"]["type"], "rate_limit_error");
}

TEST(FaultAnswer, ServerErrorIs500AtOnce) {
    ServerConfig config;
    config.profile.chaos.rate("500") = 1.0;
    config.profile.latency = mock_llm::LatencyModel::fixed(std::chrono::seconds(3));
    const Decision d = decide(config);
    EXPECT_EQ(d.status, 500);
    EXPECT_EQ(d.delay.count(), 0);
    EXPECT_TRUE(d.headers.empty());
    const auto body = nlohmann::json::parse(d.body);
    EXPECT_EQ(body["error"]["message"], "The server had an error while processing your request");
    EXPECT_EQ(body["error"]["type"], "server_error");
}

TEST(FaultAnswer, NoFaultIs200AfterTheLatency) {
    ServerConfig config;
    config.profile.latency = mock_llm::LatencyModel::fixed(std::chrono::milliseconds(250));
    const Decision d = decide(config);
    EXPECT_EQ(d.status, 200);
    EXPECT_EQ(d.delay, std::chrono::milliseconds(250));
}

TEST(FaultAnswer, MatchesThePureDecisionForEachOccurrence) {
    ServerConfig config;
    config.profile.chaos.rate("429") = 0.3;
    config.profile.chaos.rate("500") = 0.3;
    config.profile.seed = 99;
    for (std::uint64_t k = 0; k < 50; ++k) {
        const Fault fault = decide_fault(99, hash_bytes(kValidBody), k, 0.3, 0.3);
        const int expected = fault == Fault::rate_limited   ? 429
                             : fault == Fault::server_error ? 500
                                                            : 200;
        EXPECT_EQ(decide(config, k).status, expected) << "occurrence " << k;
    }
}

}  // namespace
}  // namespace mock_llm
