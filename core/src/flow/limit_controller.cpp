#include "qa/flow/limit_controller.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace qa {

LimitController::LimitController(AsyncSemaphore& semaphore,
                                 std::unique_ptr<LimitAlgorithm> algorithm, std::size_t min,
                                 std::size_t max)
    : semaphore_(semaphore),
      algorithm_(std::move(algorithm)),
      min_(static_cast<double>(min)),
      max_(static_cast<double>(max)) {
    if (min == 0 || min > max)
        throw std::invalid_argument("LimitController needs 1 <= min <= max");
    estimate_ = std::clamp(static_cast<double>(semaphore_.limit()), min_, max_);
    semaphore_.set_limit(static_cast<std::size_t>(estimate_));
    history_.push_back({SteadyClock::now(), semaphore_.limit()});
}

void LimitController::on_attempt(const LimitSample& sample) {
    estimate_ = std::clamp(algorithm_->next(estimate_, sample), min_, max_);
    const auto whole = static_cast<std::size_t>(std::floor(estimate_));
    if (whole != semaphore_.limit()) {
        semaphore_.set_limit(whole);
        history_.push_back({SteadyClock::now(), whole});
    }
}

}  // namespace qa
