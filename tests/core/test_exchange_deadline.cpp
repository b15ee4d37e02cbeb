// ExchangeDeadline on a real loopback connection: a read that outlives its exchange's deadline
// ends with the socket closed; exchanges that finish in time leave it open, even when the timer
// fires later; a newer exchange's later deadline moves it, an earlier one brings it forward.
#include <gtest/gtest.h>

#include <optional>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include "qa/llm/exchange_deadline.hpp"

namespace qa {
namespace {

using namespace std::chrono_literals;
using tcp = net::ip::tcp;

struct Connected {
    Connected() {
        tcp::acceptor acceptor(ioc, {net::ip::make_address("127.0.0.1"), 0});
        client.connect(acceptor.local_endpoint());
        server = acceptor.accept();
    }
    // Runs the io_context for `span` (bounded: nothing here may hang a test).
    void run_for(std::chrono::milliseconds span) {
        ioc.restart();
        ioc.run_for(span);
    }

    net::io_context ioc;
    tcp::socket client{ioc};
    std::optional<tcp::socket> server;
};

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

TEST(ExchangeDeadline, ExchangesWithinTheirDeadlinesLeaveTheSocketOpen) {
    Connected c;
    ExchangeDeadline deadline(c.ioc.get_executor());
    for (int i = 0; i < 3; ++i) {
        deadline.start(c.client, SteadyClock::now() + 30ms);
        net::write(*c.server, net::buffer("x", 1));
        PendingRead read(c.client);
        c.run_for(1ms);
        while (!read.done)
            c.ioc.run_one_for(100ms);
        EXPECT_FALSE(read.error);
        EXPECT_FALSE(deadline.stop());
    }
    // The timer fires with no exchange running: it leaves the idle connection alone.
    c.run_for(100ms);
    EXPECT_TRUE(c.client.is_open());
}

TEST(ExchangeDeadline, ANewerExchangesLaterDeadlineIsHonoured) {
    Connected c;
    ExchangeDeadline deadline(c.ioc.get_executor());
    deadline.start(c.client, SteadyClock::now() + 20ms);
    EXPECT_FALSE(deadline.stop());
    // The timer still waits for the first deadline; this exchange's is later.
    deadline.start(c.client, SteadyClock::now() + 400ms);
    PendingRead read(c.client);
    c.run_for(150ms);
    EXPECT_FALSE(read.done) << "closed at the first exchange's deadline";
    EXPECT_TRUE(c.client.is_open());
    c.run_for(3000ms);
    ASSERT_TRUE(read.done);
    EXPECT_TRUE(deadline.stop());
}

TEST(ExchangeDeadline, AnEarlierDeadlineThanTheTimersBringsItForward) {
    Connected c;
    ExchangeDeadline deadline(c.ioc.get_executor());
    deadline.start(c.client, SteadyClock::now() + 60s);
    EXPECT_FALSE(deadline.stop());
    deadline.start(c.client, SteadyClock::now() + 20ms);
    PendingRead read(c.client);
    c.run_for(3000ms);
    ASSERT_TRUE(read.done);
    EXPECT_TRUE(deadline.stop());
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
