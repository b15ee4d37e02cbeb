#include "qa/flow/retry_budget.hpp"

#include <cmath>
#include <stdexcept>

namespace qa {

RetryBudget::RetryBudget(double ratio, std::uint64_t reserve) : ratio_(ratio), reserve_(reserve) {
    if (!(ratio >= 0 && ratio <= 1))
        throw std::invalid_argument("RetryBudget ratio must be in 0..1");
}

std::uint64_t RetryBudget::allowed() const noexcept {
    return reserve_ + static_cast<std::uint64_t>(std::floor(ratio_ * static_cast<double>(calls_)));
}

bool RetryBudget::try_spend() noexcept {
    if (spent_ >= allowed()) {
        ++denied_;
        return false;
    }
    ++spent_;
    return true;
}

}  // namespace qa
