// The shared-limit experiment: analyses arriving while others run, under one limit shared by
// the process or one limit each. The provider's view (what the mock saw in flight) against each
// analysis's wait.
#include "bench/common_setup.hpp"
#include "bench/experiment.hpp"
#include "bench/experiment_conclusions.hpp"
#include "bench/experiment_findings.hpp"
#include "bench/open_loop.hpp"
#include "bench/wake_latency.hpp"

namespace bench {
namespace {

constexpr int kLimit = 10;
constexpr int kAnalyses = 6;
// Two analyses a second (time scale 1) while each takes ~5 s at limit 10: they overlap.
constexpr double kArrivalsPerSecond = 2.0;

// Share of attempts the provider refused with 429.
double share_429(const LevelResult& run) {
    return run.metrics.attempts == 0
               ? 0
               : static_cast<double>(run.status_429) / static_cast<double>(run.metrics.attempts);
}

// 429 shares this close are the same: a per-analysis excess that a provider pushes back on
// shows as many times more refusals, not a few points.
constexpr double kSame429Points = 0.05;

// What the provider saw in flight under each limiter, against the limit.
std::string view_finding(const SharedLimitFacts& facts, std::optional<std::int64_t> shared,
                         std::optional<std::int64_t> per_analysis) {
    if (!shared || !per_analysis)
        return "The provider's in-flight count is unknown (its stats were not available), so "
               "this run cannot say whether either limiter bounded it.";
    const std::string limit = std::to_string(facts.limit);
    std::string text = *shared <= facts.limit
                           ? "One shared limit kept the provider at " + std::to_string(*shared) +
                                 " requests in flight (the limit is " + limit + ")"
                           : "One shared limit still let the provider see " +
                                 std::to_string(*shared) + " requests in flight, above its " +
                                 limit;
    text += "; one limit per analysis let it see " + std::to_string(*per_analysis) + " (up to " +
            std::to_string(facts.analyses) + " x " + limit + ")";
    if (*per_analysis > facts.limit)
        return text + ": the limit no longer bounds what the provider sees.";
    return text +
           ", within the limit too: in this run the analyses never overlapped enough to pass it.";
}

// How much faster per-analysis limits made an analysis, and whether the provider pushed back.
std::string cost_finding(const LevelResult& shared, const LevelResult& per_analysis) {
    const double shared_p50 = shared.open_loop ? shared.open_loop->analysis_p50_s : 0;
    const double per_p50 = per_analysis.open_loop ? per_analysis.open_loop->analysis_p50_s : 0;
    std::string text;
    switch (lower_of(shared_p50, per_p50)) {
        case Lower::second:
            text = "Per-analysis limits made the median analysis " +
                   fixed(per_p50 > 0 ? shared_p50 / per_p50 : 0, 1) + "x faster";
            break;
        case Lower::first:
            text = "Per-analysis limits made the median analysis " +
                   fixed(shared_p50 > 0 ? per_p50 / shared_p50 : 0, 1) + "x slower";
            break;
        case Lower::tie:
            text = "The median analysis took about as long under either limiter";
            break;
    }
    const std::string counts =
        counted(per_analysis.status_429, "429") + " under per-analysis limits against " +
        std::to_string(shared.status_429) + " under the shared one, " +
        percent(share_429(per_analysis)) + " of attempts against " + percent(share_429(shared));
    if (per_analysis.status_429 == 0 && shared.status_429 == 0)
        text +=
            ", and the provider refused nothing under either: nothing in this run pushed "
            "back on the excess.";
    else if (share_429(per_analysis) > share_429(shared) + kSame429Points)
        text += ", but the excess came back as refusals (" + counts + "; retries " +
                std::to_string(per_analysis.retries) + " against " +
                std::to_string(shared.retries) + ").";
    else if (share_429(per_analysis) < share_429(shared) - kSame429Points)
        text += ", and refusals were rarer under per-analysis limits (" + counts +
                "): they did not come from the excess in flight.";
    else
        text += "; refusals were as frequent under both (" + counts +
                "): they did not come from the excess in flight.";
    if (shared.calls_failed != per_analysis.calls_failed)
        text += " Failed calls: " + std::to_string(shared.calls_failed) +
                " under the shared limit against " + std::to_string(per_analysis.calls_failed) +
                " under per-analysis limits.";
    return text;
}

}  // namespace

ConclusionTable conclude_shared_limit(const SharedLimitFacts& facts, const LevelResult& shared,
                                      const LevelResult& per_analysis) {
    const double scale = facts.time_scale;
    ConclusionTable table;
    table.title = std::to_string(facts.analyses) + " analyses of " +
                  std::to_string(facts.calls_per_analysis) + " calls arriving at " +
                  number(facts.arrivals_per_s, 2) + "/s (Poisson), limit " +
                  std::to_string(facts.limit) + random_faults_note(facts.random) + ", time scale " +
                  fixed(scale, 4) + " (real-time equivalents in brackets)";
    table.header = {"limiter",        "provider saw in flight", "analysis p50", "analysis p99",
                    "all done after", "calls/s (real)",         "429s",         "retries",
                    "failed"};
    const std::pair<const char*, const LevelResult*> rows[] = {{"shared", &shared},
                                                               {"per-analysis", &per_analysis}};
    for (const auto& [name, run] : rows) {
        const OpenLoopStats open = run->open_loop.value_or(OpenLoopStats{});
        table.rows.push_back(
            {name, run->server_max_in_flight ? std::to_string(*run->server_max_in_flight) : "n/a",
             seconds_cell(open.analysis_p50_s, scale), seconds_cell(open.analysis_p99_s, scale),
             seconds_cell(open.duration_s, scale), fixed(open.calls_per_s * scale, 1),
             std::to_string(run->status_429), std::to_string(run->retries),
             std::to_string(run->calls_failed)});
    }
    table.findings.push_back(
        view_finding(facts, shared.server_max_in_flight, per_analysis.server_max_in_flight));
    table.findings.push_back(cost_finding(shared, per_analysis));
    return table;
}

qa::Expected<ExperimentOutcome, std::string> run_shared_limit_experiment(const CommonFlags& flags,
                                                                         Progress& progress) {
    auto prepared = prepare_experiment(flags, "seed-38x91");
    if (!prepared)
        return qa::Unexpected(prepared.error());
    const Scenario* scenario = &prepared->scenario;
    CommonSetup* setup = &prepared->setup;
    // Its analyses arrive on one schedule: flags about runs are refused, not ignored.
    const std::string not_runs =
        " does not apply to shared-limit (its analyses arrive on a schedule, not in runs)";
    if (auto refused = refused_run_flags(flags, *setup, not_runs, not_runs))
        return qa::Unexpected(*refused);
    auto target = Target::start(setup->target);
    if (!target)
        return qa::Unexpected(target.error());
    const WakeLatencyGuard wake_latency(!flags.no_wake_latency);
    const LevelOptions options{*scenario,         setup->time_scale, setup->settings,
                               !flags.no_warm_up, setup->seed,       setup->repetitions};

    ExperimentOutcome outcome;
    for (const bool shared : {true, false}) {
        OpenLoopOptions load;
        load.arrival_rate = kArrivalsPerSecond;
        load.poisson = true;
        load.analyses = kAnalyses;
        load.shared_limiter = shared;
        const std::string name = shared ? "shared" : "per-analysis";
        // Started (and the machine probed) before the run, as every report is.
        RunReport report = new_report(*scenario, *setup, flags, **target, wake_latency.held());
        progress.start(name + " limit " + std::to_string(kLimit));
        auto run = run_open_loop_blocking(**target, options, kLimit, load, setup->log);
        if (!run)
            return qa::Unexpected(name + ": " + run.error());
        progress.finish("analysis p50 " + fixed(run->open_loop->analysis_p50_s, 3) +
                        " s, server max in flight " +
                        (run->server_max_in_flight ? std::to_string(*run->server_max_in_flight)
                                                   : std::string("n/a")));
        if (run->calls_ok + run->calls_failed !=
            static_cast<std::uint64_t>(kAnalyses) * static_cast<std::uint64_t>(scenario->calls))
            outcome.calls_lost = true;
        report.runs.push_back(std::move(*run));
        outcome.report_folders.push_back(name);
        outcome.reports.push_back(std::move(report));
    }

    SharedLimitFacts facts;
    facts.limit = kLimit;
    facts.analyses = kAnalyses;
    facts.calls_per_analysis = scenario->calls;
    facts.arrivals_per_s = kArrivalsPerSecond;
    facts.random = {setup->target.rate_429, setup->target.rate_500};
    facts.time_scale = setup->time_scale;
    outcome.conclusion = conclude_shared_limit(facts, outcome.reports[0].runs.front(),
                                               outcome.reports[1].runs.front());
    return outcome;
}

}  // namespace bench
