// The Stats JSON form: exact keys, by_status as an object keyed by status text, round trip.
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
    stats.by_status = {{200, 4}, {429, 1}};
    EXPECT_EQ(nlohmann::json(stats), nlohmann::json::parse(R"({"requests_total":7,"in_flight":2,
        "max_in_flight":5,"by_status":{"200":4,"429":1}})"));
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
    EXPECT_EQ(nlohmann::json(stats).get<Stats>(), stats);
}

TEST(StatsJson, RejectsMissingKeysAndBadStatusKeys) {
    EXPECT_THROW((void)nlohmann::json::parse(R"({"in_flight":0,"max_in_flight":0,"by_status":{}})")
                     .get<Stats>(),
                 nlohmann::json::exception);
    EXPECT_THROW(
        (void)nlohmann::json::parse(
            R"({"requests_total":0,"in_flight":0,"max_in_flight":0,"by_status":{"2xx":1}})")
            .get<Stats>(),
        std::invalid_argument);
    EXPECT_THROW((void)nlohmann::json::parse(
                     R"({"requests_total":0,"in_flight":0,"max_in_flight":0,"by_status":[1]})")
                     .get<Stats>(),
                 std::invalid_argument);
}

}  // namespace
}  // namespace mock_llm
