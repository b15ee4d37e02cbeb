#pragma once
// The flow controls a call runner consults besides its concurrency limit, and FlowSet, which
// builds the ones a Settings asks for (LLM_LIMIT_STRATEGY, LLM_RATE_LIMIT_RPM,
// LLM_RETRY_BUDGET) around one limiter. Each is optional: the original used none.
// Thread safety: none; the io thread of the limiter. Lifetime: outlives the runners using it.

#include <memory>

#include "qa/async/semaphore.hpp"
#include "qa/config/settings.hpp"
#include "qa/flow/limit_controller.hpp"
#include "qa/flow/retry_budget.hpp"
#include "qa/flow/token_bucket.hpp"

namespace qa {

struct FlowControls {
    LimitController* limit = nullptr;     // moves the limiter's limit after each attempt
    AsyncTokenBucket* rate = nullptr;     // each attempt takes a token first
    RetryBudget* retry_budget = nullptr;  // each retry spends from it
};

class FlowSet {
  public:
    // `limiter` starts at settings.max_concurrent_calls, which is also an adaptive limit's
    // ceiling; its floor is settings.limit_min (at most the ceiling).
    FlowSet(const Settings& settings, AsyncSemaphore& limiter);

    FlowControls controls() const noexcept {
        return {limit_.get(), rate_.get(), retry_budget_.get()};
    }
    const LimitController* limit() const noexcept { return limit_.get(); }
    const RetryBudget* retry_budget() const noexcept { return retry_budget_.get(); }

  private:
    std::unique_ptr<LimitController> limit_;
    std::unique_ptr<AsyncTokenBucket> rate_;
    std::unique_ptr<RetryBudget> retry_budget_;
};

}  // namespace qa
