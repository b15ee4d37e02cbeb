#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <vector>

#include "qa/async/semaphore.hpp"
#include "run_bounded.hpp"

namespace qa {
namespace {

using namespace std::chrono_literals;

// Holds a slot for `hold`, recording the order in which holders got in.
qa::awaitable<void> hold_for(AsyncSemaphore& sem, int id, std::vector<int>& order,
                             std::chrono::milliseconds hold) {
    auto permit = co_await sem.acquire();
    order.push_back(id);
    net::steady_timer timer(co_await net::this_coro::executor, hold);
    co_await timer.async_wait(qa::use_awaitable);
}

TEST(AsyncSemaphore, TryAcquireRespectsLimit) {
    AsyncSemaphore sem(2);
    auto a = sem.try_acquire();
    auto b = sem.try_acquire();
    auto c = sem.try_acquire();
    EXPECT_TRUE(a);
    EXPECT_TRUE(b);
    EXPECT_FALSE(c);
    EXPECT_EQ(sem.in_use(), 2u);
    a.reset();
    EXPECT_EQ(sem.in_use(), 1u);
    EXPECT_TRUE(sem.try_acquire());  // the temporary's slot is released at once
    EXPECT_EQ(sem.in_use(), 1u);
}

TEST(AsyncSemaphore, ZeroLimitIsABug) {
    EXPECT_THROW(AsyncSemaphore(0), std::invalid_argument);
}

TEST(AsyncSemaphore, WaitersAreServedFirstInFirstOut) {
    net::io_context ioc;
    AsyncSemaphore sem(1);
    std::vector<int> order;
    auto blocker = sem.try_acquire();
    for (int id = 0; id < 20; ++id) {
        net::co_spawn(ioc, hold_for(sem, id, order, 0ms), [](std::exception_ptr e) {
            if (e)
                std::rethrow_exception(e);
        });
    }
    ioc.run_for(50ms);  // everyone queues behind the blocker
    EXPECT_EQ(sem.waiting(), 20u);
    blocker.reset();
    ioc.restart();
    ioc.run_for(2s);
    std::vector<int> expected(20);
    for (int i = 0; i < 20; ++i)
        expected[i] = i;
    EXPECT_EQ(order, expected);
    EXPECT_EQ(sem.in_use(), 0u);
    EXPECT_EQ(sem.waiting(), 0u);
}

TEST(AsyncSemaphore, NewcomerNeverOvertakesAWaiter) {
    AsyncSemaphore sem(1);
    net::io_context ioc;
    std::vector<int> order;
    auto blocker = sem.try_acquire();
    net::co_spawn(ioc, hold_for(sem, 1, order, 0ms), [](std::exception_ptr) {});
    ioc.run_for(20ms);
    ASSERT_EQ(sem.waiting(), 1u);
    blocker.reset();  // the slot is handed to the waiter before it even resumes
    EXPECT_FALSE(sem.try_acquire()) << "a newcomer took the slot promised to the waiter";
    ioc.restart();
    ioc.run_for(1s);
    EXPECT_EQ(order, std::vector<int>{1});
}

TEST(AsyncSemaphore, NeverMoreHoldersThanTheLimit) {
    for (std::size_t limit : {1u, 3u, 10u}) {
        net::io_context ioc;
        AsyncSemaphore sem(limit);
        std::vector<int> order;
        for (int id = 0; id < 40; ++id) {
            net::co_spawn(ioc, hold_for(sem, id, order, 2ms), [](std::exception_ptr) {});
        }
        ioc.run_for(5s);
        EXPECT_EQ(order.size(), 40u);
        EXPECT_EQ(sem.max_in_use(), limit);
        EXPECT_EQ(sem.in_use(), 0u);
    }
}

TEST(AsyncSemaphore, DestroyedWaiterLeavesTheQueue) {
    AsyncSemaphore sem(1);
    auto blocker = sem.try_acquire();
    {
        net::io_context ioc;
        std::vector<int> order;
        net::co_spawn(ioc, hold_for(sem, 1, order, 0ms), [](std::exception_ptr) {});
        ioc.run_for(20ms);
        EXPECT_EQ(sem.waiting(), 1u);
    }  // the io_context and the suspended coroutine are destroyed here
    EXPECT_EQ(sem.waiting(), 0u);
    blocker.reset();
    EXPECT_EQ(sem.in_use(), 0u);
}

}  // namespace
}  // namespace qa
