#include "bench/spread.hpp"

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace bench {
namespace {

// The q-quantile of sorted values, interpolated between the closest ranks.
double interpolated_quantile(const std::vector<double>& sorted, double q) {
    const double rank = q * static_cast<double>(sorted.size() - 1);
    const auto below = static_cast<std::size_t>(rank);
    const std::size_t above = std::min(below + 1, sorted.size() - 1);
    const double fraction = rank - static_cast<double>(below);
    return sorted[below] + (sorted[above] - sorted[below]) * fraction;
}

}  // namespace

std::optional<Spread> spread_of(std::vector<double> values) {
    if (values.size() < 2)
        return std::nullopt;
    std::sort(values.begin(), values.end());
    Spread spread;
    spread.runs = static_cast<int>(values.size());
    if (values.size() < 4) {
        spread.kind = "min-max";
        spread.low = values.front();
        spread.high = values.back();
    } else {
        spread.kind = "IQR";
        spread.low = interpolated_quantile(values, 0.25);
        spread.high = interpolated_quantile(values, 0.75);
    }
    return spread;
}

std::string describe(const Spread& spread, int digits, const char* dash) {
    std::ostringstream text;
    text << std::fixed << std::setprecision(digits) << spread.low << dash << spread.high << " s ("
         << spread.kind << " of " << spread.runs << ')';
    return text.str();
}

}  // namespace bench
