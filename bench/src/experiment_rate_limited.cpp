// The rate-limited experiment: the original's 38 files / 91 calls against a provider with
// OpenAI-style request buckets (600 requests per minute, enforced over one-second windows),
// under fixed limits 5, 10, 20 and 50, an adaptive (AIMD) limit, and a client-side token bucket
// at the provider's rate.
#include <algorithm>

#include "bench/experiment.hpp"

namespace bench {
namespace {

constexpr double kProviderRpm = 600;

const std::vector<Variant>& rate_limited_variants() {
    static const std::vector<Variant> list = {
        {"fixed 5", 5, nullptr},
        {"fixed 10", 10, nullptr},
        {"fixed 20", 20, nullptr},
        {"fixed 50", 50, nullptr},
        {"aimd up to 50", 50, [](qa::Settings& s) { s.limit_strategy = qa::LimitStrategy::aimd; }},
        {"fixed 50 + token bucket 600/min", 50,
         [](qa::Settings& s) { s.rate_limit_rpm = kProviderRpm; }},
    };
    return list;
}

}  // namespace

qa::Expected<ExperimentOutcome, std::string> run_rate_limited_experiment(const CommonFlags& flags,
                                                                         Progress& progress) {
    auto prepared = prepare_experiment(flags, "seed-38x91", "rate-limited");
    if (!prepared)
        return qa::Unexpected(prepared.error());
    const Scenario* scenario = &prepared->scenario;
    CommonSetup* setup = &prepared->setup;
    const double scale = setup->time_scale;
    // The provider, on the run's time scale: rates divide by it, windows multiply.
    setup->target.behaviour.kind = mock_llm::BehaviourKind::openai_buckets;
    setup->target.behaviour.requests_per_minute =
        std::max<std::int64_t>(1, static_cast<std::int64_t>(kProviderRpm / scale));
    setup->target.behaviour.tokens_per_minute = mock_llm::kMaxPerMinute;
    setup->target.behaviour.window =
        std::max(std::chrono::milliseconds(1),
                 std::chrono::milliseconds(static_cast<std::int64_t>(1000 * scale)));
    ExperimentOutcome outcome;
    auto ran = run_variants_blocking(*scenario, *setup, flags, rate_limited_variants(), progress,
                                     outcome.calls_lost);
    if (!ran)
        return qa::Unexpected(ran.error());
    RunReport& report = *ran;

    // No schedule can beat the provider's rate: calls / (rpm / 60) seconds.
    const double rate_bound_s = scenario->calls / (kProviderRpm / 60.0) * scale;
    ConclusionTable& table = outcome.conclusion;
    table.title = "seed-38x91 (91 calls of 0.5 s) against 600 requests/min in 1 s windows, " +
                  std::to_string(setup->settings.max_rate_limit_retries) +
                  " retries after a 429 (LLM_MAX_RATE_LIMIT_RETRIES), time scale " +
                  fixed(scale, 4) + " (real-time equivalents in brackets)";
    table.header = {"variant",
                    "makespan",
                    "429s",
                    "attempts",
                    "wasted attempts",
                    "failed",
                    "server max in flight"};
    const LevelResult* best = nullptr;
    const LevelResult* most_wasteful = nullptr;
    for (const auto& run : report.runs) {
        const std::uint64_t wasted = run.metrics.attempts - run.calls_ok;
        table.rows.push_back(
            {run.strategy, seconds_cell(run.makespan_s, scale), std::to_string(run.status_429),
             std::to_string(run.metrics.attempts), std::to_string(wasted),
             std::to_string(run.calls_failed),
             run.server_max_in_flight ? std::to_string(*run.server_max_in_flight) : "n/a"});
        if (run.calls_failed == 0 && (best == nullptr || run.makespan_s < best->makespan_s))
            best = &run;
        if (most_wasteful == nullptr ||
            wasted > most_wasteful->metrics.attempts - most_wasteful->calls_ok)
            most_wasteful = &run;
    }
    table.findings.push_back(
        "No schedule beats the provider's rate: 91 calls at 10 per second "
        "take at least " +
        seconds_cell(rate_bound_s, scale) +
        ". Rate x latency, 10/s x 0.5 s = 5 calls in flight, is all the "
        "provider can serve at once.");
    for (const auto& run : report.runs) {
        if (run.strategy == "fixed 10") {
            table.findings.push_back(
                "The original's limit of 10 is above that: refusals count against the limit, "
                "retries arrive while the bucket is empty, and " +
                std::to_string(run.calls_failed) + " of 91 calls failed after their retries.");
        }
    }
    if (best != nullptr) {
        table.findings.push_back("Fastest without a failed call: " + best->strategy + ", " +
                                 seconds_cell(best->makespan_s, scale) + " (" +
                                 fixed(best->makespan_s / rate_bound_s, 2) +
                                 "x the rate bound), with " + std::to_string(best->status_429) +
                                 " 429s.");
    } else {
        table.findings.push_back("Every variant lost calls to the rate limit: raise the retries.");
    }
    if (most_wasteful != nullptr) {
        table.findings.push_back(
            "Most wasteful: " + most_wasteful->strategy + ", " +
            std::to_string(most_wasteful->metrics.attempts - most_wasteful->calls_ok) +
            " attempts spent on refusals (" + std::to_string(most_wasteful->status_429) +
            " 429s); refused requests still count against the provider's limit.");
    }
    outcome.report_folders.push_back("rate-limited");
    outcome.reports.push_back(std::move(report));
    return outcome;
}

}  // namespace bench
