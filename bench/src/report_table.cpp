// The table for people that `run`, `seed-compare` and `merge` print: the scenario, phase 1's
// figures, one row per level, and an open loop's analyses under its row.
#include <algorithm>
#include <iomanip>
#include <ostream>

#include "bench/critical_path.hpp"
#include "bench/report.hpp"
#include "bench/seconds.hpp"

namespace bench {

void write_table(std::ostream& out, const RunReport& report) {
    const auto latency_s = seconds(report.scenario.call_latency) * report.time_scale;
    out << "scenario " << report.scenario.name << ": " << report.scenario.files << " files, "
        << report.scenario.calls << " LLM calls of " << latency_s << " s (time scale "
        << report.time_scale << ")";
    // The protocol the client spoke, when the rows agree on it (a merge of shards may not).
    if (!report.runs.empty() && report.runs.front().policy &&
        std::all_of(report.runs.begin(), report.runs.end(), [&](const auto& run) {
            return run.policy &&
                   run.policy->http_version == report.runs.front().policy->http_version;
        }))
        out << ", HTTP/" << report.runs.front().policy->http_version;
    out << '\n';
    if (!report.runs.empty()) {
        const Phase1Figures& p1 = report.runs.front().phase1;
        out << "phase 1 (rules): " << p1.files << " files (" << p1.bytes << " bytes), "
            << p1.test_functions << " test functions, " << p1.rule_issues << " rule issues, "
            << p1.uncertain << " uncertain -> phase 2 (LLM)";
        if (p1.unreadable > 0)
            out << "; " << p1.unreadable << " unreadable";
        out << '\n';
    }
    if (report.machine)
        out << "machine: " << describe(*report.machine) << '\n';
    const bool merged = !report.merged_from.empty();
    const bool any_spread =
        std::any_of(report.runs.begin(), report.runs.end(),
                    [&](const auto& run) { return makespan_spread(run, merged); });
    const bool any_path = std::any_of(report.runs.begin(), report.runs.end(), [](const auto& run) {
        return run.critical_path.has_value();
    });
    // The spread's cell is padded when a column follows it, so that column lines up.
    constexpr int kSpreadWidth = 34;
    out << "strategy  limit  phase1_ms  makespan_s  lower_bound_s   ratio    ok  failed  retries   "
           "429s  server_max_in_flight";
    if (any_spread)
        out << "  " << std::left << std::setw(any_path ? kSpreadWidth : 0) << "makespan_spread"
            << std::right;
    // The largest part of the time beyond the lower bound (critical_path.hpp); report.md and
    // summary.json have them all.
    out << (any_path ? "  largest_overhead_part" : "") << '\n';
    for (const auto& run : report.runs) {
        out << std::left << std::setw(9) << run.strategy << std::right << std::setw(6)
            << run.concurrency << std::setw(11) << fixed(run.phase1.elapsed_s * 1000, 2)
            << std::setw(12) << fixed(run.makespan_s, 4) << std::setw(15)
            << bound_cell(run, run.lower_bound_s, 4) << std::setw(8)
            << bound_cell(run, run.ratio, 3) << std::setw(6) << run.calls_ok << std::setw(8)
            << run.calls_failed << std::setw(9) << run.retries << std::setw(7) << run.status_429
            << std::setw(22) << server_in_flight_cell(run);
        if (any_spread) {
            const auto spread = makespan_spread(run, merged);
            out << "  " << std::left << std::setw(any_path ? kSpreadWidth : 0)
                << (spread ? describe(*spread, 4) : std::string("n/a")) << std::right;
        }
        if (any_path) {
            out << "  "
                << (run.critical_path ? describe_largest_parts(*run.critical_path, 1)
                                      : std::string("n/a"));
        }
        out << '\n';
        if (const auto& open = run.open_loop) {
            out << "        open loop: " << open->analyses << " analyses of " << open->fanout
                << " calls (" << open->arrivals << ", " << open->limiter << " limit), offered "
                << open->offered_per_s << "/s; analysis p50 " << open->analysis_p50_s << " s, p99 "
                << open->analysis_p99_s << " s; " << open->calls_per_s << " calls/s\n";
        }
    }
    for (const auto& run : report.runs) {
        if (const auto note = contention_note(run))
            out << "note: " << *note << '\n';
    }
}

}  // namespace bench
