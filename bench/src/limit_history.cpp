#include "bench/limit_history.hpp"

#include <algorithm>

#include "bench/seconds.hpp"

namespace bench {
namespace {

double since(qa::SteadyClock::time_point start, qa::SteadyClock::time_point at) {
    return std::max(0.0, seconds(at - start));
}

}  // namespace

LimitPoints limit_history_since(const std::vector<qa::LimitChange>& history,
                                qa::SteadyClock::time_point start) {
    LimitPoints points;
    for (const auto& change : history)
        points.emplace_back(since(start, change.at), static_cast<int>(change.limit));
    return points;
}

LimitPoints summed_limit_history(const std::vector<AnalysisLimit>& analyses,
                                 qa::SteadyClock::time_point start) {
    // Every analysis adds its limit when it arrives, moves it at each change and takes it away
    // when it finishes: a list of signed steps, summed in time order.
    std::vector<std::pair<qa::SteadyClock::time_point, long>> steps;
    for (const auto& analysis : analyses) {
        const auto& history = *analysis.history;
        long held = static_cast<long>(history.front().limit);
        steps.emplace_back(analysis.arrival, held);
        for (std::size_t i = 1; i < history.size(); ++i) {
            const long now = static_cast<long>(history[i].limit);
            steps.emplace_back(std::max(history[i].at, analysis.arrival), now - held);
            held = now;
        }
        steps.emplace_back(std::max(analysis.finished, analysis.arrival), -held);
    }
    std::stable_sort(steps.begin(), steps.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    LimitPoints points;
    long sum = 0;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        sum += steps[i].second;
        // Steps at one instant make one point: the sum after all of them.
        const bool last_at_instant = i + 1 == steps.size() || steps[i + 1].first != steps[i].first;
        if (last_at_instant && (points.empty() || points.back().second != sum))
            points.emplace_back(since(start, steps[i].first), static_cast<int>(sum));
    }
    return points;
}

}  // namespace bench
