#include "mock_llm/fault_answer.hpp"

#include <algorithm>

#include "mock_llm/errors.hpp"

namespace mock_llm {

namespace {

// Keeps events [0, count) of a streamed answer.
void keep_events(Decision& answer, std::size_t count) {
    count = std::min(count, answer.event_ends.size());
    answer.body.resize(count == 0 ? 0 : answer.event_ends[count - 1]);
    answer.event_ends.resize(count);
}

void append_event(Decision& answer, std::string_view event) {
    answer.body += event;
    answer.event_ends.push_back(answer.body.size());
}

void malform(Decision& answer) {
    if (!answer.streaming()) {
        answer.body.resize(answer.body.size() / 2);  // an object cut mid-way never parses
        return;
    }
    // The first content event (or the only one) loses the second half of its JSON.
    const std::size_t victim = std::min<std::size_t>(1, answer.event_ends.size() - 1);
    const std::size_t begin = victim == 0 ? 0 : answer.event_ends[victim - 1];
    const std::size_t end = answer.event_ends[victim];
    const std::string cut = answer.body.substr(begin, (end - begin) / 2) + "\n\n";
    const std::string rest = answer.body.substr(end);
    answer.body.resize(begin);
    answer.body += cut;
    const std::ptrdiff_t shift =
        static_cast<std::ptrdiff_t>(cut.size()) - static_cast<std::ptrdiff_t>(end - begin);
    for (std::size_t i = victim; i < answer.event_ends.size(); ++i) {
        answer.event_ends[i] =
            static_cast<std::size_t>(static_cast<std::ptrdiff_t>(answer.event_ends[i]) + shift);
    }
    answer.body += rest;
}

void end_with_error_event(Decision& answer) {
    const ErrorKind* kind = find_error_kind(500);
    keep_events(answer, std::max<std::size_t>(1, answer.event_ends.size() / 2));
    append_event(answer, "data: " + error_body(kind->message, kind->type, kind->code) + "\n\n");
    answer.paced_events = std::min(answer.paced_events, answer.event_ends.size() - 1);
}

}  // namespace

Decision status_fault_answer(const FaultSpec& fault, std::chrono::microseconds default_retry_after,
                             std::string_view authorization) {
    Decision decision = fault.status == 401
                            ? api_error(401, authentication_failed_message(authorization))
                            : api_error(fault.status);
    if (fault.retry_after) {
        add_retry_hints(decision, *fault.retry_after);
    } else if (fault.status == 429) {
        add_retry_hints(decision, default_retry_after);
    }
    if (fault.x_should_retry) {
        decision.headers.push_back({"x-should-retry", *fault.x_should_retry ? "true" : "false"});
    }
    decision.fault = FaultKind::status;
    decision.fault_status = fault.status;
    return decision;
}

void apply_delivery_fault(Decision& answer, FaultKind kind, const DripPace& drip) {
    switch (kind) {
        case FaultKind::hang:
            answer.delivery = Delivery::hang;
            break;
        case FaultKind::reset:
            answer.delivery = Delivery::reset;
            break;
        case FaultKind::truncated:
            answer.delivery = Delivery::truncate;
            break;
        case FaultKind::slow_drip:
            answer.delivery = Delivery::drip;
            answer.drip = drip;
            break;
        case FaultKind::empty:
            // A stream keeps its event-stream type and sends no event, as a real one would.
            if (answer.streaming())
                answer.content_type = "text/event-stream";
            answer.body.clear();
            answer.event_ends.clear();
            break;
        case FaultKind::malformed_json:
            malform(answer);
            break;
        case FaultKind::stream_error:
            if (!answer.streaming()) {
                return;  // only a stream has events to break off
            }
            end_with_error_event(answer);
            break;
        case FaultKind::none:
        case FaultKind::status:
        case FaultKind::over_capacity:
        case FaultKind::rate_limited:
        case FaultKind::queue_cutoff:
            return;
    }
    answer.fault = kind;
}

}  // namespace mock_llm
