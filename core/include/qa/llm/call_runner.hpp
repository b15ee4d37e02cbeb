#pragma once
// LlmCallRunner: one logical LLM call under the shared concurrency limit: wait for a slot, try,
// and on a retryable failure sleep (full-jitter backoff or the server's Retry-After) and try
// again, up to the retry limit. It records every attempt and updates CallMetrics.
// Thread safety: none; one io_context thread. Lifetime: the client, limiter and metrics it is
// given outlive it; it outlives every run() in progress.

#include <cstdint>
#include <random>

#include "qa/async/semaphore.hpp"
#include "qa/flow/flow_set.hpp"
#include "qa/llm/call_record.hpp"
#include "qa/llm/llm_client.hpp"
#include "qa/llm/retry_policy.hpp"
#include "qa/metrics/call_metrics.hpp"

namespace qa {

struct CallPolicy {
    std::chrono::microseconds attempt_timeout{120'000'000};  // deadline of each attempt
    // Keep the slot while sleeping before a retry (the original) or give it back and queue again.
    bool hold_slot_during_backoff = true;
    RetryPolicy retry;

    static CallPolicy from(const Settings& settings);
};

class LlmCallRunner {
  public:
    // `flow` holds the optional controls besides the limit (adaptive limit, rate, retry
    // budget); they must outlive the runner.
    LlmCallRunner(LlmClient& client, AsyncSemaphore& limiter, CallPolicy policy,
                  CallMetrics& metrics, std::uint64_t jitter_seed = 0x5eed, FlowControls flow = {});

    // Waits for a slot and runs the call to its end: an answer, or the last attempt's error.
    // `intended_start` defaults to now (closed loop); an open-loop driver passes its schedule.
    // The request is taken by value: a coroutine must not keep a reference to a caller's
    // temporary.
    awaitable<CallOutcome> run(ChatRequest request,
                               std::optional<SteadyClock::time_point> intended_start = {});
    // The same for a request the caller keeps alive until the returned awaitable completes (as
    // run_parallel_calls does with its task list), which saves copying the prompts.
    awaitable<CallOutcome> run_borrowed(const ChatRequest& request,
                                        std::optional<SteadyClock::time_point> intended_start = {});

    AsyncSemaphore& limiter() noexcept { return limiter_; }
    const CallPolicy& policy() const noexcept { return policy_; }

  private:
    void record_attempt(const AttemptResult& answer, AttemptRecord& record);
    void record_call(const CallOutcome& outcome);

    LlmClient& client_;
    AsyncSemaphore& limiter_;
    CallPolicy policy_;
    CallMetrics& metrics_;
    std::mt19937_64 jitter_;
    FlowControls flow_;
};

}  // namespace qa
