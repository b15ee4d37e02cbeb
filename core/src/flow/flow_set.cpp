#include "qa/flow/flow_set.hpp"

#include <algorithm>

#include "qa/config/limits.hpp"

namespace qa {

FlowSet::FlowSet(const Settings& settings, AsyncSemaphore& limiter) {
    const auto ceiling = static_cast<std::size_t>(settings.max_concurrent_calls);
    const auto floor = std::min(static_cast<std::size_t>(settings.limit_min), ceiling);
    switch (settings.limit_strategy) {
        case LimitStrategy::fixed:
            break;
        case LimitStrategy::aimd:
            limit_ = std::make_unique<LimitController>(limiter, make_aimd(), floor, ceiling);
            break;
        case LimitStrategy::gradient:
            limit_ = std::make_unique<LimitController>(limiter, make_gradient(), floor, ceiling);
            break;
    }
    if (settings.rate_limit_rpm > 0) {
        rate_ =
            std::make_unique<AsyncTokenBucket>(settings.rate_limit_rpm, settings.rate_limit_burst);
    }
    if (settings.retry_budget) {
        retry_budget_ =
            std::make_unique<RetryBudget>(*settings.retry_budget, limits::kRetryBudgetReserve);
    }
}

}  // namespace qa
