#include "qa/llm/parallel_calls.hpp"

#include "qa/async/gather.hpp"

namespace qa {
namespace {

std::string exception_text(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        return e.what();
    } catch (...) {
        return "unknown exception";
    }
}

}  // namespace

awaitable<ParallelCallsResult> run_parallel_calls(
    LlmCallRunner& runner, const std::vector<LlmTask>& tasks, Logger log,
    std::optional<SteadyClock::time_point> intended_start, AnswerCheck check) {
    ParallelCallsResult result;
    if (tasks.empty())
        co_return result;

    const auto started = SteadyClock::now();
    log.info("Starting parallel LLM analysis: tasks=" + std::to_string(tasks.size()) +
             ", max_concurrent=" + std::to_string(runner.limiter().limit()));

    std::vector<Task<CallOutcome>> calls;
    calls.reserve(tasks.size());
    for (const auto& task : tasks) {
        calls.emplace_back([&runner, &task, intended_start] {
            return runner.run_borrowed(task.request, intended_start);
        });
    }
    auto outcomes = co_await gather(std::move(calls));

    result.outcomes.reserve(outcomes.size());
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        if (outcomes[i]) {
            result.outcomes.push_back(std::move(*outcomes[i]));
        } else {
            // A bug surfaced as an exception: this task fails with the reason, the rest stand.
            CallOutcome crashed{
                Unexpected(CallError{CallErrorKind::internal, 0,
                                     exception_text(outcomes[i].error()), std::nullopt}),
                {}};
            result.outcomes.push_back(std::move(crashed));
        }
        const auto& outcome = result.outcomes.back();
        std::optional<std::string> failure;
        if (!outcome.result)
            failure = outcome.result.error().describe();
        else if (check)
            failure = check(i, *outcome.result);
        if (failure) {
            ++result.failed;
            log.error("LLM analysis failed for function " + tasks[i].name + ": " + *failure);
        } else {
            ++result.successful;
        }
    }

    result.elapsed =
        std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - started);
    log.info("Parallel LLM analysis completed: successful=" + std::to_string(result.successful) +
             ", failed=" + std::to_string(result.failed) +
             ", elapsed_ms=" + std::to_string(result.elapsed.count() / 1000));
    co_return result;
}

}  // namespace qa
