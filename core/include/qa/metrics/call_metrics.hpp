#pragma once
// CallMetrics: what the LLM phase measured, per call and per attempt. Queue wait (until a call
// first holds a slot, plus any re-acquisition after a released backoff) and service time (the
// rest: attempts and backoff sleeps) are recorded separately for every call.
// Thread safety: none; updated from the io_context thread that runs the calls.

#include <cstdint>
#include <map>
#include <string>

#include "qa/metrics/histogram.hpp"

namespace qa {

struct CallMetrics {
    LatencyHistogram queue_wait;    // per call
    LatencyHistogram service_time;  // per call
    LatencyHistogram total;         // per call: queue wait + service time
    LatencyHistogram attempt_time;  // per attempt: send to answer (or failure)
    // Per attempt whose answer said what the server spent on it (Server-Timing,
    // openai-processing-ms): beside attempt_time, the provider's part of the latency.
    LatencyHistogram server_time;

    std::uint64_t calls_ok = 0;
    std::uint64_t calls_failed = 0;
    std::uint64_t attempts = 0;
    std::uint64_t retries = 0;
    std::uint64_t retries_denied = 0;                        // retries the retry budget refused
    std::map<int, std::uint64_t> attempts_by_status;         // HTTP status of each answered attempt
    std::map<std::string, std::uint64_t> attempts_by_error;  // CallErrorKind of each failed attempt

    std::int64_t in_flight = 0;      // attempts talking to the server now
    std::int64_t max_in_flight = 0;  // its high-water mark

    void attempt_started() noexcept;
    void attempt_finished() noexcept;
    void merge(const CallMetrics& other);
};

}  // namespace qa
