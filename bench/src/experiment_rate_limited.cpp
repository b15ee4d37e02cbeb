// The rate-limited experiment: the original's 38 files / 91 calls against a provider with
// OpenAI-style request buckets (600 requests per minute, enforced over one-second windows),
// under fixed limits 5, 10, 20 and 50, an adaptive (AIMD) limit, and a client-side token bucket
// at the provider's rate; the original's limit and AIMD with the slot held and released while a
// call waits out a 429's Retry-After.
#include <algorithm>

#include "bench/experiment_conclusions.hpp"
#include "bench/experiment_findings.hpp"
#include "qa/config/limits.hpp"

namespace bench {
namespace {

constexpr double kProviderRpm = 600;
constexpr double kWindowS = 1.0;

// A fixed limit without a client-side rate: what the provider's rate alone decides.
bool is_plain_fixed(const Variant& variant) {
    qa::Settings settings;
    if (variant.adjust != nullptr)
        variant.adjust(settings);
    return settings.limit_strategy == qa::LimitStrategy::fixed && settings.rate_limit_rpm == 0;
}

// "684" or "684..729": the range of a count over some runs.
template <class Count>
std::string range_text(const std::vector<const LevelResult*>& runs, Count count) {
    std::uint64_t low = UINT64_MAX;
    std::uint64_t high = 0;
    for (const auto* run : runs) {
        low = std::min<std::uint64_t>(low, count(*run));
        high = std::max<std::uint64_t>(high, count(*run));
    }
    return low == high ? std::to_string(low) : std::to_string(low) + ".." + std::to_string(high);
}

std::uint64_t most_429s(const std::vector<const LevelResult*>& runs) {
    std::uint64_t most = 0;
    for (const auto* run : runs)
        most = std::max(most, run->status_429);
    return most;
}

std::uint64_t fewest_429s(const std::vector<const LevelResult*>& runs) {
    std::uint64_t fewest = UINT64_MAX;
    for (const auto* run : runs)
        fewest = std::min(fewest, run->status_429);
    return fewest;
}

// "fixed limits at or below 5 (5) met 0 429s and lost 0 calls"
std::string group_text(const std::string& which, const std::vector<const LevelResult*>& runs) {
    std::vector<std::string> limits;
    for (const auto* run : runs)
        limits.push_back(std::to_string(run->concurrency));
    return "fixed limits " + which + " (" + spoken_list(limits) + ") met " +
           range_text(runs, [](const LevelResult& r) { return r.status_429; }) + " 429s and lost " +
           range_text(runs, [](const LevelResult& r) { return r.calls_failed; }) + " calls";
}

// The fixed limits (slot held, no client-side rate) at or below the provider's rate x latency
// against those above it: do refusals start where the arithmetic says they should?
std::string limits_finding(const std::vector<const LevelResult*>& at_or_below,
                           const std::vector<const LevelResult*>& above, double sustained) {
    const std::string bound = number(sustained, 1);
    std::string text;
    if (!at_or_below.empty())
        text = group_text("at or below " + bound, at_or_below);
    if (!above.empty())
        text += (text.empty() ? "" : "; ") + group_text("above " + bound, above);
    if (at_or_below.empty() || above.empty())
        return "In this run " + text + ".";
    if (most_429s(at_or_below) > 0)
        return "In this run " + text + ": even limits at or below rate x latency met refusals.";
    if (most_429s(above) == 0)
        return "In this run " + text + ": no fixed limit met a refusal.";
    if (fewest_429s(above) == 0)
        return "In this run " + text + ": some limits above rate x latency met refusals, not all.";
    return "In this run " + text + ": only the limits above rate x latency met refusals.";
}

std::string fastest_finding(const RateLimitedFacts& facts, const std::vector<LevelResult>& runs,
                            double rate_bound_s) {
    const LevelResult* best = nullptr;
    for (const auto& run : runs) {
        if (run.calls_failed == 0 && (best == nullptr || run.makespan_s < best->makespan_s))
            best = &run;
    }
    if (best == nullptr) {
        return "Every variant lost calls: none got all " + std::to_string(facts.calls) +
               " answers within " + std::to_string(facts.rate_limit_retries) +
               " retries after a 429.";
    }
    std::string text = "Fastest without a failed call: " + best->strategy + ", " +
                       seconds_cell(best->makespan_s, facts.time_scale) + " (" +
                       fixed(best->makespan_s / rate_bound_s, 2) + "x the rate bound), with " +
                       std::to_string(best->status_429) + " 429s.";
    if (best->makespan_s < rate_bound_s)
        text += " That is under the rate bound: the provider let more than " +
                number(facts.provider_rpm / 60.0, 2) + " requests/s through.";
    return text;
}

std::string waste_finding(const std::vector<LevelResult>& runs) {
    const LevelResult* most = nullptr;
    for (const auto& run : runs) {
        if (most == nullptr || wasted_attempts(run) > wasted_attempts(*most))
            most = &run;
    }
    if (most == nullptr || wasted_attempts(*most) == 0)
        return "No variant wasted an attempt: every attempt brought an answer.";
    return "Most wasteful: " + most->strategy + ", " + std::to_string(wasted_attempts(*most)) +
           " attempts without an answer (" + std::to_string(most->status_429) +
           " of them 429s) for " + std::to_string(most->calls_ok) + " answers.";
}

}  // namespace

const std::vector<Variant>& rate_limited_variants() {
    static const std::vector<Variant> list = [] {
        const auto aimd = [](qa::Settings& s) { s.limit_strategy = qa::LimitStrategy::aimd; };
        const auto bucket = [](qa::Settings& s) { s.rate_limit_rpm = kProviderRpm; };
        std::vector<Variant> variants = {{"fixed 5", 5}};
        for (auto& v : both_slot_policies({"fixed 10", 10}))
            variants.push_back(std::move(v));
        variants.push_back({"fixed 20", 20});
        variants.push_back({"fixed 50", 50});
        for (auto& v : both_slot_policies({"aimd up to 50", 50, aimd}))
            variants.push_back(std::move(v));
        variants.push_back(
            {"fixed 50 + token bucket " + number(kProviderRpm, 1) + "/min", 50, bucket});
        return variants;
    }();
    return list;
}

ConclusionTable conclude_rate_limited(const RateLimitedFacts& facts,
                                      const std::vector<LevelResult>& runs) {
    const auto& variants = rate_limited_variants();
    const double scale = facts.time_scale;
    const double rate_per_s = facts.provider_rpm / 60.0;
    // No schedule can beat the provider's rate: calls / rate.
    const double rate_bound_s = facts.calls / rate_per_s * scale;
    // At that rate, calls of this latency keep rate x latency in flight on average.
    const double sustained = rate_per_s * facts.call_latency_s;

    ConclusionTable table;
    table.title = facts.scenario + " (" + std::to_string(facts.calls) + " calls of " +
                  number(facts.call_latency_s, 3) + " s) against " + number(facts.provider_rpm, 1) +
                  " requests/min in " + number(facts.window_s, 3) + " s windows" +
                  random_faults_note(facts.random) + ", " +
                  std::to_string(facts.rate_limit_retries) +
                  " retries after a 429 (LLM_MAX_RATE_LIMIT_RETRIES), the slot held during "
                  "backoff unless a row says released, time scale " +
                  fixed(scale, 4) + " (real-time equivalents in brackets)";
    table.header = {"variant",  "makespan",        "total p99", "429s",
                    "attempts", "wasted attempts", "failed",    "server max in flight"};
    // The fixed limits with the slot held (the original's policy) and no client-side rate.
    std::vector<const LevelResult*> at_or_below;
    std::vector<const LevelResult*> above;
    const LevelResult* original = nullptr;
    for (std::size_t i = 0; i < runs.size() && i < variants.size(); ++i) {
        const auto& run = runs[i];
        table.rows.push_back(
            {run.strategy, seconds_cell(run.makespan_s, scale),
             seconds_cell(total_percentile_s(run, 0.99), scale), std::to_string(run.status_429),
             std::to_string(run.metrics.attempts), std::to_string(wasted_attempts(run)),
             std::to_string(run.calls_failed),
             run.server_max_in_flight ? std::to_string(*run.server_max_in_flight) : "n/a"});
        if (!is_plain_fixed(variants[i]) || !variants[i].hold_slot)
            continue;
        (variants[i].limit <= sustained ? at_or_below : above).push_back(&run);
        if (variants[i].limit == qa::limits::kMaxConcurrentCallsDefault)
            original = &run;
    }

    table.findings.push_back(
        "No schedule beats the provider's rate: " + std::to_string(facts.calls) + " calls at " +
        number(rate_per_s, 2) + " per second take at least " + seconds_cell(rate_bound_s, scale) +
        ". At that rate, calls of " + number(facts.call_latency_s, 3) + " s keep " +
        number(sustained, 1) + " in flight on average (rate x latency).");
    table.findings.push_back(limits_finding(at_or_below, above, sustained));
    if (original != nullptr) {
        table.findings.push_back(
            "The original's limit of " + std::to_string(original->concurrency) +
            ", slot held as the original did (" +
            (original->concurrency <= sustained ? "at or below" : "above") +
            " rate x latency): " + std::to_string(original->status_429) + " 429s, and " +
            (original->calls_failed == 0
                 ? std::string("no call failed.")
                 : std::to_string(original->calls_failed) + " of " + std::to_string(facts.calls) +
                       " calls failed after their retries."));
    }
    table.findings.push_back(fastest_finding(facts, runs, rate_bound_s));
    table.findings.push_back(waste_finding(runs));
    for (std::size_t i = 0; i + 1 < runs.size() && i + 1 < variants.size(); ++i) {
        if (variants[i].policy_compared && variants[i].hold_slot && !variants[i + 1].hold_slot)
            table.findings.push_back(
                slot_policy_finding(variants[i].name, runs[i], runs[i + 1], scale));
    }
    return table;
}

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
                 std::chrono::milliseconds(static_cast<std::int64_t>(1000 * kWindowS * scale)));
    ExperimentOutcome outcome;
    auto ran = run_variants_blocking(*scenario, *setup, flags, rate_limited_variants(), progress,
                                     outcome.calls_lost);
    if (!ran)
        return qa::Unexpected(ran.error());

    RateLimitedFacts facts;
    facts.scenario = scenario->name;
    facts.calls = scenario->calls;
    facts.call_latency_s = std::chrono::duration<double>(scenario->call_latency).count();
    facts.provider_rpm = kProviderRpm;
    facts.window_s = kWindowS;
    facts.rate_limit_retries = setup->settings.max_rate_limit_retries;
    facts.random = {setup->target.rate_429, setup->target.rate_500};
    facts.time_scale = scale;
    outcome.conclusion = conclude_rate_limited(facts, ran->runs);
    outcome.report_folders.push_back("rate-limited");
    outcome.reports.push_back(std::move(*ran));
    return outcome;
}

}  // namespace bench
