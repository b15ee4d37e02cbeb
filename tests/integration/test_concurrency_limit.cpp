// The limit is proven from the server's side: the mock's max in flight equals it, never more.
#include "phase_fixture.hpp"

namespace qa::test {
namespace {

using namespace std::chrono_literals;

class ConcurrencyLimit : public MockBackedTest, public ::testing::WithParamInterface<int> {};

TEST_P(ConcurrencyLimit, ServerSeesExactlyTheLimitInFlight) {
    const int limit = GetParam();
    mock_llm::ServerConfig config;
    // Long enough that even an instrumented client (TSan: ~10x slower) has every slot's request
    // on the wire before the first answer comes back, so the server can see the whole limit.
    config.profile.latency = mock_llm::LatencyModel::fixed(limit >= 10 ? 200ms : 30ms);
    start_mock(config);

    CallMetrics metrics;
    const auto result =
        run_phase(numbered_tasks(limit + 20), fast_settings(limit), Logger(), &metrics);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->successful, static_cast<std::size_t>(limit + 20));
    const auto stats = settled_stats();
    EXPECT_EQ(stats.max_in_flight, limit) << "the server must see the limit reached, never passed";
    EXPECT_EQ(stats.requests_total, static_cast<std::uint64_t>(limit + 20));
    EXPECT_EQ(metrics.max_in_flight, limit);
}

INSTANTIATE_TEST_SUITE_P(Limits, ConcurrencyLimit, ::testing::Values(1, 10, 50));

TEST_F(MockBackedTest, LimitComesFromTheEnvironment) {
    mock_llm::ServerConfig config;
    config.profile.latency = mock_llm::LatencyModel::fixed(30ms);
    start_mock(config);
    const auto settings =
        settings_from_env([](std::string_view name) -> std::optional<std::string> {
            if (name == "LLM_MAX_CONCURRENT_CALLS")
                return "7";
            return std::nullopt;
        });
    ASSERT_TRUE(settings);
    auto tuned = fast_settings(settings->max_concurrent_calls);
    const auto result = run_phase(numbered_tasks(30), tuned);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->successful, 30u);
    EXPECT_EQ(server_->stats().max_in_flight, 7);
}

TEST_F(MockBackedTest, NoTasksMakesNoCall) {
    start_mock({});
    auto sink = std::make_shared<MemorySink>();
    const auto result = run_phase({}, fast_settings(10), Logger(sink, LogLevel::debug));
    ASSERT_TRUE(result);
    EXPECT_TRUE(result->outcomes.empty());
    EXPECT_EQ(result->successful + result->failed, 0u);
    EXPECT_EQ(server_->stats().requests_total, 0u);
    EXPECT_TRUE(sink->lines().empty());
}

}  // namespace
}  // namespace qa::test
