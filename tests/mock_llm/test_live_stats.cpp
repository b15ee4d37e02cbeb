// Live: what the stats count, the in-flight high-water mark under concurrent clients, reset, and
// a client that gives up during the latency.
#include <latch>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "live_server.hpp"
#include "mock_llm/control_client.hpp"
#include "raw_connection.hpp"

namespace mock_llm::testing {
namespace {

TEST(LiveStats, CountsDataPlaneRequestsOnly) {
    auto server = start_server();
    ASSERT_TRUE(server);
    auto client = client_for(*server);
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(post_chat(client, chat_body("count me")));
    }
    ASSERT_TRUE(client.Get("/nowhere"));
    ASSERT_TRUE(client.Get("/healthz"));
    ASSERT_TRUE(client.Get("/_mock/stats"));
    ASSERT_TRUE(client.Get("/_mock/nothing"));
    const Stats stats = settled_stats(*server);
    EXPECT_EQ(stats.requests_total, 4u);
    EXPECT_EQ(stats.by_status, (std::map<int, std::uint64_t>{{200, 3}, {404, 1}}));

    BlockingControlClient control(server->host(), server->port());
    const auto remote = control.get_stats();
    ASSERT_TRUE(remote) << remote.error();
    EXPECT_EQ(*remote, server->stats());
}

TEST(LiveStats, MaxInFlightEqualsTheNumberOfConcurrentClients) {
    constexpr int kClients = 8;
    ServerConfig config;
    config.profile.latency = mock_llm::LatencyModel::fixed(
        std::chrono::milliseconds(1000));  // long enough for all clients to overlap
    auto server = start_server(config);
    ASSERT_TRUE(server);
    std::latch ready(kClients);
    std::vector<int> statuses(kClients, 0);
    std::vector<std::thread> clients;
    for (int i = 0; i < kClients; ++i) {
        clients.emplace_back([&, i] {
            auto client = client_for(*server);
            ready.arrive_and_wait();
            const auto result = post_chat(client, chat_body("client " + std::to_string(i)));
            statuses[static_cast<std::size_t>(i)] = result ? result->status : -1;
        });
    }
    for (auto& client : clients) {
        client.join();
    }
    EXPECT_EQ(statuses, std::vector<int>(kClients, 200));
    const Stats stats = settled_stats(*server);
    EXPECT_EQ(stats.max_in_flight, kClients);
    EXPECT_EQ(stats.in_flight, 0);
    EXPECT_EQ(stats.requests_total, static_cast<std::uint64_t>(kClients));
    EXPECT_EQ(stats.by_status.at(200), static_cast<std::uint64_t>(kClients));
}

TEST(LiveStats, ResetZeroesOverHttpAndInProcess) {
    auto server = start_server();
    ASSERT_TRUE(server);
    auto client = client_for(*server);
    ASSERT_TRUE(post_chat(client, chat_body("before reset")));
    ASSERT_EQ(settled_stats(*server).requests_total, 1u);

    BlockingControlClient control(server->host(), server->port());
    const auto reset = control.reset();
    ASSERT_TRUE(reset) << reset.error();
    EXPECT_EQ(server->stats(), Stats{});

    ASSERT_TRUE(post_chat(client, chat_body("after reset")));
    ASSERT_EQ(settled_stats(*server).requests_total, 1u);
    server->reset();
    EXPECT_EQ(server->stats(), Stats{});
}

TEST(LiveStats, AClientThatGivesUpStopsCountingAtOnce) {
    ServerConfig config;
    config.profile.latency = mock_llm::LatencyModel::fixed(std::chrono::seconds(5));
    auto server = start_server(config);
    ASSERT_TRUE(server);
    RawConnection connection(server->port());
    const std::string body = chat_body("impatient");
    ASSERT_TRUE(
        connection.send_all("POST /chat/completions HTTP/1.1\r\nHost: m\r\nContent-Length: " +
                            std::to_string(body.size()) + "\r\n\r\n" + body));
    ASSERT_EQ(wait_for_stats(*server, [](const Stats& s) { return s.in_flight == 1; }).in_flight,
              1);
    const auto closed_at = std::chrono::steady_clock::now();
    connection.close();
    const Stats stats = settled_stats(*server);
    EXPECT_LT(std::chrono::steady_clock::now() - closed_at, std::chrono::seconds(3));
    EXPECT_EQ(stats.in_flight, 0);
    EXPECT_EQ(stats.by_status, (std::map<int, std::uint64_t>{{kStatusClientClosed, 1}}));
}

TEST(LiveStats, ControlClientNamesTheFailure) {
    std::uint16_t unused_port = 0;
    {
        auto server = start_server();
        ASSERT_TRUE(server);
        unused_port = server->port();
    }
    BlockingControlClient control("127.0.0.1", unused_port, std::chrono::milliseconds(500));
    const auto stats = control.get_stats();
    ASSERT_FALSE(stats);
    EXPECT_NE(stats.error().find("GET /_mock/stats on 127.0.0.1:"), std::string::npos)
        << stats.error();
    const auto reset = control.reset();
    ASSERT_FALSE(reset);
    EXPECT_NE(reset.error().find("POST /_mock/reset"), std::string::npos) << reset.error();
}

}  // namespace
}  // namespace mock_llm::testing
