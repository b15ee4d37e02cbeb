#pragma once
// The regression gate: a run's summary.json against a baseline's. It compares ratios (makespan
// over the lower bound), never absolute times, so a baseline made on one machine gates a run on
// another; plus k6-style thresholds on any figure of every level ("ratio<1.05", "failed==0",
// "p99_total_s<0.7", "ratio@50<=1.2" for level 50 only). Pure functions; the command prints
// the checks and exits 3 on a breach.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "qa/expected.hpp"

namespace bench {

inline constexpr int kExitRegression = 3;

enum class CompareOp { less, less_equal, greater, greater_equal, equal, not_equal };

struct Threshold {
    std::string text;          // as given, for messages
    std::string metric;        // a key of a run object in summary.json, aliases resolved
    std::optional<int> level;  // "@C": only the run at concurrency C
    CompareOp op = CompareOp::less;
    double value = 0;
};

// "ratio<1.05", "failed==0", "p99_total_s<0.7", "ratio@50<=1.2". Aliases: failed, ok,
// retries, 429s, and pNN_<figure>_s for <figure>_pNN_s (p50/p99 of queue_wait, service, total).
qa::Expected<Threshold, std::string> parse_threshold(const std::string& text);

struct Check {
    std::string what;  // "ratio vs baseline" or the threshold's text
    int level = 0;     // concurrency
    double observed = 0;
    double limit = 0;
    bool passed = false;
};

struct CompareOptions {
    double tolerance = 0.10;  // a ratio may exceed the baseline's by this share
    std::vector<Threshold> thresholds;
};

// Every check on `run` (summary.json) against `baseline`, run by run (a run is a strategy at a
// level): the ratio against the baseline's within the tolerance, the server's max in flight
// within the limit (times the shards, for a merged run; when the run has the figure), and each
// threshold; then a failed "present in the run" check for each run of the baseline the run
// lacks, so a run that lost a level cannot pass. Never throws. The error says why the two
// cannot be compared: a summary that is not one (no runs, a key of the wrong type), another
// scenario, time scale or shard, a run missing from the baseline, a figure the comparison needs
// missing (the ratio, a threshold's figure) or a threshold's level in neither.
qa::Expected<std::vector<Check>, std::string> compare_runs(const nlohmann::json& baseline,
                                                           const nlohmann::json& run,
                                                           const CompareOptions& options);

// The contention notes (report.hpp's contention_note) of `summary`'s levels: a level that
// breached may have done so because tasks waited for a CPU while it ran. Never throws; a level
// without the figures (cpu_pressure_s, makespan_s) gives none.
std::vector<std::string> contended_levels(const nlohmann::json& summary);

}  // namespace bench
