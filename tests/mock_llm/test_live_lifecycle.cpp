// Live: start errors, stop() idempotent and prompt even with requests waiting, the API after
// stop, and the count of open connections.
#include <thread>

#include <gtest/gtest.h>

#include "live_server.hpp"
#include "raw_connection.hpp"

namespace mock_llm::testing {
namespace {

using namespace std::chrono_literals;

TEST(LiveLifecycle, StartsOnAFreePortAndReportsIt) {
    auto server = start_server();
    ASSERT_TRUE(server);
    EXPECT_NE(server->port(), 0);
    EXPECT_EQ(server->host(), "127.0.0.1");
}

TEST(LiveLifecycle, StopIsIdempotentAndClosesTheListener) {
    auto server = start_server();
    ASSERT_TRUE(server);
    const std::uint16_t port = server->port();
    server->stop();
    server->stop();
    RawConnection connection(port);
    EXPECT_FALSE(connection.connected());
}

TEST(LiveLifecycle, ConcurrentStopsAllReturn) {
    auto server = start_server();
    ASSERT_TRUE(server);
    std::thread other([&] { server->stop(); });
    server->stop();
    other.join();
}

TEST(LiveLifecycle, StopIsPromptWithRequestsWaiting) {
    ServerConfig config;
    config.profile.latency = mock_llm::LatencyModel::fixed(30s);
    auto server = start_server(config);
    ASSERT_TRUE(server);
    bool answered = true;
    std::thread client_thread([&] {
        auto client = client_for(*server, 10s);
        answered = static_cast<bool>(post_chat(client, chat_body("waiting")));
    });
    const Stats waiting = wait_for_stats(*server, [](const Stats& s) { return s.in_flight == 1; });
    EXPECT_EQ(waiting.in_flight, 1);
    const auto started = std::chrono::steady_clock::now();
    server->stop();
    EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
    client_thread.join();
    EXPECT_FALSE(answered);
    EXPECT_EQ(server->stats().in_flight, 0);
}

TEST(LiveLifecycle, StatsAndResetWorkAfterStop) {
    auto server = start_server();
    ASSERT_TRUE(server);
    auto client = client_for(*server);
    ASSERT_TRUE(post_chat(client, chat_body("x")));
    server->stop();
    EXPECT_EQ(server->stats().requests_total, 1u);
    server->reset();
    EXPECT_EQ(server->stats(), Stats{});
}

// Polls until the server holds `want` connections or `limit` passes; returns the last count.
std::size_t wait_for_connections(const Server& server, std::size_t want,
                                 std::chrono::milliseconds limit = 3s) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    std::size_t open = server.open_connections();
    while (open != want && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(5ms);
        open = server.open_connections();
    }
    return open;
}

TEST(LiveLifecycle, CountsEachConnectionUntilItsClientLeaves) {
    auto server = start_server();
    ASSERT_TRUE(server);
    EXPECT_EQ(server->open_connections(), 0u);
    auto first = std::make_unique<RawConnection>(server->port());
    RawConnection second(server->port());
    ASSERT_TRUE(first->connected() && second.connected());
    EXPECT_EQ(wait_for_connections(*server, 2), 2u);
    first.reset();
    EXPECT_EQ(wait_for_connections(*server, 1), 1u);
    server->stop();
    EXPECT_EQ(wait_for_connections(*server, 0), 0u);
}

TEST(LiveLifecycle, BindFailureIsAnErrorNamingTheAddress) {
    auto first = start_server();
    ASSERT_TRUE(first);
    ServerConfig config;
    config.port = first->port();
    const auto second = Server::start(config);
    ASSERT_FALSE(second);
    EXPECT_NE(second.error().find("127.0.0.1:" + std::to_string(first->port())), std::string::npos)
        << second.error();
    EXPECT_NE(second.error().find("in use"), std::string::npos) << second.error();
}

TEST(LiveLifecycle, InvalidConfigOrAddressIsAnError) {
    ServerConfig bad_rate;
    bad_rate.profile.chaos.rate("429") = 2.0;
    const auto rejected = Server::start(bad_rate);
    ASSERT_FALSE(rejected);
    EXPECT_NE(rejected.error().find("chaos.429"), std::string::npos) << rejected.error();

    ServerConfig foreign_address;
    foreign_address.host = "192.0.2.1";  // TEST-NET-1: never an address of this machine
    const auto unbound = Server::start(foreign_address);
    ASSERT_FALSE(unbound);
    EXPECT_NE(unbound.error().find("cannot listen on 192.0.2.1:0"), std::string::npos)
        << unbound.error();
}

}  // namespace
}  // namespace mock_llm::testing
