// The shared-limit experiment: analyses arriving while others run, under one limit shared by
// the process or one limit each. The provider's view (what the mock saw in flight) against each
// analysis's wait.
#include "bench/common_setup.hpp"
#include "bench/experiment.hpp"
#include "bench/open_loop.hpp"
#include "bench/wake_latency.hpp"

namespace bench {
namespace {

constexpr int kLimit = 10;
constexpr int kAnalyses = 6;
// Two analyses a second (time scale 1) while each takes ~5 s at limit 10: they overlap.
constexpr double kArrivalsPerSecond = 2.0;

}  // namespace

qa::Expected<ExperimentOutcome, std::string> run_shared_limit_experiment(const CommonFlags& flags,
                                                                         Progress& progress) {
    auto prepared = prepare_experiment(flags, "seed-38x91");
    if (!prepared)
        return qa::Unexpected(prepared.error());
    const Scenario* scenario = &prepared->scenario;
    CommonSetup* setup = &prepared->setup;
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
        RunReport report = new_report(*scenario, *setup, flags, **target, wake_latency.held());
        report.runs.push_back(std::move(*run));
        outcome.report_folders.push_back(name);
        outcome.reports.push_back(std::move(report));
    }

    const double scale = setup->time_scale;
    ConclusionTable& table = outcome.conclusion;
    table.title = std::to_string(kAnalyses) + " analyses of " + std::to_string(scenario->calls) +
                  " calls arriving at " + fixed(kArrivalsPerSecond, 0) + "/s (Poisson), limit " +
                  std::to_string(kLimit) + ", time scale " + fixed(scale, 4) +
                  " (real-time equivalents in brackets)";
    table.header = {"limiter",        "provider saw in flight", "analysis p50", "analysis p99",
                    "all done after", "calls/s (real)",         "failed"};
    std::int64_t seen[2] = {0, 0};
    double p50[2] = {0, 0};
    for (std::size_t i = 0; i < outcome.reports.size(); ++i) {
        const auto& run = outcome.reports[i].runs.front();
        const auto& open = *run.open_loop;
        seen[i] = run.server_max_in_flight.value_or(-1);
        p50[i] = open.analysis_p50_s;
        const auto secs = [&](double s) {
            return fixed(s, 3) + " s (" + fixed(s / scale, 2) + " s)";
        };
        table.rows.push_back({outcome.report_folders[i], std::to_string(seen[i]),
                              secs(open.analysis_p50_s), secs(open.analysis_p99_s),
                              secs(open.duration_s), fixed(open.calls_per_s * scale, 1),
                              std::to_string(run.calls_failed)});
    }
    table.findings.push_back("One shared limit kept the provider at " + std::to_string(seen[0]) +
                             " requests in flight (the limit is " + std::to_string(kLimit) +
                             "); one limit per analysis let it see " + std::to_string(seen[1]) +
                             " (up to " + std::to_string(kAnalyses) + " x " +
                             std::to_string(kLimit) +
                             "): the limit no longer bounds what the provider sees.");
    table.findings.push_back(
        "Per-analysis limits made the median analysis " +
        fixed(p50[1] > 0 ? p50[0] / p50[1] : 0, 1) +
        "x faster here only because this provider has no concurrency cap; against one capped "
        "at " +
        std::to_string(kLimit) +
        " the excess comes back as 429s and retries. A shared limit is the safe default.");
    return outcome;
}

}  // namespace bench
