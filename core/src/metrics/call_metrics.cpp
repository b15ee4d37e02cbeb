#include "qa/metrics/call_metrics.hpp"

#include <algorithm>

namespace qa {

void CallMetrics::attempt_started() noexcept {
    ++attempts;
    ++in_flight;
    max_in_flight = std::max(max_in_flight, in_flight);
}

void CallMetrics::attempt_finished() noexcept {
    --in_flight;
}

void CallMetrics::merge(const CallMetrics& other) {
    queue_wait.merge(other.queue_wait);
    service_time.merge(other.service_time);
    total.merge(other.total);
    attempt_time.merge(other.attempt_time);
    server_time.merge(other.server_time);
    calls_ok += other.calls_ok;
    calls_failed += other.calls_failed;
    attempts += other.attempts;
    retries += other.retries;
    retries_denied += other.retries_denied;
    for (const auto& [status, n] : other.attempts_by_status)
        attempts_by_status[status] += n;
    for (const auto& [kind, n] : other.attempts_by_error)
        attempts_by_error[kind] += n;
    max_in_flight = std::max(max_in_flight, other.max_in_flight);
}

}  // namespace qa
