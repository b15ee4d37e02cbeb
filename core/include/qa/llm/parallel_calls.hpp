#pragma once
// The LLM phase's fan-out: every task started at once, each under the runner's shared limit,
// one outcome per task in input order. A failed task is logged and reported; it never blocks,
// cancels or loses any other (asyncio.gather(..., return_exceptions=True) in the original).

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "qa/llm/call_runner.hpp"
#include "qa/log/logger.hpp"

namespace qa {

struct LlmTask {
    std::string name;  // what the log names when it fails, e.g. "tests/test_x.py::test_y"
    ChatRequest request;
};

// Whether a call's answer is usable by its task (e.g. its content is the JSON asked for):
// nullopt if so, else why not. `task` is the task's index.
using AnswerCheck =
    std::function<std::optional<std::string>(std::size_t task, const ChatResponse&)>;

struct ParallelCallsResult {
    std::vector<CallOutcome> outcomes;  // outcomes[i] belongs to tasks[i]
    std::size_t successful = 0;
    std::size_t failed = 0;
    std::chrono::microseconds elapsed{0};
};

// Waits for every task. Logs the original's lines: "Starting parallel LLM analysis: tasks=N,
// max_concurrent=C", one "LLM analysis failed for function NAME: ERROR" per failure, and
// "Parallel LLM analysis completed: successful=S, failed=F, elapsed_ms=T". No tasks: no call,
// no log line, an empty result. `runner` and `tasks` must outlive the wait; the logger is
// copied, since a coroutine would otherwise keep a reference to a caller's temporary.
// `intended_start` is when the work was asked for (an open-loop driver's schedule); queue wait
// and total latency count from it. Absent: from now. With `check`, an answer it refuses makes
// its task failed (counted and logged as such, as the original's task failed when it could not
// parse the answer); the outcome keeps the answer.
awaitable<ParallelCallsResult> run_parallel_calls(
    LlmCallRunner& runner, const std::vector<LlmTask>& tasks, Logger log,
    std::optional<SteadyClock::time_point> intended_start = std::nullopt, AnswerCheck check = {});

}  // namespace qa
