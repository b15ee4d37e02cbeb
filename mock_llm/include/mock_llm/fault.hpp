#pragma once
// Faults: what can be done to an answer instead of serving it normally, shared by the seeded
// chaos layer, scripts, the x-mock-fault header, the server behaviours, the stats and the journal.
// Plain value types and pure functions.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mock_llm {

enum class FaultKind : std::uint8_t {
    none,
    status,          // an error status of the catalogue, at once
    hang,            // no answer until the client gives up (or the server stops)
    reset,           // the connection is reset (RST) at once, no answer
    empty,           // 200 with an empty body, after the latency
    malformed_json,  // 200 whose body (or one event) is not JSON, after the latency
    truncated,       // 200 announcing the whole body; half is sent, then a close
    slow_drip,       // the whole answer, trickled a few bytes at a time
    stream_error,    // a streamed answer that ends with an error event half way (streams only)
    over_capacity,   // deepseek-concurrency: 429 past the concurrency cap
    rate_limited,    // openai-buckets: 429 when a bucket is short
    queue_cutoff,    // deepseek-legacy: the held 200 is closed after waiting too long
};

// Who applied a fault.
enum class FaultSource : std::uint8_t { none, header, script, chaos, behaviour };

// A fault to apply: the chaos layer's and a script's action.
struct FaultSpec {
    FaultKind kind = FaultKind::none;
    int status = 0;  // kind == status: a status of the error catalogue
    // Sent as retry-after-ms and Retry-After; absent: a 429 gets Profile::retry_after, other
    // statuses no retry hint.
    std::optional<std::chrono::milliseconds> retry_after;
    // Sent as x-should-retry ("true"/"false") with a status fault; absent: not sent.
    std::optional<bool> x_should_retry;

    friend bool operator==(const FaultSpec&, const FaultSpec&) = default;
};

// What a fault is called in profiles, stats and the journal: the status as digits ("429") for
// a status fault, else the kind's name ("hang", "queue_cutoff"); "" for none.
std::string fault_label(FaultKind kind, int status);
std::string_view fault_kind_name(FaultKind kind) noexcept;
std::string_view fault_source_name(FaultSource source) noexcept;

// The non-status kinds a profile may name ("hang" ... "stream_error"), or nullopt.
std::optional<FaultKind> fault_kind_from_name(std::string_view name) noexcept;

// The seeded decision of the original two-rate model, kept for callers that think in it:
// `occurrence` counts earlier requests with the same body (0 for the first), so a retry re-rolls.
// P(rate_limited) = rate_429; P(server_error) = (1 - rate_429) * rate_500. The chaos layer draws
// 429 and 500 first in the same way, so this is what it decides when only those are set.
enum class Fault { none, rate_limited, server_error };
Fault decide_fault(std::uint64_t seed, std::uint64_t body_hash, std::uint64_t occurrence,
                   double rate_429, double rate_500) noexcept;

}  // namespace mock_llm
