#pragma once
// What happened to one call, attempt by attempt: the raw material of every latency figure.

#include <chrono>
#include <optional>
#include <vector>

#include "qa/expected.hpp"
#include "qa/llm/call_error.hpp"
#include "qa/llm/chat.hpp"
#include "qa/llm/llm_client.hpp"

namespace qa {

struct AttemptRecord {
    SteadyClock::time_point sent;                       // holding a slot, attempt starts
    std::optional<SteadyClock::time_point> first_byte;  // answer headers arrived
    // The time the server said it spent on the answer (Server-Timing, openai-processing-ms).
    std::optional<std::chrono::microseconds> server_time;
    SteadyClock::time_point done;
    int http_status = 0;                   // 0 when no status line arrived
    std::optional<CallErrorKind> error;    // absent when the attempt succeeded
    std::chrono::microseconds backoff{0};  // sleep after this attempt before the next one
};

struct CallRecord {
    SteadyClock::time_point intended_start;  // when the call was asked for
    SteadyClock::time_point slot_acquired;   // first time it held a slot
    SteadyClock::time_point done;
    std::chrono::microseconds queue_wait{0};  // all time spent waiting for a slot
    std::vector<AttemptRecord> attempts;

    std::chrono::microseconds total() const {
        return std::chrono::duration_cast<std::chrono::microseconds>(done - intended_start);
    }
    std::chrono::microseconds service_time() const { return total() - queue_wait; }
};

struct CallOutcome {
    Expected<ChatResponse, CallError> result;
    CallRecord record;
};

}  // namespace qa
