// Live: completions over real sockets, keep-alive, pipelining, 100-continue and the 429 headers.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "live_server.hpp"
#include "raw_connection.hpp"

namespace mock_llm::testing {
namespace {

std::string raw_post(std::string_view path, std::string_view body, std::string_view extra = "") {
    return "POST " + std::string(path) +
           " HTTP/1.1\r\nHost: mock\r\nContent-Type: application/json" +
           "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" + std::string(extra) +
           "\r\n" + std::string(body);
}

TEST(LiveCompletion, BothPathsAnswerAParsableCompletion) {
    auto server = start_server();
    ASSERT_TRUE(server);
    auto client = client_for(*server);
    for (const char* path : {"/chat/completions", "/v1/chat/completions"}) {
        const auto result = client.Post(path, chat_body("def test_a(): pass"), "application/json");
        ASSERT_TRUE(result) << httplib::to_string(result.error());
        EXPECT_EQ(result->status, 200);
        EXPECT_EQ(result->get_header_value("Content-Type"), "application/json");
        const auto answer = nlohmann::json::parse(result->body, nullptr, false);
        ASSERT_FALSE(answer.is_discarded()) << result->body;
        EXPECT_EQ(answer["object"], "chat.completion");
        const std::string content = answer["choices"][0]["message"]["content"];
        EXPECT_TRUE(nlohmann::json::parse(content)["issues"].is_array());
    }
}

TEST(LiveCompletion, SameBodySameContent) {
    auto server = start_server();
    ASSERT_TRUE(server);
    auto client = client_for(*server);
    const std::string body = chat_body("def test_b(): assert True");
    const auto first = post_chat(client, body);
    const auto second = post_chat(client, body);
    ASSERT_TRUE(first && second);
    EXPECT_EQ(nlohmann::json::parse(first->body)["choices"],
              nlohmann::json::parse(second->body)["choices"]);
}

TEST(LiveCompletion, KeepAliveServesManyRequestsOnOneConnection) {
    auto server = start_server();
    ASSERT_TRUE(server);
    RawConnection connection(server->port());
    ASSERT_TRUE(connection.connected());
    for (int i = 0; i < 100; ++i) {
        ASSERT_TRUE(
            connection.send_all(raw_post("/chat/completions", chat_body(std::to_string(i)))));
        const auto response = connection.read_response();
        ASSERT_TRUE(response) << "request " << i;
        ASSERT_EQ(response->status, 200) << response->body;
        EXPECT_EQ(response->head.find("Connection: close"), std::string::npos);
    }
    EXPECT_EQ(settled_stats(*server).requests_total, 100u);
}

TEST(LiveCompletion, PipelinedRequestsAreAnsweredInOrder) {
    ServerConfig config;
    config.profile.latency = mock_llm::LatencyModel::fixed(std::chrono::milliseconds(20));
    auto server = start_server(config);
    ASSERT_TRUE(server);
    RawConnection connection(server->port());
    ASSERT_TRUE(connection.send_all(raw_post("/chat/completions", chat_body("one")) +
                                    "GET /healthz HTTP/1.1\r\nHost: mock\r\n\r\n" +
                                    raw_post("/nowhere", "{}")));
    const auto first = connection.read_response();
    const auto second = connection.read_response();
    const auto third = connection.read_response();
    ASSERT_TRUE(first && second && third);
    EXPECT_EQ(first->status, 200);
    EXPECT_EQ(second->body, R"({"status":"ok"})");
    EXPECT_EQ(third->status, 404);
}

TEST(LiveCompletion, ExpectContinueGetsA100First) {
    auto server = start_server();
    ASSERT_TRUE(server);
    RawConnection connection(server->port());
    const std::string body = chat_body("continue");
    const std::string request = raw_post("/chat/completions", body, "Expect: 100-continue\r\n");
    ASSERT_TRUE(connection.send_all(request.substr(0, request.size() - body.size())));
    const auto interim = connection.read_response();
    ASSERT_TRUE(interim);
    EXPECT_EQ(interim->status, 100);
    ASSERT_TRUE(connection.send_all(body));
    const auto final_answer = connection.read_response();
    ASSERT_TRUE(final_answer);
    EXPECT_EQ(final_answer->status, 200);
}

TEST(LiveCompletion, Http10WithoutKeepAliveIsClosedAfterTheAnswer) {
    auto server = start_server();
    ASSERT_TRUE(server);
    RawConnection connection(server->port());
    ASSERT_TRUE(connection.send_all("GET /healthz HTTP/1.0\r\n\r\n"));
    const auto response = connection.read_response();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_NE(response->head.find("Connection: close"), std::string::npos);
    EXPECT_TRUE(connection.wait_closed(std::chrono::seconds(3)));
}

TEST(LiveCompletion, RateLimitedAnswerCarriesBothRetryHintsAndSkipsTheLatency) {
    ServerConfig config;
    config.profile.chaos.rate("429") = 1.0;
    config.profile.retry_after = std::chrono::microseconds(12'500);
    config.profile.latency = mock_llm::LatencyModel::fixed(
        std::chrono::seconds(30));  // a 429 that waited would time the client out
    auto server = start_server(config);
    ASSERT_TRUE(server);
    auto client = client_for(*server, std::chrono::seconds(3));
    const auto result = post_chat(client, chat_body("limited"));
    ASSERT_TRUE(result) << httplib::to_string(result.error());
    EXPECT_EQ(result->status, 429);
    EXPECT_EQ(result->get_header_value("retry-after-ms"), "12.5");
    EXPECT_EQ(result->get_header_value("Retry-After"), "1");
    EXPECT_EQ(nlohmann::json::parse(result->body)["error"]["type"], "rate_limit_error");
}

}  // namespace
}  // namespace mock_llm::testing
