// HostLookup and the pool's connects: an IP address needs no lookup; a host name is looked up
// once however many connections start at the same time, and every one of them gets the result.
#include <utility>  // before Asio (Boost 1.74 with GCC 12)

#include <functional>
#include <optional>
#include <vector>

#include <gtest/gtest.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "qa/llm/connection_pool.hpp"
#include "qa/llm/host_lookup.hpp"

namespace qa {
namespace {

using namespace std::chrono_literals;
using tcp = net::ip::tcp;
using Outcome = Expected<const HostLookup::Endpoints*, CallError>;

// `callers` lookups started together on one io_context, run for at most 10 s.
std::vector<std::optional<Outcome>> look_up_together(HostLookup& lookup, net::io_context& ioc,
                                                     int callers) {
    std::vector<std::optional<Outcome>> outcomes(static_cast<std::size_t>(callers));
    const auto deadline = SteadyClock::now() + 10s;
    for (auto& outcome : outcomes) {
        net::co_spawn(
            ioc,
            [&lookup, &outcome, deadline]() -> qa::awaitable<void> {
                outcome.emplace(co_await lookup.addresses(deadline));
            },
            net::detached);
    }
    ioc.run_for(10s);
    return outcomes;
}

TEST(HostLookup, AnIpAddressIsUsedWithoutALookup) {
    for (const char* host : {"127.0.0.1", "::1"}) {
        net::io_context ioc;
        HostLookup lookup(ioc.get_executor(), host, 8080);
        const auto outcomes = look_up_together(lookup, ioc, 3);
        for (const auto& outcome : outcomes) {
            ASSERT_TRUE(outcome && *outcome) << host;
            ASSERT_EQ((**outcome)->size(), 1u);
            EXPECT_EQ((**outcome)->front(), tcp::endpoint(net::ip::make_address(host), 8080));
        }
        EXPECT_EQ(lookup.lookups_started(), 0u) << host;
    }
}

TEST(HostLookup, CallersArrivingTogetherShareOneLookup) {
    net::io_context ioc;
    HostLookup lookup(ioc.get_executor(), "localhost", 8080);
    const auto outcomes = look_up_together(lookup, ioc, 20);
    ASSERT_EQ(lookup.lookups_started(), 1u);
    for (const auto& outcome : outcomes) {
        ASSERT_TRUE(outcome) << "a caller did not finish";
        ASSERT_TRUE(*outcome) << outcome->error().describe();
        EXPECT_EQ(**outcome, **outcomes.front()) << "every caller sees the one result";
        ASSERT_FALSE((**outcome)->empty());
        EXPECT_TRUE((**outcome)->front().address().is_loopback());
        EXPECT_EQ((**outcome)->front().port(), 8080);
    }
    // Later callers reuse it.
    ioc.restart();
    look_up_together(lookup, ioc, 2);
    EXPECT_EQ(lookup.lookups_started(), 1u);
}

TEST(HostLookup, APoolOpeningManyConnectionsLooksTheHostUpOnce) {
    net::io_context ioc;
    tcp::acceptor acceptor(ioc, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0));
    std::vector<tcp::socket> accepted;
    std::function<void()> accept_next = [&] {
        acceptor.async_accept([&](boost::system::error_code ec, tcp::socket socket) {
            if (ec)
                return;
            accepted.push_back(std::move(socket));
            accept_next();
        });
    };
    accept_next();

    Endpoint endpoint;
    endpoint.host = "localhost";
    endpoint.port = acceptor.local_endpoint().port();
    ConnectionPool pool(ioc.get_executor(), endpoint, 16);
    constexpr int kConnections = 12;
    int connected = 0;
    int finished = 0;
    for (int i = 0; i < kConnections; ++i) {
        net::co_spawn(
            ioc,
            [&]() -> qa::awaitable<void> {
                auto lease = co_await pool.connect(SteadyClock::now() + 10s);
                EXPECT_TRUE(lease) << lease.error().describe();
                if (lease)
                    ++connected;
                if (++finished == kConnections)
                    acceptor.close();  // nothing left to wait for: run_for returns
            },
            net::detached);
    }
    ioc.run_for(10s);
    EXPECT_EQ(connected, kConnections);
    EXPECT_EQ(pool.connections_opened(), static_cast<std::size_t>(kConnections));
    EXPECT_EQ(pool.host_lookups(), 1u);
}

}  // namespace
}  // namespace qa
