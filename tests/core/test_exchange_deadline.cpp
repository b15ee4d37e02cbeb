// ExchangeDeadline on a real loopback connection: a read that outlives its exchange's deadline
// ends with the socket closed; exchanges that finish in time leave it open and leave no work
// behind; a wait that fired as its exchange ended never closes the next exchange's socket.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include "loopback_pair.hpp"
#include "qa/llm/exchange_deadline.hpp"

namespace qa {
namespace {

using namespace std::chrono_literals;
using tcp = net::ip::tcp;

using Connected = test::LoopbackPair;

struct PendingRead {
    explicit PendingRead(tcp::socket& socket) {
        socket.async_read_some(net::buffer(&byte, 1),
                               [this](boost::system::error_code ec, std::size_t) {
                                   done = true;
                                   error = ec;
                               });
    }
    char byte = 0;
    bool done = false;
    boost::system::error_code error;
};

TEST(ExchangeDeadline, AnExchangePastItsDeadlineHasItsSocketClosed) {
    Connected c;
    ExchangeDeadline deadline(c.ioc.get_executor());
    deadline.start(c.client, SteadyClock::now() + 20ms);
    PendingRead read(c.client);
    c.run_for(2000ms);  // stops early: the closed socket ends the read, then nothing is left
    ASSERT_TRUE(read.done);
    EXPECT_EQ(read.error, net::error::operation_aborted);
    EXPECT_FALSE(c.client.is_open());
    EXPECT_TRUE(deadline.stop());
}

TEST(ExchangeDeadline, ExchangesWithinTheirDeadlinesLeaveTheSocketOpenAndNoWorkBehind) {
    Connected c;
    ExchangeDeadline deadline(c.ioc.get_executor());
    for (int i = 0; i < 3; ++i) {
        deadline.start(c.client, SteadyClock::now() + 60s);
        net::write(*c.server, net::buffer("x", 1));
        PendingRead read(c.client);
        while (!read.done)
            c.ioc.run_one_for(100ms);
        EXPECT_FALSE(read.error);
        EXPECT_FALSE(deadline.stop());
    }
    // Nothing waits any more: run() returns at once instead of holding on for the deadline.
    const auto started = SteadyClock::now();
    c.ioc.restart();
    c.ioc.run();
    EXPECT_LT(SteadyClock::now() - started, 30s);
    EXPECT_TRUE(c.client.is_open());
}

TEST(ExchangeDeadline, AWaitThatFiredAsItsExchangeEndedSparesTheNextExchange) {
    Connected c;
    ExchangeDeadline deadline(c.ioc.get_executor());
    deadline.start(c.client, SteadyClock::now() - 1ms);
    EXPECT_FALSE(deadline.stop());  // ended before the io_context ran the expiry
    deadline.start(c.client, SteadyClock::now() + 60s);
    c.run_for(50ms);  // the first wait's handler runs now, cancelled or stale
    EXPECT_TRUE(c.client.is_open());
    EXPECT_FALSE(deadline.stop());
}

TEST(ExchangeDeadline, DestroyedWhileItsTimerWaitsLeavesNothingBehind) {
    Connected c;
    {
        ExchangeDeadline deadline(c.ioc.get_executor());
        deadline.start(c.client, SteadyClock::now() + 10ms);
    }
    c.run_for(100ms);  // the cancelled handler runs and must not touch the socket
    EXPECT_TRUE(c.client.is_open());
    {
        // Already past, destroyed before the io_context looked at the timer.
        ExchangeDeadline deadline(c.ioc.get_executor());
        deadline.start(c.client, SteadyClock::now() - 1ms);
    }
    c.run_for(100ms);
    EXPECT_TRUE(c.client.is_open());
}

}  // namespace
}  // namespace qa
