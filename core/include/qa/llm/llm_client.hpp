#pragma once
// LlmClient: one attempt of a chat completion. Retries, limits and metrics live above it
// (LlmCallRunner), so a test double only has to answer one attempt.

#include <chrono>
#include <optional>

#include "qa/async/asio.hpp"
#include "qa/clock.hpp"
#include "qa/expected.hpp"
#include "qa/llm/call_error.hpp"
#include "qa/llm/chat.hpp"

namespace qa {

struct AttemptResult {
    Expected<ChatResponse, CallError> result;
    int http_status = 0;                                // 0 when no status line arrived
    std::optional<SteadyClock::time_point> first_byte;  // when the answer's headers arrived
    // What the server said it spent on the answer (Server-Timing, openai-processing-ms).
    std::optional<std::chrono::microseconds> server_time;
};

class LlmClient {
  public:
    virtual ~LlmClient() = default;

    // Waits for one attempt, bounded by `deadline`. When it returns, the connection it used is
    // back in a pool or closed: nothing of the attempt is still talking to the server.
    virtual awaitable<AttemptResult> attempt(const ChatRequest& request,
                                             SteadyClock::time_point deadline) = 0;
};

}  // namespace qa
