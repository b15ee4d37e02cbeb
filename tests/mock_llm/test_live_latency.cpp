// Live: the latency model over real sockets: a JSON answer waits time to first token plus a time
// per output token; a stream sends its first event after time to first token and paces the
// content events; the load factor slows a request that arrives while another is in service.
// Lower bounds are exact (the server counts from arrival); upper bounds are generous.
#include <chrono>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "chat_bodies.hpp"
#include "live_server.hpp"
#include "raw_chat.hpp"
#include "sse.hpp"

namespace mock_llm::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

TEST(LiveLatency, JsonAnswerWaitsTimeToFirstTokenPlusEachToken) {
    ServerConfig config;
    config.profile.latency.time_to_first_token = 30ms;
    config.profile.latency.per_token = 4ms;
    auto server = start_server(config);
    ASSERT_TRUE(server);
    auto client = client_for(*server);
    const auto started = Clock::now();
    const auto result = post_chat(client, chat_body_with(text_with_issues()));
    const auto elapsed = Clock::now() - started;
    ASSERT_TRUE(result) << httplib::to_string(result.error());
    ASSERT_EQ(result->status, 200);
    const int tokens = nlohmann::json::parse(result->body)["usage"]["completion_tokens"];
    const auto expected = 30ms + tokens * 4ms;
    EXPECT_GE(elapsed, expected);
    EXPECT_LT(elapsed, expected + 2s);
}

// The answer says how long the server spent on it, as a provider's does; the control plane's
// answers do not (they are not the service being measured).
TEST(LiveLatency, AnswersCarryTheTimeTheServerSpent) {
    ServerConfig config;
    config.profile.latency.time_to_first_token = 20ms;
    auto server = start_server(config);
    ASSERT_TRUE(server);
    auto client = client_for(*server);
    const auto result = post_chat(client, chat_body_with(text_with_issues()));
    ASSERT_TRUE(result) << httplib::to_string(result.error());
    ASSERT_EQ(result->status, 200);
    const std::string timing = result->get_header_value("Server-Timing");
    ASSERT_TRUE(timing.starts_with("total;dur=")) << timing;
    const double spent_ms = std::stod(timing.substr(10));
    EXPECT_GE(spent_ms, 20.0);
    EXPECT_LT(spent_ms, 2000.0);
    EXPECT_GE(std::stoi(result->get_header_value("openai-processing-ms")), 20);
    const auto health = client.Get("/healthz");
    ASSERT_TRUE(health);
    EXPECT_FALSE(health->has_header("Server-Timing"));
}

TEST(LiveLatency, StreamSendsTheFirstEventAfterTimeToFirstTokenThenPacesTokens) {
    ServerConfig config;
    config.profile.latency.time_to_first_token = 100ms;
    config.profile.latency.per_token = 10ms;
    auto server = start_server(config);
    ASSERT_TRUE(server);
    RawConnection connection(server->port());
    const auto started = Clock::now();
    ASSERT_TRUE(connection.send_all(
        raw_chat_request(chat_body_with(text_with_issues(), {{"stream", true}}))));
    auto response = connection.read_head(Clock::now() + 5s);
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    connection.read_chunked_body(*response);
    ASSERT_TRUE(response->complete);
    const auto& times = response->chunk_times;
    ASSERT_GT(times.size(), 10u);
    EXPECT_GE(times.front() - started, 100ms);
    // Content events 1..n each 10 ms after the one before; the finish event and [DONE] come
    // with the last content event.
    const std::size_t content_events = times.size() - 3;
    const auto paced = times[content_events] - times.front();
    EXPECT_GE(paced, static_cast<long>(content_events) * 10ms);
    EXPECT_LT(paced, static_cast<long>(content_events) * 10ms + 2s);
    EXPECT_LT(times.back() - times[content_events], 500ms);
    EXPECT_EQ(sse_data(response->chunks.back()), std::vector<std::string>{"[DONE]"});
}

TEST(LiveLatency, LoadFactorSlowsARequestThatArrivesWhileAnotherIsServed) {
    ServerConfig config;
    config.profile.latency = LatencyModel::fixed(300ms);
    config.profile.latency.load = {.capacity = 1, .slowdown = 5.0};
    auto server = start_server(config);
    ASSERT_TRUE(server);
    Clock::duration first_elapsed{};
    std::thread first([&] {
        auto client = client_for(*server);
        const auto started = Clock::now();
        const auto result = post_chat(client, chat_body("first"));
        first_elapsed = Clock::now() - started;
        EXPECT_TRUE(result && result->status == 200);
    });
    ASSERT_EQ(wait_for_stats(*server, [](const Stats& s) { return s.in_flight == 1; }).in_flight,
              1);
    auto client = client_for(*server);
    const auto started = Clock::now();
    const auto result = post_chat(client, chat_body("second"));
    const auto second_elapsed = Clock::now() - started;
    first.join();
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 200);
    // One request in service at capacity 1: five times the latency. The first, served alone,
    // gets none (the bound leaves 900 ms for a busy machine; a slowed first would take 1.5 s).
    EXPECT_GE(second_elapsed, 1500ms);
    EXPECT_GE(first_elapsed, 300ms);
    EXPECT_LT(first_elapsed, 1200ms);
}

}  // namespace
}  // namespace mock_llm::testing
