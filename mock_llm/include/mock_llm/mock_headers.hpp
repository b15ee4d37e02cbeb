#pragma once
// Per-request test directives, sent as request header fields: "x-mock-fault: status=429;
// retry_after_ms=200" answers with that catalogue error at once, "x-mock-delay-ms: 300" delays
// the answer by 300 ms more. Strict parsing: the error text says what is wrong. Pure.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "support/expected.hpp"

namespace mock_llm {

inline constexpr std::string_view kFaultHeader = "x-mock-fault";
inline constexpr std::string_view kDelayHeader = "x-mock-delay-ms";

// Largest x-mock-delay-ms and retry_after_ms: one hour, as the profile's latency and retry_after.
inline constexpr std::chrono::milliseconds kMaxHeaderMillis = std::chrono::hours(1);

struct FaultDirective {
    int status = 500;  // a status of the error catalogue
    // Sent as retry-after-ms and Retry-After; absent: a 429 gets Profile::retry_after,
    // other statuses no retry hint.
    std::optional<std::chrono::milliseconds> retry_after;
};

// "status=S" then optionally ";retry_after_ms=N", in any order, spaces allowed around ';' and
// '='. S must be in the error catalogue; N is whole milliseconds 0..3600000. Unknown, repeated
// or empty keys are errors.
support::Expected<FaultDirective, std::string> parse_fault_header(std::string_view value);

// Whole milliseconds 0..3600000, digits only.
support::Expected<std::chrono::milliseconds, std::string> parse_delay_header(
    std::string_view value);

}  // namespace mock_llm
