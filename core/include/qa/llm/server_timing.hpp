#pragma once
// How long the server says it spent on an answer, from its response headers: `Server-Timing`
// (W3C; the mock sends "total;dur=5.183") or OpenAI's `openai-processing-ms`. Beside the time
// the client measured from send to first byte, it splits an answer's latency into the server's
// part and the rest (the network, and the client getting round to reading). Pure.

#include <chrono>
#include <optional>
#include <string_view>

namespace qa {

// Server-Timing wins when it names a duration: the metric called "total" (any case), else the
// only metric that has a `dur` (milliseconds, fractions allowed; the first `dur` of a metric
// counts). Otherwise `openai-processing-ms` (non-negative milliseconds). A value that is not a
// non-negative number of at most a day, or several metrics with none called total, give
// nothing: a duration the client would have to guess at is worse than none.
std::optional<std::chrono::microseconds> parse_server_time(std::string_view server_timing,
                                                           std::string_view openai_processing_ms);

}  // namespace qa
