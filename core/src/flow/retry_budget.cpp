#include "qa/flow/retry_budget.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace qa {

RetryBudget::RetryBudget(double ratio, std::uint64_t reserve) : ratio_(ratio), reserve_(reserve) {
    if (!(ratio >= 0 && ratio <= 1))
        throw std::invalid_argument("RetryBudget ratio must be in 0..1");
}

std::uint64_t RetryBudget::allowed() const noexcept {
    // A floor, not an addition: past reserve / ratio calls (30 at 10%) retries stay within the
    // share exactly, which is what the budget promises.
    return std::max(reserve_,
                    static_cast<std::uint64_t>(std::floor(ratio_ * static_cast<double>(calls_))));
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
