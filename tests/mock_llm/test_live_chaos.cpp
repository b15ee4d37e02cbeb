// Live: each chaos fault over real sockets, at rate 1: statuses with x-should-retry, a hang the
// client must give up on, a reset, an empty 200, malformed JSON, a truncated body, a slow drip,
// and an error event mid-stream; each counted by fault in the stats.
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

std::unique_ptr<Server> server_with(std::string_view fault, double rate = 1.0) {
    ServerConfig config;
    config.profile.chaos.rate(fault) = rate;
    config.profile.chaos.drip = {.bytes = 64, .interval = 20ms};
    return start_server(config);
}

TEST(LiveChaos, StatusFaultsComeAtOnceWithXShouldRetry) {
    for (const int status : {400, 401, 402, 408, 429, 500, 502, 503}) {
        SCOPED_TRACE(status);
        ServerConfig config;
        config.profile.latency = LatencyModel::fixed(10s);  // a fault that waited would time out
        config.profile.chaos.rate(std::to_string(status)) = 1.0;
        config.profile.chaos.x_should_retry = status >= 500;
        auto server = start_server(config);
        ASSERT_TRUE(server);
        auto client = client_for(*server, 3s);
        const auto result = post_chat(client, chat_body("chaos"));
        ASSERT_TRUE(result) << httplib::to_string(result.error());
        EXPECT_EQ(result->status, status);
        EXPECT_EQ(result->get_header_value("x-should-retry"), status >= 500 ? "true" : "false");
        EXPECT_TRUE(nlohmann::json::parse(result->body)["error"].is_object());
        EXPECT_EQ(settled_stats(*server).by_fault.at(std::to_string(status)), 1u);
    }
}

TEST(LiveChaos, HangGetsNoAnswerUntilTheClientGivesUp) {
    auto server = server_with("hang");
    ASSERT_TRUE(server);
    {
        RawConnection connection(server->port(), 300ms);
        ASSERT_TRUE(connection.send_all(raw_chat_request(chat_body("hang"))));
        EXPECT_EQ(
            wait_for_stats(*server, [](const Stats& s) { return s.in_flight == 1; }).in_flight, 1);
        EXPECT_FALSE(connection.read_response());
        EXPECT_EQ(server->stats().in_flight, 1) << "still held after the client's timeout";
    }
    const Stats stats = settled_stats(*server);
    EXPECT_EQ(stats.in_flight, 0);
    EXPECT_EQ(stats.by_status.at(kStatusClientClosed), 1u);
    EXPECT_EQ(stats.by_fault.at("hang"), 1u);
}

TEST(LiveChaos, ResetClosesWithoutAnAnswer) {
    auto server = server_with("reset");
    ASSERT_TRUE(server);
    RawConnection connection(server->port());
    ASSERT_TRUE(connection.send_all(raw_chat_request(chat_body("reset"))));
    EXPECT_FALSE(connection.read_response());
    EXPECT_TRUE(connection.wait_closed(1s));
    const Stats stats = settled_stats(*server);
    EXPECT_EQ(stats.by_status.at(kStatusNoResponse), 1u);
    EXPECT_EQ(stats.by_fault.at("reset"), 1u);
}

TEST(LiveChaos, EmptyIsA200WithNoBody) {
    auto server = server_with("empty");
    ASSERT_TRUE(server);
    auto client = client_for(*server);
    const auto result = post_chat(client, chat_body("empty"));
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 200);
    EXPECT_EQ(result->get_header_value("Content-Length"), "0");
    EXPECT_TRUE(result->body.empty());
    // The connection stays usable.
    ASSERT_TRUE(client.Get("/healthz"));
    EXPECT_EQ(settled_stats(*server).by_fault.at("empty"), 1u);
}

TEST(LiveChaos, MalformedJsonIsA200ThatDoesNotParse) {
    auto server = server_with("malformed_json");
    ASSERT_TRUE(server);
    auto client = client_for(*server);
    const auto result = post_chat(client, chat_body("malformed"));
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 200);
    EXPECT_FALSE(result->body.empty());
    EXPECT_TRUE(nlohmann::json::parse(result->body, nullptr, false).is_discarded());
}

TEST(LiveChaos, TruncatedSendsHalfTheAnnouncedBodyThenCloses) {
    auto server = server_with("truncated");
    ASSERT_TRUE(server);
    RawConnection connection(server->port());
    ASSERT_TRUE(connection.send_all(raw_chat_request(chat_body("truncated"))));
    const auto response = connection.read_response_until_close();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    const std::size_t announced = std::stoul(head_field(*response, "content-length"));
    EXPECT_GT(announced, 100u);
    EXPECT_EQ(response->body.size(), announced / 2);
}

TEST(LiveChaos, SlowDripArrivesWholeButSlowly) {
    auto server = server_with("slow_drip");
    ASSERT_TRUE(server);
    auto client = client_for(*server);
    const auto started = Clock::now();
    const auto result = post_chat(client, chat_body_with(text_with_issues()));
    const auto elapsed = Clock::now() - started;
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 200);
    const auto answer = nlohmann::json::parse(result->body);
    EXPECT_EQ(answer["object"], "chat.completion");
    // Head and body in 64-byte pieces, 20 ms apart.
    const auto pieces = (result->body.size() + 100) / 64;
    EXPECT_GE(elapsed, static_cast<long>(pieces - 1) * 20ms);
    EXPECT_LT(elapsed, 10s);
}

TEST(LiveChaos, StreamErrorEndsTheStreamWithAnErrorEvent) {
    auto server = server_with("stream_error");
    ASSERT_TRUE(server);
    RawConnection connection(server->port());
    ASSERT_TRUE(connection.send_all(
        raw_chat_request(chat_body_with(text_with_issues(), {{"stream", true}}))));
    const auto response = connection.read_response();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    const auto events = sse_data(response->body);
    ASSERT_GE(events.size(), 2u);
    const auto last = nlohmann::json::parse(events.back());
    EXPECT_EQ(last["error"]["code"], "internal_server_error");
    EXPECT_EQ(std::find(events.begin(), events.end(), "[DONE]"), events.end());
    // A JSON request is left alone by a stream-only fault.
    auto client = client_for(*server);
    const auto plain = post_chat(client, chat_body("not streamed"));
    ASSERT_TRUE(plain);
    EXPECT_FALSE(nlohmann::json::parse(plain->body, nullptr, false).is_discarded());
}

}  // namespace
}  // namespace mock_llm::testing
