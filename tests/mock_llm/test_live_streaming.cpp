// Live: "stream": true over real sockets: chunked server-sent events, one event per chunk,
// keep-alive afterwards, HTTP/1.0 close-delimited, a third-party client, and clients that leave.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "chat_bodies.hpp"
#include "live_server.hpp"
#include "raw_connection.hpp"
#include "sse.hpp"

namespace mock_llm::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

std::string raw_chat(std::string_view body, std::string_view extra = "",
                     std::string_view version = "HTTP/1.1") {
    return "POST /chat/completions " + std::string(version) +
           "\r\nHost: mock\r\nContent-Type: application/json\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n" + std::string(extra) + "\r\n" + std::string(body);
}

std::string lowercase(std::string text) {
    for (char& c : text) {
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return text;
}

bool has_field(const RawResponse& response, std::string_view lowercase_line) {
    return (lowercase(response.head) + "\r\n")
               .find("\r\n" + std::string(lowercase_line) + "\r\n") != std::string::npos;
}

TEST(LiveStreaming, ChunkedEventsThenKeepAlive) {
    auto server = start_server();
    ASSERT_TRUE(server);
    RawConnection connection(server->port());
    const std::string text = text_with_issues();
    const std::string stream_body =
        chat_body_with(text, {{"stream", true}, {"stream_options", {{"include_usage", true}}}});
    for (int round = 0; round < 3; ++round) {
        SCOPED_TRACE(round);
        ASSERT_TRUE(connection.send_all(raw_chat(stream_body)));
        const auto response = connection.read_response();
        ASSERT_TRUE(response);
        EXPECT_EQ(response->status, 200);
        EXPECT_TRUE(has_field(*response, "content-type: text/event-stream")) << response->head;
        EXPECT_TRUE(has_field(*response, "cache-control: no-cache")) << response->head;
        EXPECT_TRUE(has_field(*response, "transfer-encoding: chunked")) << response->head;
        EXPECT_EQ(lowercase(response->head).find("connection: close"), std::string::npos);
        for (const std::string& chunk : response->chunks) {
            EXPECT_EQ(sse_data(chunk).size(), 1u) << "one event per chunk: " << chunk;
        }
        const ParsedStream stream = parse_stream(response->body);
        ASSERT_TRUE(stream.done_last);
        ASSERT_GE(stream.chunks.size(), 4u);
        EXPECT_EQ(stream.chunks.front()["choices"][0]["delta"]["role"], "assistant");
        EXPECT_EQ(stream.chunks[stream.chunks.size() - 2]["choices"][0]["finish_reason"], "stop");
        EXPECT_EQ(stream.chunks.back()["choices"], json::array());

        // The same messages without "stream" on the same connection: the same content.
        ASSERT_TRUE(connection.send_all(raw_chat(chat_body_with(text))));
        const auto plain = connection.read_response();
        ASSERT_TRUE(plain);
        ASSERT_EQ(plain->status, 200);
        const json answer = json::parse(plain->body);
        EXPECT_EQ(stream_content(stream), answer["choices"][0]["message"]["content"]);
        EXPECT_EQ(stream.chunks.back()["usage"], answer["usage"]);
    }
    const Stats stats = settled_stats(*server);
    EXPECT_EQ(stats.by_status, (std::map<int, std::uint64_t>{{200, 6}}));
}

TEST(LiveStreaming, NoUsageChunkUnlessAsked) {
    auto server = start_server();
    ASSERT_TRUE(server);
    RawConnection connection(server->port());
    ASSERT_TRUE(connection.send_all(raw_chat(chat_body_with("x", {{"stream", true}}))));
    const auto response = connection.read_response();
    ASSERT_TRUE(response);
    const ParsedStream stream = parse_stream(response->body);
    ASSERT_TRUE(stream.done_last);
    for (const json& chunk : stream.chunks) {
        EXPECT_FALSE(chunk.contains("usage"));
        EXPECT_EQ(chunk["choices"].size(), 1u);
    }
    EXPECT_EQ(stream.chunks.back()["choices"][0]["finish_reason"], "stop");
}

TEST(LiveStreaming, AThirdPartyClientDecodesIt) {
    auto server = start_server();
    ASSERT_TRUE(server);
    auto client = client_for(*server);
    const std::string text = text_with_issues();
    const auto result = post_chat(client, chat_body_with(text, {{"stream", true}}));
    ASSERT_TRUE(result) << httplib::to_string(result.error());
    EXPECT_EQ(result->status, 200);
    EXPECT_EQ(result->get_header_value("Content-Type"), "text/event-stream");
    const ParsedStream stream = parse_stream(result->body);
    EXPECT_TRUE(stream.done_last);
    EXPECT_EQ(stream_content(stream), answer_content(chat_body_with(text)));
    // And the connection serves the next request.
    const auto next = post_chat(client, chat_body_with(text));
    ASSERT_TRUE(next) << httplib::to_string(next.error());
    EXPECT_EQ(next->status, 200);
}

TEST(LiveStreaming, Http10GetsCloseDelimitedEvents) {
    auto server = start_server();
    ASSERT_TRUE(server);
    RawConnection connection(server->port());
    ASSERT_TRUE(connection.send_all(
        raw_chat(chat_body_with("old client", {{"stream", true}}), "", "HTTP/1.0")));
    const auto response = connection.read_response_until_close();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_TRUE(has_field(*response, "connection: close")) << response->head;
    EXPECT_EQ(lowercase(response->head).find("transfer-encoding"), std::string::npos);
    const ParsedStream stream = parse_stream(response->body);
    EXPECT_TRUE(stream.done_last);
    EXPECT_EQ(stream_content(stream), answer_content(chat_body_with("old client")));
}

TEST(LiveStreaming, ClientLeavingMidStreamLeavesNothingInFlight) {
    auto server = start_server();
    ASSERT_TRUE(server);
    const std::string body = chat_body_with(text_with_issues(), {{"stream", true}});
    for (int i = 0; i < 20; ++i) {
        RawConnection connection(server->port());
        ASSERT_TRUE(connection.send_all(raw_chat(body)));
        ASSERT_TRUE(connection.read_head(RawConnection::Clock::now() + 5s));
        ASSERT_TRUE(connection.buffer_at_least(1));
        connection.close();  // with unread events: the kernel resets the connection
    }
    const Stats stats = wait_for_stats(
        *server, [](const Stats& s) { return s.in_flight == 0 && s.requests_total == 20; });
    EXPECT_EQ(stats.in_flight, 0);
    EXPECT_EQ(stats.requests_total, 20u);
    auto client = client_for(*server);
    const auto healthy = client.Get("/healthz");
    ASSERT_TRUE(healthy);
    EXPECT_EQ(healthy->status, 200);
}

TEST(LiveStreaming, ClientLeavingBeforeTheFirstEventIsCounted499) {
    ServerConfig config;
    config.profile.latency = mock_llm::LatencyModel::fixed(5s);
    auto server = start_server(config);
    ASSERT_TRUE(server);
    RawConnection connection(server->port());
    ASSERT_TRUE(connection.send_all(raw_chat(chat_body_with("leave", {{"stream", true}}))));
    ASSERT_EQ(wait_for_stats(*server, [](const Stats& s) { return s.in_flight == 1; }).in_flight,
              1);
    connection.close();
    const Stats stats = settled_stats(*server);
    EXPECT_EQ(stats.in_flight, 0);
    EXPECT_EQ(stats.by_status, (std::map<int, std::uint64_t>{{kStatusClientClosed, 1}}));
}

}  // namespace
}  // namespace mock_llm::testing
