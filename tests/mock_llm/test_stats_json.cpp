// The Stats JSON form: exact keys, by_status and by_fault as objects keyed by text, the
// latency histogram, round trip.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "mock_llm/stats.hpp"

namespace mock_llm {
namespace {

TEST(StatsJson, ExactKeys) {
    Stats stats;
    stats.requests_total = 7;
    stats.in_flight = 2;
    stats.max_in_flight = 5;
    stats.queue_depth = 1;
    stats.by_status = {{200, 4}, {429, 1}};
    stats.by_fault = {{"429", 1}};
    stats.latency.counts[3] = 5;
    stats.latency.sum_micros = 4000;
    const nlohmann::json out = stats;
    EXPECT_EQ(out["requests_total"], 7);
    EXPECT_EQ(out["in_flight"], 2);
    EXPECT_EQ(out["max_in_flight"], 5);
    EXPECT_EQ(out["queue_depth"], 1);
    EXPECT_EQ(out["by_status"], nlohmann::json::parse(R"({"200":4,"429":1})"));
    EXPECT_EQ(out["by_fault"], nlohmann::json::parse(R"({"429":1})"));
    const auto& histogram = out["latency_histogram"];
    EXPECT_EQ(histogram["bounds_us"].size(), LatencyHistogram::kBoundsMicros.size());
    EXPECT_EQ(histogram["bounds_us"][0], 100);
    EXPECT_EQ(histogram["counts"].size(), LatencyHistogram::kBoundsMicros.size() + 1);
    EXPECT_EQ(histogram["counts"][3], 5);
    EXPECT_EQ(histogram["sum_us"], 4000);
    EXPECT_EQ(out.size(), 7u);
}

TEST(StatsJson, EmptyByStatusIsAnObject) {
    EXPECT_TRUE(nlohmann::json(Stats{})["by_status"].is_object());
}

TEST(StatsJson, RoundTrip) {
    Stats stats;
    stats.requests_total = 1'000'000'000'000ULL;
    stats.in_flight = -1;
    stats.max_in_flight = 10'000;
    stats.by_status = {{200, 3}, {499, 2}, {500, 1}};
    stats.by_fault = {{"hang", 2}, {"500", 1}};
    stats.latency.counts.back() = 9;
    stats.latency.sum_micros = 123;
    EXPECT_EQ(nlohmann::json(stats).get<Stats>(), stats);
}

TEST(StatsJson, RejectsMissingKeysAndBadStatusKeys) {
    const nlohmann::json valid = Stats{};
    nlohmann::json missing = valid;
    missing.erase("requests_total");
    EXPECT_THROW((void)missing.get<Stats>(), nlohmann::json::exception);
    nlohmann::json bad_status = valid;
    bad_status["by_status"] = {{"2xx", 1}};
    EXPECT_THROW((void)bad_status.get<Stats>(), std::invalid_argument);
    nlohmann::json not_object = valid;
    not_object["by_status"] = {1};
    EXPECT_THROW((void)not_object.get<Stats>(), std::invalid_argument);
    nlohmann::json short_histogram = valid;
    short_histogram["latency_histogram"]["counts"] = {1, 2};
    EXPECT_THROW((void)short_histogram.get<Stats>(), std::invalid_argument);
}

}  // namespace
}  // namespace mock_llm
