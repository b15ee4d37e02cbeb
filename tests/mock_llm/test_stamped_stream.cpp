// StampedStream on a real loopback connection: a read learns when its bytes arrived (not when it
// ran), and the sweeper-driven deadline times out pending operations without a timer per read.
#include <gtest/gtest.h>

#include <array>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>

#include "stamped_stream.hpp"

namespace mock_llm {
namespace {

// Deadlines are set from the coarse clock rounded up by a tick (a few ms): a check this far past
// a 1 ms deadline is past it whatever the tick.
constexpr auto kPastAnyTick = std::chrono::milliseconds(100);

namespace net = boost::asio;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;

// A connected pair on loopback: `server` wrapped in a StampedStream, `client` a plain socket.
struct Pair {
    net::io_context ioc;
    tcp::socket client{ioc};
    std::optional<StampedStream> server;

    Pair() {
        tcp::acceptor acceptor(ioc, tcp::endpoint(net::ip::address_v4::loopback(), 0));
        client.connect(acceptor.local_endpoint());
        server.emplace(acceptor.accept());
    }

    struct Read {
        bool done = false;
        boost::system::error_code error;
        std::size_t bytes = 0;
    };

    // Starts one read; its result lands in `read` once the io_context runs it.
    void start_read(Read& read) {
        read = {};
        server->async_read_some(net::buffer(buffer),
                                [&read](boost::system::error_code ec, std::size_t n) {
                                    read = {true, ec, n};
                                });
    }

    // One read, run to completion (bounded).
    Read read_once() {
        Read read;
        start_read(read);
        ioc.restart();
        ioc.run_for(5s);
        return read;
    }

    std::array<char, 64> buffer{};
};

TEST(StampedStream, AReadKnowsWhenItsBytesArrivedNotWhenItRan) {
    Pair pair;
    // The kernel turns receive stamps on asynchronously after the first socket asks: wait until
    // a probe comes back stamped (bounded).
    for (int probe = 0; probe < 200; ++probe) {
        net::write(pair.client, net::buffer(std::string_view("p")));
        if (const auto read = pair.read_once(); read.done && pair.server->last_read_stamped())
            break;
        std::this_thread::sleep_for(5ms);
    }
    ASSERT_TRUE(pair.server->last_read_stamped()) << "the kernel never stamped a read";
    net::write(pair.client, net::buffer(std::string_view("hello")));
    const auto written = StampedStream::Clock::now();
    std::this_thread::sleep_for(50ms);  // the server is "busy" while the bytes wait

    const auto read = pair.read_once();
    ASSERT_TRUE(read.done);
    ASSERT_FALSE(read.error) << read.error.message();
    EXPECT_EQ(std::string_view(pair.buffer.data(), read.bytes), "hello");
    const auto read_at = StampedStream::Clock::now();
    // The stamp is from before the sleep, not from the read 50 ms later.
    EXPECT_LT(pair.server->last_arrival(), written + 20ms);
    EXPECT_GT(read_at - pair.server->last_arrival(), 40ms);
}

TEST(StampedStream, AReadThatWaitsCompletesWhenBytesCome) {
    Pair pair;
    Pair::Read read;
    pair.start_read(read);
    pair.ioc.poll();
    EXPECT_FALSE(read.done) << "nothing was sent yet";
    net::write(pair.client, net::buffer(std::string_view("late")));
    pair.ioc.run_for(5s);
    ASSERT_TRUE(read.done);
    EXPECT_FALSE(read.error);
    EXPECT_EQ(read.bytes, 4u);
}

TEST(StampedStream, APendingReadPastItsDeadlineTimesOut) {
    Pair pair;
    pair.server->expires_after(1ms);
    Pair::Read read;
    pair.start_read(read);
    pair.ioc.poll();
    ASSERT_FALSE(read.done);
    pair.server->check_deadline(StampedStream::Clock::now() + kPastAnyTick);
    pair.ioc.run_for(5s);
    ASSERT_TRUE(read.done);
    EXPECT_EQ(read.error, boost::beast::error::timeout);
}

TEST(StampedStream, ADeadlineThatPassesWhileIdleTimesOutTheNextOperationOnly) {
    Pair pair;
    pair.server->expires_after(1ms);
    // Nothing is pending: no cancel.
    pair.server->check_deadline(StampedStream::Clock::now() + kPastAnyTick);
    const auto timed_out = pair.read_once();
    ASSERT_TRUE(timed_out.done);
    EXPECT_EQ(timed_out.error, boost::beast::error::timeout);

    // A new deadline starts afresh.
    pair.server->expires_after(10s);
    net::write(pair.client, net::buffer(std::string_view("ok")));
    const auto read = pair.read_once();
    ASSERT_TRUE(read.done);
    EXPECT_FALSE(read.error) << read.error.message();
}

TEST(StampedStream, TheEndOfTheStreamIsEof) {
    Pair pair;
    pair.client.close();
    const auto read = pair.read_once();
    ASSERT_TRUE(read.done);
    EXPECT_EQ(read.error, net::error::eof);
}

}  // namespace
}  // namespace mock_llm
