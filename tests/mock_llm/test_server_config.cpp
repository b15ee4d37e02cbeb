// validate_config: the defaults pass; a bad field is named with its value and allowed range
// (profile fields as the JSON profile spells them).
#include <cmath>

#include <gtest/gtest.h>

#include "mock_llm/server_config.hpp"

namespace mock_llm {
namespace {

std::string error_of(const ServerConfig& config) {
    const auto result = validate_config(config);
    return result ? std::string("(valid)") : result.error();
}

TEST(ServerConfigValidation, DefaultsAreValid) {
    EXPECT_TRUE(validate_config(ServerConfig{}));
}

TEST(ServerConfigValidation, BoundsAreInclusive) {
    ServerConfig config;
    config.profile.chaos.rate("429") = 1.0;
    config.profile.chaos.rate("500") = 0.0;
    config.profile.latency = LatencyModel::fixed(kMaxLatency);
    config.profile.retry_after = std::chrono::microseconds(0);
    config.max_body_bytes = 1;
    config.header_timeout = std::chrono::milliseconds(1);
    EXPECT_TRUE(validate_config(config)) << error_of(config);
}

TEST(ServerConfigValidation, NamesFieldValueAndRange) {
    ServerConfig rate;
    rate.profile.chaos.rate("429") = 1.5;
    EXPECT_EQ(error_of(rate), "invalid profile chaos.429: must be in 0..1, got 1.5");

    ServerConfig nan_rate;
    nan_rate.profile.chaos.rate("500") = std::nan("");
    EXPECT_EQ(error_of(nan_rate), "invalid profile chaos.500: must be in 0..1, got nan");

    ServerConfig latency;
    latency.profile.latency = LatencyModel::fixed(std::chrono::microseconds(-1));
    EXPECT_EQ(error_of(latency),
              "invalid profile latency.ms: must be in 0..3600000 ms, got -0.001");

    ServerConfig body;
    body.max_body_bytes = 0;
    EXPECT_EQ(error_of(body), "invalid max_body_bytes = 0; allowed range is 1..1073741824");

    ServerConfig header;
    header.header_timeout = std::chrono::milliseconds(0);
    EXPECT_EQ(error_of(header), "invalid header_timeout = 0 ms; allowed range is 1..3600000 ms");

    ServerConfig journal;
    journal.journal_capacity = kMaxJournalCapacity + 1;
    EXPECT_EQ(error_of(journal), "invalid journal_capacity = 1000001; allowed range is 0..1000000");

    ServerConfig streams;
    streams.h2_max_concurrent_streams = 0;
    EXPECT_EQ(error_of(streams),
              "invalid h2_max_concurrent_streams = 0; allowed range is 1..100000");

    ServerConfig host;
    host.host.clear();
    EXPECT_EQ(error_of(host), "invalid host = \"\"; give an IP address or a host name");
}

}  // namespace
}  // namespace mock_llm
