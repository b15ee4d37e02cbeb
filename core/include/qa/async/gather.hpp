#pragma once
// gather(): runs every task concurrently and returns one outcome per task, in input order, like
// asyncio.gather(..., return_exceptions=True): a task that throws becomes a failed outcome, and
// no task is ever cancelled or delayed because another failed. Concurrency limits are the tasks'
// own business (they acquire an AsyncSemaphore where they need one).
// Thread safety: the tasks and the awaiting coroutine must share one single-threaded executor.

#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "qa/async/asio.hpp"
#include "qa/expected.hpp"

namespace qa {

template <class T>
using TaskOutcome = Expected<T, std::exception_ptr>;

template <class T>
using Task = std::function<awaitable<T>()>;

template <class T>
awaitable<std::vector<TaskOutcome<T>>> gather(std::vector<Task<T>> tasks) {
    const auto executor = co_await net::this_coro::executor;
    struct State {
        explicit State(const net::any_io_executor& ex, std::size_t n)
            : outcomes(n), remaining(n), all_done(ex, net::steady_timer::time_point::max()) {}
        std::vector<std::optional<TaskOutcome<T>>> outcomes;
        std::size_t remaining;
        net::steady_timer all_done;  // cancelled by the last task to finish
    };
    auto state = std::make_shared<State>(executor, tasks.size());

    for (std::size_t i = 0; i < tasks.size(); ++i) {
        net::co_spawn(
            executor,
            [state, i, task = std::move(tasks[i])]() -> awaitable<void> {
                state->outcomes[i].emplace(co_await task());
            },
            // Every task's failure is looked at: it becomes that task's outcome.
            [state, i](std::exception_ptr error) {
                if (error)
                    state->outcomes[i].emplace(Unexpected(error));
                if (--state->remaining == 0)
                    state->all_done.cancel();
            });
    }

    boost::system::error_code ec;
    while (state->remaining > 0) {
        // operation_aborted is the expected wake-up from the last task.
        co_await state->all_done.async_wait(net::redirect_error(use_awaitable, ec));
    }

    std::vector<TaskOutcome<T>> results;
    results.reserve(state->outcomes.size());
    for (auto& outcome : state->outcomes)
        results.push_back(std::move(*outcome));
    co_return results;
}

}  // namespace qa
