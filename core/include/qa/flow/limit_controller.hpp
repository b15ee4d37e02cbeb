#pragma once
// LimitController: moves an AsyncSemaphore's limit with a LimitAlgorithm as attempts end, within
// [min, max], and keeps the limit's history so reports can plot it over time.
// Thread safety: none; the io thread of the semaphore. Lifetime: shorter than the semaphore's.

#include <memory>
#include <vector>

#include "qa/async/asio.hpp"
#include "qa/async/semaphore.hpp"
#include "qa/clock.hpp"
#include "qa/flow/limit_algorithm.hpp"

namespace qa {

struct LimitChange {
    SteadyClock::time_point at;
    std::size_t limit = 0;
};

class LimitController {
  public:
    // Starts at the semaphore's current limit (clamped).
    LimitController(AsyncSemaphore& semaphore, std::unique_ptr<LimitAlgorithm> algorithm,
                    std::size_t min, std::size_t max);

    void on_attempt(const LimitSample& sample);

    std::string_view strategy() const { return algorithm_->name(); }
    std::size_t limit() const noexcept { return semaphore_.limit(); }
    const std::vector<LimitChange>& history() const noexcept { return history_; }

  private:
    AsyncSemaphore& semaphore_;
    std::unique_ptr<LimitAlgorithm> algorithm_;
    double min_;
    double max_;
    double estimate_;  // fractional: small steps add up to a whole slot
    std::vector<LimitChange> history_;
};

}  // namespace qa
