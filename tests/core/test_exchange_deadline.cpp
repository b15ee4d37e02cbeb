// ExchangeDeadline and its DeadlineWatch on real loopback connections: a read that outlives its
// exchange's deadline ends with the socket closed; exchanges that finish in time leave it open
// and leave no work behind; a wait that fired as its exchange ended never closes the next
// exchange's socket; with several exchanges watched, each closes at its own deadline, whatever
// order they started in.
#include <gtest/gtest.h>

#include <memory>

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
    DeadlineWatch watch(c.ioc.get_executor());
    ExchangeDeadline deadline(watch);
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
    DeadlineWatch watch(c.ioc.get_executor());
    ExchangeDeadline deadline(watch);
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
    DeadlineWatch watch(c.ioc.get_executor());
    ExchangeDeadline deadline(watch);
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
        DeadlineWatch watch(c.ioc.get_executor());
        ExchangeDeadline deadline(watch);
        deadline.start(c.client, SteadyClock::now() + 10ms);
    }
    c.run_for(100ms);  // the cancelled handler runs and must not touch the socket
    EXPECT_TRUE(c.client.is_open());
    {
        // Already past, destroyed before the io_context looked at the timer.
        DeadlineWatch watch(c.ioc.get_executor());
        ExchangeDeadline deadline(watch);
        deadline.start(c.client, SteadyClock::now() - 1ms);
    }
    c.run_for(100ms);
    EXPECT_TRUE(c.client.is_open());
}

// Two connections whose exchanges one watch bounds: both client ends on the first pair's
// io_context (the second's is moved there), each with its own ExchangeDeadline.
struct TwoExchanges {
    TwoExchanges() { second_client.assign(net::ip::tcp::v4(), second.client.release()); }

    // Runs the io_context until `read` completes, for at most 5 s.
    void run_until_done(const PendingRead& read) {
        const auto started = SteadyClock::now();
        while (!read.done && SteadyClock::now() - started < 5s)
            first.ioc.run_one_for(100ms);
    }

    Connected first;
    Connected second;
    DeadlineWatch watch{first.ioc.get_executor()};
    ExchangeDeadline first_deadline{watch};
    ExchangeDeadline second_deadline{watch};
    net::ip::tcp::socket& first_client = first.client;
    net::ip::tcp::socket second_client{first.ioc};
};

TEST(ExchangeDeadline, AnEarlierDeadlineStartedLaterStillClosesOnTime) {
    // The watch's wait is for the later deadline when the earlier one joins: it must re-arm.
    TwoExchanges x;
    x.first_deadline.start(x.first_client, SteadyClock::now() + 60s);
    x.second_deadline.start(x.second_client, SteadyClock::now() + 20ms);
    PendingRead read(x.second_client);
    x.run_until_done(read);
    ASSERT_TRUE(read.done);
    EXPECT_FALSE(x.second_client.is_open());
    EXPECT_TRUE(x.second_deadline.stop());
    EXPECT_TRUE(x.first_client.is_open());  // its deadline is a minute away
    EXPECT_FALSE(x.first_deadline.stop());
    // Both ended: nothing waits, run() returns at once.
    const auto idle = SteadyClock::now();
    x.first.ioc.restart();
    x.first.ioc.run();
    EXPECT_LT(SteadyClock::now() - idle, 30s);
}

TEST(ExchangeDeadline, ExchangesSharingAWatchCloseEachAtItsOwnDeadline) {
    TwoExchanges x;
    x.first_deadline.start(x.first_client, SteadyClock::now() + 20ms);
    const auto second_due = SteadyClock::now() + 300ms;
    x.second_deadline.start(x.second_client, second_due);
    PendingRead first_read(x.first_client);
    PendingRead second_read(x.second_client);
    x.run_until_done(first_read);
    ASSERT_TRUE(first_read.done);
    EXPECT_FALSE(x.first_client.is_open());
    // The second is still open while inside its deadline (only the io_context, run by this
    // thread, closes sockets, so nothing can close it between the clock read and the checks).
    if (SteadyClock::now() < second_due) {
        EXPECT_TRUE(x.second_client.is_open());
        EXPECT_FALSE(second_read.done);
    }
    x.run_until_done(second_read);
    ASSERT_TRUE(second_read.done);
    EXPECT_FALSE(x.second_client.is_open());
    EXPECT_GE(SteadyClock::now(), second_due);  // never before its own deadline
    EXPECT_TRUE(x.first_deadline.stop());
    EXPECT_TRUE(x.second_deadline.stop());
}

TEST(ExchangeDeadline, AnExchangeThatEndsLeavesTheOthersWatched) {
    // The first exchange, whose deadline the wait was armed for, ends early; the wait still
    // fires for it, finds it gone, and waits on for the second.
    TwoExchanges x;
    x.first_deadline.start(x.first_client, SteadyClock::now() + 10ms);
    x.second_deadline.start(x.second_client, SteadyClock::now() + 100ms);
    EXPECT_FALSE(x.first_deadline.stop());
    PendingRead second_read(x.second_client);
    x.run_until_done(second_read);
    ASSERT_TRUE(second_read.done);
    EXPECT_TRUE(x.first_client.is_open());  // its exchange had ended
    EXPECT_FALSE(x.second_client.is_open());
    EXPECT_TRUE(x.second_deadline.stop());
}

TEST(ExchangeDeadline, AnExchangeOutlivingItsWatchIsStillBounded) {
    Connected c;
    auto watch = std::make_unique<DeadlineWatch>(c.ioc.get_executor());
    ExchangeDeadline deadline(*watch);
    deadline.start(c.client, SteadyClock::now() + 20ms);
    watch.reset();
    PendingRead read(c.client);
    c.run_for(2000ms);
    ASSERT_TRUE(read.done);
    EXPECT_FALSE(c.client.is_open());
    EXPECT_TRUE(deadline.stop());
}

}  // namespace
}  // namespace qa
