// The fault-mix experiment: a generated corpus of 100 files / 500 uncertain functions (enough
// calls that 1% hangs are several) against a provider failing 10% of calls with 5xx and hanging
// 1% until the client's per-call timeout, at limits 10 and 50, with and without a 10% retry
// budget, and with a per-call timeout of 5 s instead of the settings' one, that last with the
// slot held and released during the backoff before a retry.
#include <algorithm>
#include <chrono>

#include "bench/experiment_conclusions.hpp"
#include "bench/experiment_findings.hpp"

namespace bench {
namespace {

// The provider's faults: 10% 5xx in all, 1% hangs (no answer until the client gives up).
constexpr double kRate500 = 0.04;
constexpr double kRate502 = 0.03;
constexpr double kRate503 = 0.03;
constexpr double kRateHang = 0.01;

// fault_mix_variants()'s rows, in order.
enum VariantRow : std::size_t {
    kPlain,
    kBudgeted,
    kShortTimeoutHeld,
    kShortTimeoutReleased,
    kWide,
    kWideBudgeted,
    kRows
};

// A count from a metrics map, 0 when the key never occurred.
template <class Map, class Key>
std::uint64_t count_of(const Map& counts, const Key& key) {
    const auto found = counts.find(key);
    return found == counts.end() ? 0 : found->second;
}

std::uint64_t timeouts(const LevelResult& run) {
    return count_of(run.metrics.attempts_by_error, std::string("timeout"));
}

double slowest_s(const LevelResult& run) {
    return std::chrono::duration<double>(run.metrics.total.max()).count();
}

// The settings a variant runs with, apart from the experiment's own.
qa::Settings adjusted(const Variant& variant, const qa::Settings& base) {
    qa::Settings settings = base;
    if (variant.adjust != nullptr)
        variant.adjust(settings);
    return settings;
}

// Hung attempts hold their slots until the timeout: do they set the makespan?
std::string hang_finding(const LevelResult& plain, double timeout_s, double scale) {
    const std::string at = "at limit " + std::to_string(plain.concurrency);
    const std::string slowest = "the slowest call took " + seconds_cell(slowest_s(plain), scale) +
                                " against a median of " +
                                seconds_cell(total_percentile_s(plain, 0.5), scale);
    if (timeouts(plain) == 0) {
        return "No attempt ran into the per-attempt timeout (" + seconds_cell(timeout_s, scale) +
               ") " + at + " in this run: " + slowest + ".";
    }
    std::string text = counted(timeouts(plain), "attempt") + " ran into the per-attempt timeout (" +
                       seconds_cell(timeout_s, scale) + ") " + at +
                       ", each holding its slot until then: " + slowest;
    // The makespan runs from the first intended start to the last answer: at least the slowest
    // call. Within a tenth of it, that call is what ended the run.
    if (slowest_s(plain) >= 0.9 * plain.makespan_s)
        return text + ", and the makespan (" + seconds_cell(plain.makespan_s, scale) +
               ") ends with it: the slowest call set it.";
    return text + ", while the makespan (" + seconds_cell(plain.makespan_s, scale) +
           ") was set by the other calls.";
}

std::string short_timeout_finding(const LevelResult& plain, const LevelResult& shorter,
                                  double short_timeout_s, double scale) {
    std::string verdict;
    switch (lower_of(plain.makespan_s, shorter.makespan_s)) {
        case Lower::second:
            verdict = fixed(plain.makespan_s / shorter.makespan_s, 1) + "x shorter";
            break;
        case Lower::first:
            verdict = "longer: the shorter timeout did not pay here";
            break;
        case Lower::tie:
            verdict = "about the same: the timeout did not set the makespan here";
            break;
    }
    return "A per-attempt timeout of " + seconds_cell(short_timeout_s, scale) + " instead, " +
           "slot held as above: " + std::to_string(timeouts(shorter)) + " timeouts against " +
           std::to_string(timeouts(plain)) + ", the slowest call took " +
           seconds_cell(slowest_s(shorter), scale) + " and the makespan " +
           seconds_cell(shorter.makespan_s, scale) + " against " +
           seconds_cell(plain.makespan_s, scale) + " (" + verdict + "); failed calls " +
           std::to_string(shorter.calls_failed) + " against " + std::to_string(plain.calls_failed) +
           ".";
}

std::string budget_finding(const LevelResult& plain, const LevelResult& budgeted, double share) {
    std::string text = "A " + percent(share) + " retry budget at limit " +
                       std::to_string(plain.concurrency) + ": " + std::to_string(plain.retries) +
                       " retries became " + std::to_string(budgeted.retries) + " (" +
                       std::to_string(budgeted.metrics.retries_denied) + " denied), failed calls " +
                       std::to_string(plain.calls_failed) + " became " +
                       std::to_string(budgeted.calls_failed);
    if (budgeted.metrics.retries_denied == 0)
        return text + ": the budget never had to deny a retry here.";
    if (budgeted.calls_failed > plain.calls_failed)
        return text + ": the budget spared the provider " +
               std::to_string(budgeted.metrics.retries_denied) + " attempts at the price of " +
               std::to_string(budgeted.calls_failed - plain.calls_failed) + " failed calls.";
    return text + ": the budget spared the provider " +
           std::to_string(budgeted.metrics.retries_denied) +
           " attempts without losing a call more.";
}

}  // namespace

const std::vector<Variant>& fault_mix_variants() {
    static const std::vector<Variant> list = [] {
        const auto budget = [](qa::Settings& s) { s.retry_budget = 0.1; };
        const auto short_timeout = [](qa::Settings& s) {
            s.call_timeout = std::chrono::seconds(5);
        };
        std::vector<Variant> variants = {{"limit 10", 10},
                                         {"limit 10, retry budget 10%", 10, budget}};
        for (auto& v : both_slot_policies({"limit 10, timeout 5 s", 10, short_timeout}))
            variants.push_back(std::move(v));
        variants.push_back({"limit 50", 50});
        variants.push_back({"limit 50, retry budget 10%", 50, budget});
        return variants;
    }();
    return list;
}

ConclusionTable conclude_fault_mix(const FaultMixFacts& facts,
                                   const std::vector<LevelResult>& runs) {
    const double scale = facts.time_scale;
    const double timeout_s = facts.timeout_s * scale;
    ConclusionTable table;
    std::string faults =
        percent(facts.fivexx_share) + " 5xx and " + percent(facts.hang_share) + " hangs";
    if (facts.status_429_share > 0)
        faults += " and " + percent(facts.status_429_share) + " 429s (--rate-429)";
    table.title = facts.scenario + " (" + std::to_string(facts.calls) + " calls of " +
                  number(facts.call_latency_s, 3) + " s) with " + faults +
                  ", per-attempt timeout " + seconds_cell(timeout_s, scale) + ", " +
                  std::to_string(facts.retries) +
                  " retries, the slot held during backoff unless a row says released, time "
                  "scale " +
                  fixed(scale, 4);
    table.header = {"variant",     "makespan", "total p50", "total p99",      "slowest call",
                    "5xx answers", "timeouts", "retries",   "retries denied", "failed"};
    for (const auto& run : runs) {
        const auto& m = run.metrics;
        const std::uint64_t fivexx = count_of(m.attempts_by_status, 500) +
                                     count_of(m.attempts_by_status, 502) +
                                     count_of(m.attempts_by_status, 503);
        table.rows.push_back({run.strategy, seconds_cell(run.makespan_s, scale),
                              seconds_cell(total_percentile_s(run, 0.5), scale),
                              seconds_cell(total_percentile_s(run, 0.99), scale),
                              seconds_cell(slowest_s(run), scale), std::to_string(fivexx),
                              std::to_string(timeouts(run)), std::to_string(run.retries),
                              std::to_string(m.retries_denied), std::to_string(run.calls_failed)});
    }
    if (runs.size() < kRows)
        return table;

    const auto& variants = fault_mix_variants();
    const qa::Settings unchanged;
    const double short_timeout_s =
        std::chrono::duration<double>(adjusted(variants[kShortTimeoutHeld], unchanged).call_timeout)
            .count() *
        scale;
    const double budget = adjusted(variants[kBudgeted], unchanged).retry_budget.value_or(0);
    table.findings.push_back(hang_finding(runs[kPlain], timeout_s, scale));
    table.findings.push_back(
        short_timeout_finding(runs[kPlain], runs[kShortTimeoutHeld], short_timeout_s, scale));
    table.findings.push_back(budget_finding(runs[kPlain], runs[kBudgeted], budget));
    table.findings.push_back(budget_finding(runs[kWide], runs[kWideBudgeted], budget));
    table.findings.push_back(slot_policy_finding(variants[kShortTimeoutHeld].name,
                                                 runs[kShortTimeoutHeld],
                                                 runs[kShortTimeoutReleased], scale));
    return table;
}

qa::Expected<ExperimentOutcome, std::string> run_fault_mix_experiment(const CommonFlags& flags,
                                                                      Progress& progress) {
    auto prepared = prepare_experiment(flags, "seed-100x500", "fault-mix");
    if (!prepared)
        return qa::Unexpected(prepared.error());
    const Scenario* scenario = &prepared->scenario;
    CommonSetup* setup = &prepared->setup;
    auto& chaos = setup->target.chaos;
    chaos.rate("500") = kRate500;
    chaos.rate("502") = kRate502;
    chaos.rate("503") = kRate503;
    chaos.rate("hang") = kRateHang;
    ExperimentOutcome outcome;
    auto ran = run_variants_blocking(*scenario, *setup, flags, fault_mix_variants(), progress,
                                     outcome.calls_lost);
    if (!ran)
        return qa::Unexpected(ran.error());

    FaultMixFacts facts;
    facts.scenario = scenario->name;
    facts.calls = scenario->calls;
    facts.call_latency_s = std::chrono::duration<double>(scenario->call_latency).count();
    // The mock answers 500 at the larger of this experiment's rate and --rate-500's.
    facts.fivexx_share = std::max(kRate500, setup->target.rate_500) + kRate502 + kRate503;
    facts.hang_share = kRateHang;
    facts.status_429_share = setup->target.rate_429;
    facts.timeout_s = std::chrono::duration<double>(setup->settings.call_timeout).count();
    facts.retries = setup->settings.max_retries;
    facts.time_scale = setup->time_scale;
    outcome.conclusion = conclude_fault_mix(facts, ran->runs);
    outcome.report_folders.push_back("fault-mix");
    outcome.reports.push_back(std::move(*ran));
    return outcome;
}

}  // namespace bench
