#include "qa/flow/limit_scope.hpp"

namespace qa {

LimitGroup::LimitGroup(const Settings& settings)
    : limiter(static_cast<std::size_t>(settings.max_concurrent_calls)), flow(settings, limiter) {}

LimitScope::LimitScope(Settings settings) : settings_(std::move(settings)) {}

std::shared_ptr<LimitGroup> LimitScope::for_analysis() {
    if (settings_.limiter_scope == LimiterScope::per_analysis)
        return std::make_shared<LimitGroup>(settings_);
    if (!shared_)
        shared_ = std::make_shared<LimitGroup>(settings_);
    return shared_;
}

}  // namespace qa
