#pragma once
// LimitScope: hands each analysis the concurrency limit it runs under, and the flow controls
// built around it (FlowSet): one group shared by every analysis of the process, or a new group
// per analysis, as Settings::limiter_scope says (LLM_LIMITER_SCOPE). A shared limit is what a
// service needs when several requests fan out at once: the provider then sees at most one
// limit's worth of calls in flight, not one per request.
// Thread safety: none; the limiters belong to one io_context thread. Lifetime: a group lives as
// long as the analyses holding it (and, when shared, the LimitScope).

#include <memory>

#include "qa/async/semaphore.hpp"
#include "qa/config/settings.hpp"
#include "qa/flow/flow_set.hpp"

namespace qa {

// One limiter and the flow controls around it.
struct LimitGroup {
    explicit LimitGroup(const Settings& settings);
    LimitGroup(const LimitGroup&) = delete;
    LimitGroup& operator=(const LimitGroup&) = delete;

    AsyncSemaphore limiter;  // starts at settings.max_concurrent_calls
    FlowSet flow;
};

class LimitScope {
  public:
    explicit LimitScope(Settings settings);

    // Shared scope: the same group every time. Per analysis: a new one, owned by the caller.
    std::shared_ptr<LimitGroup> for_analysis();
    LimiterScope scope() const noexcept { return settings_.limiter_scope; }

  private:
    Settings settings_;
    std::shared_ptr<LimitGroup> shared_;  // shared scope only
};

}  // namespace qa
