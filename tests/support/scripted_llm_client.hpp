#pragma once
// ScriptedLlmClient: a test double for one attempt. Each attempt takes the next scripted step
// (an answer or an error after a delay); once the script runs out it answers "ok". It counts
// the attempts it holds at once, the client-side twin of the mock's max in flight.

#include <algorithm>
#include <deque>

#include "qa/llm/llm_client.hpp"

namespace qa::test {

struct ScriptedStep {
    std::chrono::milliseconds delay{0};
    std::optional<CallError> error;  // absent: success
    int status = 200;
};

class ScriptedLlmClient final : public LlmClient {
  public:
    explicit ScriptedLlmClient(std::deque<ScriptedStep> script = {}) : script_(std::move(script)) {}

    qa::awaitable<AttemptResult> attempt(const ChatRequest& request,
                                         SteadyClock::time_point deadline) override {
        ScriptedStep step;
        if (!script_.empty()) {
            step = script_.front();
            script_.pop_front();
        }
        ++attempts_;
        max_in_flight_ = std::max(max_in_flight_, ++in_flight_);
        net::steady_timer timer(
            co_await net::this_coro::executor,
            std::min<SteadyClock::time_point>(SteadyClock::now() + step.delay, deadline));
        co_await timer.async_wait(qa::use_awaitable);
        --in_flight_;
        if (SteadyClock::now() >= deadline && step.delay > std::chrono::milliseconds(0)) {
            co_return AttemptResult{
                Unexpected(CallError{CallErrorKind::timeout, 0, "scripted", std::nullopt}), 0,
                std::nullopt, std::nullopt};
        }
        if (step.error)
            co_return AttemptResult{Unexpected(*step.error), step.status, std::nullopt,
                                    std::nullopt};
        ChatResponse answer;
        answer.content = request.messages.empty() ? "" : "echo:" + request.messages.back().content;
        co_return AttemptResult{answer, 200, SteadyClock::now(), std::nullopt};
    }

    int attempts() const { return attempts_; }
    int max_in_flight() const { return max_in_flight_; }

  private:
    std::deque<ScriptedStep> script_;
    int attempts_ = 0;
    int in_flight_ = 0;
    int max_in_flight_ = 0;
};

inline CallError http_error(int status, std::optional<std::chrono::microseconds> retry_after = {}) {
    return CallError{CallErrorKind::http_status, status, "scripted " + std::to_string(status),
                     retry_after};
}

}  // namespace qa::test
