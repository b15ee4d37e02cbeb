#include "qa/flow/limit_scope.hpp"

namespace qa {

LimitGroup::LimitGroup(const Settings& settings)
    : limiter(static_cast<std::size_t>(settings.max_concurrent_calls)), flow(settings, limiter) {}

LimitScope::LimitScope(Settings settings) : settings_(std::move(settings)) {
    // Made now rather than at the first analysis: an adaptive limit's history starts with the
    // scope, before any analysis arrives.
    if (settings_.limiter_scope == LimiterScope::shared)
        shared_ = std::make_shared<LimitGroup>(settings_);
}

std::shared_ptr<LimitGroup> LimitScope::for_analysis() {
    if (shared_)
        return shared_;
    return std::make_shared<LimitGroup>(settings_);
}

}  // namespace qa
