#pragma once
// An adaptive limit's history as the reports plot it: (seconds since the run started, limit) at
// each change. Pure: the controllers' recorded changes in, points out.

#include <utility>
#include <vector>

#include "qa/clock.hpp"
#include "qa/flow/limit_controller.hpp"

namespace bench {

using LimitPoints = std::vector<std::pair<double, int>>;

// One limiter's history; its first entry (the limit it started from, recorded when it was made,
// before the run) is placed at the start.
LimitPoints limit_history_since(const std::vector<qa::LimitChange>& history,
                                qa::SteadyClock::time_point start);

// One analysis of an open loop with a limiter of its own: when it held it, and how it moved.
struct AnalysisLimit {
    qa::SteadyClock::time_point arrival;
    qa::SteadyClock::time_point finished;
    const std::vector<qa::LimitChange>* history = nullptr;  // non-empty
};

// Per-analysis limiters: the sum of the limits of the analyses in progress (arrived, not yet
// finished) over time, which is what the provider may see at once. A point at each change.
LimitPoints summed_limit_history(const std::vector<AnalysisLimit>& analyses,
                                 qa::SteadyClock::time_point start);

}  // namespace bench
