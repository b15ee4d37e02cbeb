#pragma once
// Made-up runs for the experiments' conclusion functions: the figures a test chooses, so it can
// feed the same conclusion opposite outcomes and see the words follow.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bench/experiment.hpp"
#include "bench/level_run.hpp"

namespace bench::testing {

struct RunFigures {
    std::string label;
    int limit = 10;
    double makespan_s = 0.1;
    std::uint64_t ok = 91;
    std::uint64_t failed = 0;
    std::uint64_t status_429 = 0;
    std::uint64_t other_failed_attempts = 0;  // attempts that failed otherwise (5xx, timeouts)
    double median_s = 0.05;                   // every call's total latency but the slowest
    double slowest_s = 0.09;
    std::optional<std::int64_t> server_max = 10;
};

inline LevelResult synthetic_run(const RunFigures& f) {
    LevelResult run;
    run.strategy = f.label;
    run.concurrency = f.limit;
    run.makespan_s = f.makespan_s;
    run.calls_ok = f.ok;
    run.calls_failed = f.failed;
    run.status_429 = f.status_429;
    run.retries = f.status_429 + f.other_failed_attempts;
    run.server_max_in_flight = f.server_max;
    run.metrics.calls_ok = f.ok;
    run.metrics.calls_failed = f.failed;
    run.metrics.attempts = f.ok + f.status_429 + f.other_failed_attempts;
    run.metrics.retries = run.retries;
    if (f.status_429 > 0)
        run.metrics.attempts_by_status[429] = f.status_429;
    const auto us = [](double s) { return std::chrono::microseconds(std::int64_t(s * 1e6)); };
    const std::uint64_t calls = f.ok + f.failed;
    for (std::uint64_t i = 0; i + 1 < calls; ++i)
        run.metrics.total.record(us(f.median_s));
    run.metrics.total.record(us(f.slowest_s));
    return run;
}

// One run per variant, labelled like the experiment labels them, all with `figures` but the
// label and limit.
inline std::vector<LevelResult> runs_for(const std::vector<Variant>& variants, RunFigures figures) {
    std::vector<LevelResult> runs;
    for (const auto& variant : variants) {
        figures.label = variant.label();
        figures.limit = variant.limit;
        runs.push_back(synthetic_run(figures));
    }
    return runs;
}

// The run labelled `label`; fails the test (returns the first) when there is none.
inline LevelResult& run_labelled(std::vector<LevelResult>& runs, const std::string& label) {
    for (auto& run : runs) {
        if (run.strategy == label)
            return run;
    }
    ADD_FAILURE() << "no run labelled " << label;
    return runs.front();
}

// Every finding in one text, for EXPECT_THAT(..., HasSubstr(...)).
inline std::string all_findings(const ConclusionTable& table) {
    std::string text;
    for (const auto& finding : table.findings)
        text += finding + "\n";
    return text;
}

}  // namespace bench::testing
