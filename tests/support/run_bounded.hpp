#pragma once
// run_bounded(): runs one coroutine on a fresh io_context for at most `limit`, so a hung test
// fails instead of hanging CI. Returns nullopt (and the test fails) when time runs out. Takes
// coroutines on either executor type: the project's (qa::awaitable) or Asio's default.

#include <utility>  // Boost 1.74's awaitable.hpp misses it.

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <exception>
#include <optional>

#include <gtest/gtest.h>

namespace qa::test {

template <class T, class Executor>
std::optional<T> run_bounded(boost::asio::io_context& ioc, boost::asio::awaitable<T, Executor> work,
                             std::chrono::milliseconds limit = std::chrono::seconds(20)) {
    std::optional<T> result;
    std::exception_ptr failure;
    // Wrapped in a void coroutine: co_spawn of awaitable<T> would need T default-constructible.
    boost::asio::co_spawn(
        ioc,
        [&result, work = std::move(work)]() mutable -> boost::asio::awaitable<void, Executor> {
            result.emplace(co_await std::move(work));
        },
        [&](std::exception_ptr error) { failure = error; });
    ioc.run_for(limit);
    if (failure)
        std::rethrow_exception(failure);
    EXPECT_TRUE(result.has_value())
        << "the coroutine did not finish within " << limit.count() << " ms";
    return result;
}

// For awaitable<void>: true when it finished in time.
template <class Executor>
bool run_bounded_void(boost::asio::io_context& ioc, boost::asio::awaitable<void, Executor> work,
                      std::chrono::milliseconds limit = std::chrono::seconds(20)) {
    bool finished = false;
    std::exception_ptr failure;
    boost::asio::co_spawn(ioc, std::move(work), [&](std::exception_ptr error) {
        failure = error;
        finished = true;
    });
    ioc.run_for(limit);
    if (failure)
        std::rethrow_exception(failure);
    EXPECT_TRUE(finished) << "the coroutine did not finish within " << limit.count() << " ms";
    return finished;
}

}  // namespace qa::test
