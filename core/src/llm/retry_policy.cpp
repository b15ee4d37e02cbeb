#include "qa/llm/retry_policy.hpp"

#include <algorithm>

#include "qa/config/settings.hpp"

namespace qa {

RetryPolicy RetryPolicy::from(const Settings& settings) {
    return RetryPolicy{
        settings.max_retries,       settings.backoff_base,           settings.backoff_cap,
        settings.retry_after_limit, settings.max_rate_limit_retries, settings.retry_after_scale};
}

bool RetryPolicy::should_retry(const CallError& error, RetriesMade made) const {
    if (!is_retryable(error))
        return false;
    return is_rate_limited(error) ? made.rate_limited < max_rate_limit_retries
                                  : made.other < max_retries;
}

std::chrono::microseconds RetryPolicy::worst_case_call(
    std::chrono::microseconds attempt_timeout) const {
    const int attempts = max_attempts();
    return attempt_timeout * attempts + std::max(backoff_cap, retry_after_limit) * (attempts - 1);
}

std::chrono::microseconds RetryPolicy::backoff_ceiling(int retry_index) const {
    // Doubling stops at the cap; counting the doublings avoids overflow for large indices.
    auto ceiling = backoff_base;
    for (int i = 0; i < retry_index && ceiling < backoff_cap; ++i)
        ceiling *= 2;
    return std::min(ceiling, backoff_cap);
}

std::chrono::microseconds RetryPolicy::delay_before_retry(const CallError& error, int retry_index,
                                                          double unit_draw) const {
    if (error.retry_after) {
        const auto hint = scale_duration(*error.retry_after, retry_after_scale);
        if (hint <= retry_after_limit)
            return hint;
    }
    const double draw = std::clamp(unit_draw, 0.0, 1.0);
    const auto ceiling = backoff_ceiling(retry_index);
    return std::chrono::microseconds(
        static_cast<std::int64_t>(draw * static_cast<double>(ceiling.count())));
}

}  // namespace qa
