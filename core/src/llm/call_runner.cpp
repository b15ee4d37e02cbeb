#include "qa/llm/call_runner.hpp"

#include "qa/config/settings.hpp"

namespace qa {
namespace {

using std::chrono::duration_cast;
using std::chrono::microseconds;

microseconds since(SteadyClock::time_point from, SteadyClock::time_point to) {
    return duration_cast<microseconds>(to - from);
}

}  // namespace

CallPolicy CallPolicy::from(const Settings& settings) {
    return CallPolicy{settings.call_timeout, settings.hold_slot_during_backoff,
                      RetryPolicy::from(settings)};
}

// The provider pushing back: what an adaptive limit treats as a drop.
bool is_drop(const AttemptResult& answer) {
    if (answer.result)
        return false;
    const auto& error = answer.result.error();
    return error.kind == CallErrorKind::timeout ||
           (error.kind == CallErrorKind::http_status &&
            (error.http_status == 429 || error.http_status == 503));
}

LlmCallRunner::LlmCallRunner(LlmClient& client, AsyncSemaphore& limiter, CallPolicy policy,
                             CallMetrics& metrics, std::uint64_t jitter_seed, FlowControls flow)
    : client_(client),
      limiter_(limiter),
      policy_(policy),
      metrics_(metrics),
      jitter_(jitter_seed),
      flow_(flow) {}

awaitable<CallOutcome> LlmCallRunner::run(ChatRequest request,
                                          std::optional<SteadyClock::time_point> intended) {
    co_return co_await run_borrowed(request, intended);
}

awaitable<CallOutcome> LlmCallRunner::run_borrowed(
    const ChatRequest& request, std::optional<SteadyClock::time_point> intended) {
    CallOutcome outcome{Unexpected(CallError{}), {}};
    CallRecord& record = outcome.record;
    record.intended_start = intended.value_or(SteadyClock::now());
    if (flow_.retry_budget)
        flow_.retry_budget->on_call();

    // Wait for a slot; the wait counts from the intended start (no coordinated omission). A free
    // slot is taken without suspending.
    SemaphorePermit permit = limiter_.try_acquire();
    if (!permit)
        permit = co_await limiter_.acquire();
    record.slot_acquired = SteadyClock::now();
    record.queue_wait = since(record.intended_start, record.slot_acquired);

    std::uniform_real_distribution<double> unit(0.0, 1.0);
    RetriesMade retries;
    for (;;) {
        if (!permit) {
            // The slot was given back during the backoff: queue again like everyone else.
            const auto queued = SteadyClock::now();
            permit = co_await limiter_.acquire();
            record.queue_wait += since(queued, SteadyClock::now());
        }

        // A client-side rate limit: the attempt waits for its token while holding the slot, so
        // the slot count stays what the server sees.
        if (flow_.rate)
            co_await flow_.rate->take();

        AttemptRecord& tried = record.attempts.emplace_back();
        tried.sent = SteadyClock::now();
        metrics_.attempt_started();
        AttemptResult answer =
            co_await client_.attempt(request, tried.sent + policy_.attempt_timeout);
        const auto in_flight = limiter_.in_use();
        metrics_.attempt_finished();
        record_attempt(answer, tried);
        if (flow_.limit) {
            flow_.limit->on_attempt(
                LimitSample{std::chrono::duration_cast<microseconds>(tried.done - tried.sent),
                            is_drop(answer), in_flight});
        }

        if (answer.result) {
            outcome.result = std::move(answer.result);
            break;
        }
        const CallError& error = answer.result.error();
        if (!policy_.retry.should_retry(error, retries)) {
            outcome.result = std::move(answer.result);
            break;
        }
        if (flow_.retry_budget && !flow_.retry_budget->try_spend()) {
            ++metrics_.retries_denied;  // the budget is spent: this error is the call's last
            outcome.result = std::move(answer.result);
            break;
        }

        // Sleep before the next attempt, with or without the slot (a policy the harness compares).
        tried.backoff = policy_.retry.delay_before_retry(error, retries.total(), unit(jitter_));
        ++(is_rate_limited(error) ? retries.rate_limited : retries.other);
        ++metrics_.retries;
        if (!policy_.hold_slot_during_backoff)
            permit.reset();
        net::steady_timer sleep(co_await net::this_coro::executor, tried.backoff);
        co_await sleep.async_wait(use_awaitable);
    }

    permit.reset();
    record.done = SteadyClock::now();
    record_call(outcome);
    co_return outcome;
}

void LlmCallRunner::record_attempt(const AttemptResult& answer, AttemptRecord& record) {
    record.done = SteadyClock::now();
    record.first_byte = answer.first_byte;
    record.server_time = answer.server_time;
    record.http_status = answer.http_status;
    metrics_.attempt_time.record(since(record.sent, record.done));
    if (answer.server_time)
        metrics_.server_time.record(*answer.server_time);
    if (answer.http_status != 0)
        ++metrics_.attempts_by_status[answer.http_status];
    if (!answer.result) {
        record.error = answer.result.error().kind;
        ++metrics_.attempts_by_error[std::string(to_string(*record.error))];
    }
}

void LlmCallRunner::record_call(const CallOutcome& outcome) {
    const CallRecord& record = outcome.record;
    metrics_.queue_wait.record(record.queue_wait);
    metrics_.service_time.record(record.service_time());
    metrics_.total.record(record.total());
    if (outcome.result) {
        ++metrics_.calls_ok;
    } else {
        ++metrics_.calls_failed;
    }
}

}  // namespace qa
