#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <stdexcept>

#include "qa/async/gather.hpp"
#include "run_bounded.hpp"

namespace qa {
namespace {

using namespace std::chrono_literals;

qa::awaitable<int> after(std::chrono::milliseconds delay, int value) {
    net::steady_timer timer(co_await net::this_coro::executor, delay);
    co_await timer.async_wait(qa::use_awaitable);
    if (value < 0)
        throw std::runtime_error("task " + std::to_string(value) + " failed");
    co_return value;
}

TEST(Gather, ReturnsOutcomesInInputOrderWhateverTheFinishOrder) {
    net::io_context ioc;
    std::vector<Task<int>> tasks;
    for (int i = 0; i < 10; ++i) {
        tasks.emplace_back([i] { return after(std::chrono::milliseconds(30 - 3 * i), i); });
    }
    auto outcomes = test::run_bounded(ioc, gather(std::move(tasks)));
    ASSERT_TRUE(outcomes);
    ASSERT_EQ(outcomes->size(), 10u);
    for (int i = 0; i < 10; ++i)
        EXPECT_EQ(*(*outcomes)[i], i);
}

TEST(Gather, OneFailureNeitherCancelsNorLosesTheOthers) {
    net::io_context ioc;
    std::vector<Task<int>> tasks;
    tasks.emplace_back([] { return after(1ms, -1); });  // fails first
    for (int i = 1; i < 6; ++i)
        tasks.emplace_back([i] { return after(20ms, i); });
    auto outcomes = test::run_bounded(ioc, gather(std::move(tasks)));
    ASSERT_TRUE(outcomes);
    ASSERT_FALSE((*outcomes)[0]);
    EXPECT_THROW(std::rethrow_exception((*outcomes)[0].error()), std::runtime_error);
    for (int i = 1; i < 6; ++i) {
        ASSERT_TRUE((*outcomes)[i]) << i;
        EXPECT_EQ(*(*outcomes)[i], i);
    }
}

TEST(Gather, TasksRunConcurrently) {
    net::io_context ioc;
    std::vector<Task<int>> tasks;
    for (int i = 0; i < 50; ++i)
        tasks.emplace_back([i] { return after(100ms, i); });
    const auto start = std::chrono::steady_clock::now();
    auto outcomes = test::run_bounded(ioc, gather(std::move(tasks)));
    const auto elapsed = std::chrono::steady_clock::now() - start;
    ASSERT_TRUE(outcomes);
    // 50 sequential sleeps would take 5 s; concurrent ones take one sleep. Generous margin.
    EXPECT_LT(elapsed, 2s);
}

TEST(Gather, NoTasksGivesNoOutcomes) {
    net::io_context ioc;
    auto outcomes = test::run_bounded(ioc, gather(std::vector<Task<int>>{}));
    ASSERT_TRUE(outcomes);
    EXPECT_TRUE(outcomes->empty());
}

}  // namespace
}  // namespace qa
