// The sweeps experiment: both seed scenarios at every limit from 1 to 50, the original's claim
// (45 s sequential, ~5 s at 10) checked, and the harness's own overhead measured on the way.
#include <algorithm>
#include <chrono>
#include <cmath>

#include "bench/common_setup.hpp"
#include "bench/experiment.hpp"
#include "bench/experiment_conclusions.hpp"
#include "bench/seconds.hpp"
#include "bench/wake_latency.hpp"

namespace bench {
namespace {

constexpr int kMaxLimit = 50;
// Levels whose lower bound is at least this long are where the harness's overhead is judged:
// below it, a millisecond of scheduling noise is already a large share of the makespan.
constexpr double kJudgedBoundS = 0.050;
// Runs per judged level unless --repetitions says otherwise; the median is reported. One run
// on a shared machine catches whatever the neighbours did at that moment (a stalled vCPU adds
// milliseconds); the median of three does not, and the spread beside it (the conclusion's widest
// spread column, each report's makespan spread) shows how noisy it was.
// The other levels are one run each: at a few milliseconds they are not judged, and the sweep
// stays within its time budget.
constexpr int kJudgedRepetitions = 3;
// Issue 5's budget for the harness: both sweeps within 15 s wall at time scale 0.01, and a ratio
// of 1.05 or less wherever the bound is judged.
constexpr double kWallTargetS = 15.0;
constexpr double kWallTargetScale = 0.01;
constexpr double kRatioTarget = 1.05;
// How far (in limits) the knee may sit from where the rounds bottom out and still be theirs:
// a makespan within 10% of the best can be reached a limit or two early.
constexpr int kKneeSlack = 2;

bool is_judged(double lower_bound_s) {
    return lower_bound_s >= kJudgedBoundS;
}

const LevelResult* at_limit(const RunReport& report, int limit) {
    for (const auto& run : report.runs) {
        if (run.concurrency == limit)
            return &run;
    }
    return nullptr;
}

// The judged levels' widest spread of repeated makespans, relative to their median: "4.1%
// (min-max of 3, limit 10)", or n/a when every judged level ran once.
std::string widest_spread(const RunReport& report) {
    double widest = -1;
    std::string text = "n/a";
    for (const auto& run : report.runs) {
        const auto spread = makespan_spread(run, false);
        if (!is_judged(run.lower_bound_s) || !spread || run.makespan_s <= 0)
            continue;
        const double width = (spread->high - spread->low) / run.makespan_s;
        if (width > widest) {
            widest = width;
            text = fixed(width * 100, 1) + "% (" + spread->kind + " of " +
                   std::to_string(spread->runs) + ", limit " + std::to_string(run.concurrency) +
                   ")";
        }
    }
    return text;
}

// The smallest limit whose makespan is within 10% of the sweep's best: past it, more
// concurrency buys little.
int knee(const RunReport& report) {
    double best = 1e300;
    for (const auto& run : report.runs)
        best = std::min(best, run.makespan_s);
    for (const auto& run : report.runs) {
        if (run.makespan_s <= best * 1.10)
            return run.concurrency;
    }
    return 0;
}

// Calls per slot, rounded up: the rounds of calls a limit needs.
int rounds(int calls, int limit) {
    return (calls + limit - 1) / limit;
}

// Does the knee sit where ceil(calls / limit) stops falling? From that limit on every level
// needs as many rounds as the fastest one, so more concurrency cannot help.
std::string rounds_clause(const RunReport& report, int knee_limit) {
    const LevelResult* best = nullptr;
    for (const auto& run : report.runs) {
        if (best == nullptr || run.makespan_s < best->makespan_s)
            best = &run;
    }
    const int calls = report.scenario.calls;
    const int best_rounds = rounds(calls, best->concurrency);
    int floor_limit = best->concurrency;
    while (floor_limit > 1 && rounds(calls, floor_limit - 1) == best_rounds)
        --floor_limit;
    const std::string where = "ceil(calls / limit) is " + std::to_string(best_rounds) +
                              " rounds from limit " + std::to_string(floor_limit) + " on";
    if (std::abs(knee_limit - floor_limit) <= kKneeSlack)
        return ": it falls in steps of whole rounds, and " + where +
               ", so past the knee more concurrency has no round left to save.";
    return ", but " + where +
           ": the knee does not follow the rounds, so overhead, not whole "
           "rounds, shapes the makespan there.";
}

std::string scenario_finding(const RunReport& report, double scale) {
    const auto* one = at_limit(report, 1);
    const auto* ten = at_limit(report, 10);
    const double sequential = one->makespan_s / scale;
    const double at_ten = ten->makespan_s / scale;
    const double speedup = one->makespan_s / ten->makespan_s;
    return report.scenario.name + ": sequential took " + fixed(sequential, 1) +
           " s real-time equivalent against the original's " +
           fixed(report.scenario.original_sequential_s, 0) + "+ s" +
           (sequential >= report.scenario.original_sequential_s ? "" : " (less than it claimed)") +
           "; limit 10 took " + fixed(at_ten, 2) + " s against ~" +
           fixed(report.scenario.original_parallel_s, 0) + " s (" + fixed(speedup, 1) +
           "x faster than sequential). From limit " + std::to_string(knee(report)) +
           " on, the makespan is within 10% of the sweep's best" +
           rounds_clause(report, knee(report));
}

// Where the worst judged level's makespan went beyond its bound: " (seed-38x91 limit 46: of
// its 0.61 ms, late answers 0.40 ms, start 0.18 ms)", or nothing without a critical path.
std::string worst_level_clause(const std::string& scenario, const LevelResult* worst) {
    if (worst == nullptr || !worst->critical_path)
        return "";
    const CriticalPath& path = *worst->critical_path;
    return " (" + scenario + " limit " + std::to_string(worst->concurrency) + ": of its " +
           fixed(path.overhead_s() * 1000, 2) + " ms over the bound, " +
           describe_largest_parts(path, 3) + ")";
}

std::string overhead_finding(double wall_s, double scale, int judged, int judged_repetitions,
                             double worst_judged, const std::string& worst_where) {
    std::string wall = "both sweeps (" + std::to_string(2 * kMaxLimit) +
                       " levels, with warm-ups and phase 1 each) took " + fixed(wall_s, 1) +
                       " s wall at time scale " + fixed(scale, 4);
    if (std::abs(scale - kWallTargetScale) < 1e-9)
        wall += wall_s <= kWallTargetS ? ", within the " + fixed(kWallTargetS, 0) + " s target"
                                       : ", over the " + fixed(kWallTargetS, 0) + " s target";
    else
        wall += " (the " + fixed(kWallTargetS, 0) + " s target is for time scale " +
                fixed(kWallTargetScale, 2) + ")";
    std::string ratio = "at the " + std::to_string(judged) + (judged == 1 ? " level" : " levels") +
                        " whose lower bound is 50 ms or more (the median of " +
                        std::to_string(judged_repetitions) + " run" +
                        (judged_repetitions == 1 ? "" : "s") + " each) the worst ratio was ";
    if (judged == 0)
        ratio += "n/a: no level's bound reached 50 ms at this time scale.";
    else
        ratio += fixed(worst_judged, 3) + worst_where +
                 (worst_judged <= kRatioTarget ? ", within the " : ", above the ") +
                 fixed(kRatioTarget, 2) + " target.";
    return "Harness overhead: " + wall + "; " + ratio;
}

}  // namespace

ConclusionTable conclude_sweeps(const std::vector<RunReport>& sweeps, double scale, double wall_s) {
    ConclusionTable table;
    table.title = "Sweeps 1..50 at time scale " + fixed(scale, 4) +
                  " (real-time equivalents in brackets: measured / scale)";
    table.header = {"workload",
                    "original",
                    "limit 1",
                    "limit 10",
                    "speed-up 1→10",
                    "limit 50",
                    "speed-up 1→50",
                    "knee",
                    "worst ratio (bound ≥ 50 ms)",
                    "widest spread (bound ≥ 50 ms)",
                    "server max ≤ limit"};
    double worst_judged = 0;
    std::string worst_where;
    int judged = 0;
    int judged_repetitions = 0;
    for (const auto& report : sweeps) {
        const auto* one = at_limit(report, 1);
        const auto* ten = at_limit(report, 10);
        const auto* fifty = at_limit(report, kMaxLimit);
        if (one == nullptr || ten == nullptr || fifty == nullptr)
            continue;  // not a whole sweep: nothing to read
        double worst = 0;
        bool limit_held = true;
        for (const auto& run : report.runs) {
            if (is_judged(run.lower_bound_s)) {
                if (run.ratio > worst_judged) {
                    worst_judged = run.ratio;
                    worst_where = worst_level_clause(report.scenario.name, &run);
                }
                worst = std::max(worst, run.ratio);
                ++judged;
                judged_repetitions = std::max(judged_repetitions, run.repetitions);
            }
            limit_held = limit_held && run.server_max_in_flight &&
                         *run.server_max_in_flight <= run.concurrency;
        }
        const auto cell = [&](const LevelResult* run) {
            return seconds_cell(run->makespan_s, scale);
        };
        table.rows.push_back({std::to_string(report.scenario.files) + " files, " +
                                  std::to_string(report.scenario.calls) + " calls",
                              fixed(report.scenario.original_sequential_s, 0) + "+ s → ~" +
                                  fixed(report.scenario.original_parallel_s, 0) + " s",
                              cell(one), cell(ten),
                              fixed(one->makespan_s / ten->makespan_s, 1) + "x", cell(fifty),
                              fixed(one->makespan_s / fifty->makespan_s, 1) + "x",
                              std::to_string(knee(report)), worst > 0 ? fixed(worst, 3) : "n/a",
                              widest_spread(report), limit_held ? "yes" : "NO"});
        table.findings.push_back(scenario_finding(report, scale));
    }
    table.findings.push_back(
        overhead_finding(wall_s, scale, judged, judged_repetitions, worst_judged, worst_where));
    return table;
}

qa::Expected<ExperimentOutcome, std::string> run_sweeps_experiment(const CommonFlags& flags,
                                                                   Progress& progress) {
    ExperimentOutcome outcome;
    const auto started = std::chrono::steady_clock::now();
    double scale = 1;
    for (const auto& scenario : builtin_scenarios()) {
        auto setup = prepare_common(flags, scenario);
        if (!setup)
            return qa::Unexpected(setup.error().message());
        scale = setup->time_scale;
        auto target = Target::start(setup->target);
        if (!target)
            return qa::Unexpected(target.error());
        const WakeLatencyGuard wake_latency(!flags.no_wake_latency);
        RunReport report = new_report(scenario, *setup, flags, **target, wake_latency.held());
        LevelOptions options{scenario,    setup->time_scale,  setup->settings,    !flags.no_warm_up,
                             setup->seed, setup->repetitions, setup->warm_up_runs};
        const auto latency = qa::scale_duration(scenario.call_latency, setup->time_scale);
        for (int limit = 1; limit <= kMaxLimit; ++limit) {
            if (!setup->repetitions_given) {
                const bool judged =
                    is_judged(seconds(makespan_lower_bound(scenario.calls, limit, latency)));
                options.repetitions = judged ? kJudgedRepetitions : 1;
            }
            progress.start(scenario.name + " limit " + std::to_string(limit));
            auto run = run_level_blocking(**target, options, limit, setup->log);
            if (!run)
                return qa::Unexpected(scenario.name + " limit " + std::to_string(limit) + ": " +
                                      run.error());
            progress.finish("makespan " + fixed(run->makespan_s, 4) + " s, ratio " +
                            fixed(run->ratio, 3));
            if (run->calls_ok + run->calls_failed != static_cast<std::uint64_t>(scenario.calls))
                outcome.calls_lost = true;
            report.runs.push_back(std::move(*run));
        }
        outcome.report_folders.push_back(scenario.name);
        outcome.reports.push_back(std::move(report));
    }
    const double wall_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    outcome.conclusion = conclude_sweeps(outcome.reports, scale, wall_s);
    return outcome;
}

}  // namespace bench
