// Live: bad requests get OpenAI-style errors and leave the connection usable (malformed JSON
// 400, missing messages 422, unknown path 404); half-closed and half-sent connections neither
// crash the server nor stall other clients; the server binds loopback by default.
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "live_server.hpp"
#include "raw_chat.hpp"

namespace mock_llm::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

TEST(LiveBadInput, BadBodiesGetOpenAiErrorsAndTheConnectionStays) {
    auto server = start_server();
    ASSERT_TRUE(server);
    RawConnection connection(server->port());
    struct Case {
        std::string body;
        int status;
        std::string message_start;
        json param;
    };
    const Case cases[] = {
        {R"({"messages": [)", 400, "Invalid JSON body: ", nullptr},
        {R"({"model": "deepseek-chat"})", 422, "messages is required", "messages"},
        {R"({"messages": [{"role": "user"}]})", 422, "messages[0].content must be a string",
         "messages[0].content"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.body);
        ASSERT_TRUE(connection.send_all(raw_chat_request(c.body)));
        const auto response = connection.read_response();
        ASSERT_TRUE(response);
        EXPECT_EQ(response->status, c.status);
        const json error = json::parse(response->body)["error"];
        EXPECT_TRUE(error["message"].get<std::string>().starts_with(c.message_start))
            << error["message"];
        EXPECT_EQ(error["type"], "invalid_request_error");
        EXPECT_EQ(error["param"], c.param);
        EXPECT_EQ(head_field(*response, "connection"), "");  // kept open
    }
    ASSERT_TRUE(connection.send_all("GET /v2/engines HTTP/1.1\r\nHost: m\r\n\r\n"));
    const auto missing = connection.read_response();
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 404);
    EXPECT_EQ(json::parse(missing->body)["error"]["message"], "Unknown path /v2/engines");
}

TEST(LiveBadInput, HalfClosedClientStillGetsAnAnswerAtZeroLatency) {
    auto server = start_server();
    ASSERT_TRUE(server);
    RawConnection connection(server->port());
    ASSERT_TRUE(connection.send_all(raw_chat_request(chat_body("half closed"))));
    connection.shutdown_write();
    const auto response = connection.read_response();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_TRUE(connection.wait_closed(3s));
}

TEST(LiveBadInput, HalfClosedClientDuringTheLatencyIsCountedAsGone) {
    ServerConfig config;
    config.profile.latency = LatencyModel::fixed(5s);
    auto server = start_server(config);
    ASSERT_TRUE(server);
    RawConnection connection(server->port());
    ASSERT_TRUE(connection.send_all(raw_chat_request(chat_body("left early"))));
    connection.shutdown_write();
    // Like nginx, the server cannot tell a half-close from a client that left: it stops.
    const Stats stats = wait_for_stats(
        *server, [](const Stats& s) { return s.by_status.contains(kStatusClientClosed); });
    EXPECT_EQ(stats.in_flight, 0);
    EXPECT_TRUE(connection.wait_closed(3s));
}

TEST(LiveBadInput, ManyHalfSentRequestsDoNotStallOthers) {
    // The stalled requests' deadlines are far past the client's timeout, so the answer below can
    // only come if nothing waits for them.
    ServerConfig config;
    config.header_timeout = 60s;
    config.body_timeout = 60s;
    auto server = start_server(config);
    ASSERT_TRUE(server);
    std::vector<std::unique_ptr<RawConnection>> stalled;
    for (int i = 0; i < 50; ++i) {
        auto connection = std::make_unique<RawConnection>(server->port());
        ASSERT_TRUE(connection->send_all(i % 2 == 0 ? "POST /chat/completions HTTP/1.1\r\nHo"
                                                    : "POST /chat/completions HTTP/1.1\r\n"
                                                      "Content-Length: 500\r\n\r\n{\"mess"));
        stalled.push_back(std::move(connection));
    }
    auto client = client_for(*server, 5s);
    const auto result = post_chat(client, chat_body("meanwhile"));
    ASSERT_TRUE(result) << httplib::to_string(result.error());
    EXPECT_EQ(result->status, 200);
    EXPECT_EQ(server->stats().requests_total, 1u) << "the half-sent ones are not requests yet";
}

TEST(LiveBadInput, BindsLoopbackByDefault) {
    EXPECT_EQ(ServerConfig{}.host, "127.0.0.1");
    auto server = start_server();
    ASSERT_TRUE(server);
    EXPECT_EQ(server->host(), "127.0.0.1");
}

}  // namespace
}  // namespace mock_llm::testing
