#pragma once
// Reading a server's retry hint. Pure functions.

#include <chrono>
#include <optional>
#include <string_view>

namespace qa {

// `retry-after-ms` (a non-negative number of milliseconds, fractions allowed) wins when valid;
// otherwise `Retry-After` as non-negative seconds (fractions allowed) or an HTTP-date
// (IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT") relative to `now`; a date in the past
// means zero. Absent or unreadable headers give nullopt.
std::optional<std::chrono::microseconds> parse_retry_after(
    std::string_view retry_after_ms_header, std::string_view retry_after_header,
    std::chrono::system_clock::time_point now);

}  // namespace qa
