#pragma once
// What a fault makes of an answer: the error answer of a status fault, and the 200 answer
// changed by a delivery fault (hang, empty, malformed JSON, truncated, slow drip, error event
// mid-stream). Pure.

#include <chrono>
#include <string_view>

#include "mock_llm/chaos.hpp"
#include "mock_llm/fault.hpp"
#include "mock_llm/handler.hpp"

namespace mock_llm {

// The catalogue's error for fault.status (401 naming the request's key), at once, with
// retry-after-ms and Retry-After when the fault has a retry_after (a 429 without one gets
// `default_retry_after`), and x-should-retry when the fault says.
Decision status_fault_answer(const FaultSpec& fault, std::chrono::microseconds default_retry_after,
                             std::string_view authorization);

// Changes the 200 answer as a delivery fault sends it: hang, reset, truncated and slow_drip
// only set the delivery; empty clears the body (a JSON 200 with Content-Length: 0); malformed_json
// cuts the JSON body, or one event's JSON, in half; stream_error keeps the first half of the
// events and ends with an error event instead of [DONE] (streams only; a JSON answer is left
// alone).
void apply_delivery_fault(Decision& answer, FaultKind kind, const DripPace& drip);

}  // namespace mock_llm
