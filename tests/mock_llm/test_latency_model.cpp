// The latency model: each distribution's draws (range, centre, spread, clamps), determinism per
// (seed, body, occurrence), the load factor, and how a decision turns the model into a delay
// (JSON: the whole service time; stream: time to first token, then a pace per content event).
#include <algorithm>
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "chat_bodies.hpp"
#include "mock_llm/handler.hpp"
#include "mock_llm/hash.hpp"
#include "mock_llm/latency_model.hpp"

namespace mock_llm::testing {
namespace {

using namespace std::chrono_literals;
using std::chrono::microseconds;

constexpr int kLatencyDraws = 20'000;

std::vector<double> draws_ms(const LatencyModel& model, std::uint64_t seed = 5) {
    std::vector<double> out;
    for (int i = 0; i < kLatencyDraws; ++i) {
        const auto body = hash_bytes("body " + std::to_string(i % 500));
        const auto d = draw_latency(model, seed, body, static_cast<std::uint64_t>(i / 500));
        out.push_back(static_cast<double>(d.count()) / 1000.0);
    }
    return out;
}

double mean(const std::vector<double>& v) {
    double sum = 0;
    for (double x : v) {
        sum += x;
    }
    return sum / static_cast<double>(v.size());
}

double median(std::vector<double> v) {
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
    return v[v.size() / 2];
}

double stddev(const std::vector<double>& v) {
    const double m = mean(v);
    double sum = 0;
    for (double x : v) {
        sum += (x - m) * (x - m);
    }
    return std::sqrt(sum / static_cast<double>(v.size()));
}

TEST(LatencyModel, FixedIsTheValue) {
    const auto model = LatencyModel::fixed(250ms);
    EXPECT_EQ(draw_latency(model, 1, 2, 3), 250ms);
    EXPECT_EQ(draw_latency(model, 9, 8, 7), 250ms);
}

TEST(LatencyModel, UniformStaysInRangeAndCentres) {
    LatencyModel model;
    model.kind = LatencyKind::uniform;
    model.min = 100ms;
    model.max = 300ms;
    const auto d = draws_ms(model);
    EXPECT_GE(*std::min_element(d.begin(), d.end()), 100.0);
    EXPECT_LE(*std::max_element(d.begin(), d.end()), 300.0);
    EXPECT_NEAR(mean(d), 200.0, 3.0);
    EXPECT_NEAR(stddev(d), 200.0 / std::sqrt(12.0), 3.0);
}

TEST(LatencyModel, NormalHasItsMeanAndSpreadAndIsClamped) {
    LatencyModel model;
    model.kind = LatencyKind::normal;
    model.value = 500ms;
    model.sd = 50ms;
    const auto d = draws_ms(model);
    EXPECT_NEAR(mean(d), 500.0, 3.0);
    EXPECT_NEAR(stddev(d), 50.0, 3.0);

    model.min = 480ms;
    model.max = 520ms;
    const auto clamped = draws_ms(model);
    EXPECT_EQ(*std::min_element(clamped.begin(), clamped.end()), 480.0);
    EXPECT_EQ(*std::max_element(clamped.begin(), clamped.end()), 520.0);
}

TEST(LatencyModel, LognormalHasItsMedianAndALongRightTail) {
    LatencyModel model;
    model.kind = LatencyKind::lognormal;
    model.value = 400ms;
    model.sigma = 0.5;
    const auto d = draws_ms(model);
    EXPECT_NEAR(median(d), 400.0, 12.0);
    // The mean of a lognormal is median * exp(sigma^2 / 2): above the median.
    EXPECT_NEAR(mean(d), 400.0 * std::exp(0.125), 10.0);
    EXPECT_GT(*std::min_element(d.begin(), d.end()), 0.0);

    model.max = 600ms;
    const auto capped = draws_ms(model);
    EXPECT_EQ(*std::max_element(capped.begin(), capped.end()), 600.0);
}

TEST(LatencyModel, DrawsAreDeterministicPerRequestAndVaryWithTheSeed) {
    LatencyModel model;
    model.kind = LatencyKind::lognormal;
    model.value = 100ms;
    model.sigma = 1.0;
    EXPECT_EQ(draws_ms(model, 3), draws_ms(model, 3));
    EXPECT_NE(draws_ms(model, 3), draws_ms(model, 4));
    // A retry (next occurrence) draws afresh.
    EXPECT_NE(draw_latency(model, 1, 42, 0), draw_latency(model, 1, 42, 1));
}

TEST(LatencyModel, LoadFactorGrowsLinearlyToTheSlowdownAtCapacity) {
    const LoadModel off;
    EXPECT_EQ(load_factor(off, 1000), 1.0);
    const LoadModel load{.capacity = 10, .slowdown = 3.0};
    EXPECT_EQ(load_factor(load, 0), 1.0);
    EXPECT_DOUBLE_EQ(load_factor(load, 5), 2.0);
    EXPECT_DOUBLE_EQ(load_factor(load, 10), 3.0);
    EXPECT_DOUBLE_EQ(load_factor(load, 20), 5.0);  // overloaded: slower still
}

TEST(LatencyModel, ServiceTimeAddsTimeToFirstTokenAndPerTokenScaledByLoad) {
    LatencyModel model = LatencyModel::fixed(100ms);
    model.time_to_first_token = 50ms;
    model.per_token = 2ms;
    const ServiceTime idle = service_time(model, 1, 2, 3, 0);
    EXPECT_EQ(idle.first_token, 150ms);
    EXPECT_EQ(idle.per_token, 2ms);
    EXPECT_EQ(idle.total(10), 170ms);

    model.load = {.capacity = 4, .slowdown = 2.0};
    const ServiceTime busy = service_time(model, 1, 2, 3, 4);
    EXPECT_EQ(busy.first_token, 300ms);
    EXPECT_EQ(busy.per_token, 4ms);
    EXPECT_EQ(busy.total(10), 340ms);
    EXPECT_LE(service_time(LatencyModel::fixed(kMaxLatency), 1, 2, 3, 0).total(1'000'000),
              kMaxLatency);
}

Decision decide_with(const LatencyModel& latency, const std::string& body) {
    ServerConfig config;
    config.profile.latency = latency;
    return decide_chat(config, ChatCall{body, hash_bytes(body), 0, 1700000000, {}});
}

TEST(LatencyModel, JsonAnswerWaitsTheWholeServiceTime) {
    LatencyModel model = LatencyModel::fixed(100ms);
    model.time_to_first_token = 20ms;
    model.per_token = 1ms;
    const std::string body = chat_body_with(text_with_issues());
    const Decision d = decide_with(model, body);
    ASSERT_EQ(d.status, 200);
    const auto tokens = nlohmann::json::parse(d.body)["usage"]["completion_tokens"].get<int>();
    ASSERT_GT(tokens, 10);
    EXPECT_EQ(d.delay, 120ms + tokens * 1ms);
}

TEST(LatencyModel, StreamWaitsTimeToFirstTokenThenPacesEachContentEvent) {
    LatencyModel model = LatencyModel::fixed(100ms);
    model.time_to_first_token = 20ms;
    model.per_token = 3ms;
    const Decision d = decide_with(model, chat_body_with(text_with_issues(), {{"stream", true}}));
    ASSERT_TRUE(d.streaming());
    EXPECT_EQ(d.delay, 120ms);
    EXPECT_EQ(d.event_interval, 3ms);
    // The role event, one event per content piece, the finish event and [DONE].
    EXPECT_EQ(d.paced_events, d.event_ends.size() - 3);
}

TEST(LatencyModel, ErrorsAreNotDelayed) {
    const Decision d = decide_with(LatencyModel::fixed(5s), "{}");
    EXPECT_EQ(d.status, 422);
    EXPECT_EQ(d.delay, 0us);
}

}  // namespace
}  // namespace mock_llm::testing
