// Live: bad input never crashes nor stalls other clients: garbage, slowloris, idle and half-sent
// requests, oversized bodies and headers.
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "live_server.hpp"
#include "raw_connection.hpp"

namespace mock_llm::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

ServerConfig short_deadlines() {
    ServerConfig config;
    config.header_timeout = 200ms;
    config.body_timeout = 200ms;
    return config;
}

void expect_healthy(const Server& server) {
    auto client = client_for(server, 2s);
    const auto result = client.Get("/healthz");
    ASSERT_TRUE(result) << httplib::to_string(result.error());
    EXPECT_EQ(result->status, 200);
}

TEST(LiveRobustness, GarbageGets400AndACloseWhileTheServerGoesOn) {
    auto server = start_server();
    ASSERT_TRUE(server);
    for (std::string_view garbage :
         {std::string_view("\x16\x03\x01\x02\x00garbage\r\n\r\n"),
          std::string_view("HELLO\r\n\r\n"), std::string_view("GET / HTTP/9.9\r\n\r\n")}) {
        RawConnection connection(server->port());
        ASSERT_TRUE(connection.send_all(garbage));
        const auto response = connection.read_response();
        ASSERT_TRUE(response);
        EXPECT_EQ(response->status, 400);
        EXPECT_NE(response->head.find("Connection: close"), std::string::npos);
        EXPECT_EQ(nlohmann::json::parse(response->body)["error"]["code"], "bad_request");
        EXPECT_TRUE(connection.wait_closed(3s));
    }
    expect_healthy(*server);
    EXPECT_EQ(server->stats().requests_total, 0u);  // not data-plane requests
}

// After the HTTP/2 preface, bytes that are no HTTP/2 frame end that connection (nghttp2's
// GOAWAY, then a close), and the server goes on serving others.
TEST(LiveRobustness, GarbageAfterTheHttp2PrefaceClosesThatConnectionOnly) {
    auto server = start_server();
    ASSERT_TRUE(server);
    RawConnection connection(server->port());
    ASSERT_TRUE(connection.send_all(std::string("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") +
                                    "this is not a SETTINGS frame, nor any other frame"));
    EXPECT_TRUE(connection.wait_closed(3s));
    expect_healthy(*server);
    EXPECT_EQ(server->stats().requests_total, 0u);
}

TEST(LiveRobustness, SlowlorisIsClosedAfterTheHeaderTimeoutWhileOthersAreServed) {
    auto server = start_server(short_deadlines());
    ASSERT_TRUE(server);
    RawConnection slow(server->port());
    const auto started = Clock::now();
    ASSERT_TRUE(slow.send_all("POST /chat/completions HTTP/1.1\r\nHost: m\r\n"));
    expect_healthy(*server);  // served while the slow header is pending
    bool closed = false;
    while (!closed && Clock::now() - started < 5s) {
        // A failed send means the server already reset the connection.
        closed = !slow.send_all("X") || slow.wait_closed(50ms);
    }
    const auto elapsed = Clock::now() - started;
    EXPECT_TRUE(closed);
    EXPECT_GE(elapsed, 150ms);  // not before the deadline
    EXPECT_LT(elapsed, 3s);
    expect_healthy(*server);
}

TEST(LiveRobustness, IdleConnectionIsClosedAfterTheHeaderTimeout) {
    auto server = start_server(short_deadlines());
    ASSERT_TRUE(server);
    RawConnection idle(server->port());
    ASSERT_TRUE(idle.connected());
    const auto started = Clock::now();
    EXPECT_TRUE(idle.wait_closed(3s));
    EXPECT_GE(Clock::now() - started, 150ms);
}

TEST(LiveRobustness, HalfSentBodyIsClosedAfterTheBodyTimeout) {
    auto server = start_server(short_deadlines());
    ASSERT_TRUE(server);
    RawConnection half(server->port());
    ASSERT_TRUE(
        half.send_all("POST /chat/completions HTTP/1.1\r\nHost: m\r\nContent-Length: 100\r\n"
                      "\r\n{\"messages\":"));
    EXPECT_TRUE(half.wait_closed(3s));
    EXPECT_EQ(server->stats().requests_total, 0u);
}

TEST(LiveRobustness, OversizedBodyGets413) {
    ServerConfig config;
    config.max_body_bytes = 1024;
    auto server = start_server(config);
    ASSERT_TRUE(server);
    auto client = client_for(*server);
    const auto result = post_chat(client, chat_body(std::string(4096, 'x')));
    ASSERT_TRUE(result) << httplib::to_string(result.error());
    EXPECT_EQ(result->status, 413);
    EXPECT_EQ(nlohmann::json::parse(result->body)["error"]["code"], "request_too_large");

    // A declared length over the limit is refused before any body byte is sent.
    RawConnection connection(server->port());
    ASSERT_TRUE(connection.send_all(
        "POST /chat/completions HTTP/1.1\r\nHost: m\r\nContent-Length: 1000000\r\n\r\n"));
    const auto response = connection.read_response();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 413);
    expect_healthy(*server);
}

TEST(LiveRobustness, OversizedHeaderGets431) {
    auto server = start_server();
    ASSERT_TRUE(server);
    RawConnection connection(server->port());
    ASSERT_TRUE(connection.send_all("GET /healthz HTTP/1.1\r\nX-Big: " + std::string(20000, 'a') +
                                    "\r\n\r\n"));
    const auto response = connection.read_response();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 431);
}

TEST(LiveRobustness, ManyBadClientsAtOnceDoNotStopTheServer) {
    auto server = start_server(short_deadlines());
    ASSERT_TRUE(server);
    std::vector<std::thread> attackers;
    for (int i = 0; i < 16; ++i) {
        attackers.emplace_back([port = server->port(), i] {
            RawConnection connection(port);
            connection.send_all(i % 2 == 0 ? "\x01\x02\x03\r\n\r\n" : "GET /healthz HTTP/1.1\r\n");
            connection.wait_closed(3s);
        });
    }
    expect_healthy(*server);
    for (auto& attacker : attackers) {
        attacker.join();
    }
    expect_healthy(*server);
}

}  // namespace
}  // namespace mock_llm::testing
