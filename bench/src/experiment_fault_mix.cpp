// The fault-mix experiment: a generated corpus of 100 files / 500 uncertain functions (enough
// calls that 1% hangs are several) against a provider failing 10% of calls with 5xx and hanging
// 1% until the client's per-call timeout, at limits 10 and 50, with and without a 10% retry
// budget, and with a per-call timeout of 5 s instead of the settings' one.
#include "bench/experiment.hpp"

namespace bench {
namespace {

// Each variant's row, in this order (the findings read rows 0, 1 and 2).
const std::vector<Variant>& fault_mix_variants() {
    static const std::vector<Variant> list = {
        {"limit 10", 10, nullptr},
        {"limit 10, retry budget 10%", 10, [](qa::Settings& s) { s.retry_budget = 0.1; }},
        {"limit 10, timeout 5 s", 10,
         [](qa::Settings& s) { s.call_timeout = std::chrono::seconds(5); }},
        {"limit 50", 50, nullptr},
        {"limit 50, retry budget 10%", 50, [](qa::Settings& s) { s.retry_budget = 0.1; }},
    };
    return list;
}

// A count from a metrics map, 0 when the key never occurred.
template <class Map, class Key>
std::uint64_t count_of(const Map& counts, const Key& key) {
    const auto found = counts.find(key);
    return found == counts.end() ? 0 : found->second;
}

}  // namespace

qa::Expected<ExperimentOutcome, std::string> run_fault_mix_experiment(const CommonFlags& flags,
                                                                      Progress& progress) {
    auto prepared = prepare_experiment(flags, "seed-100x500", "fault-mix");
    if (!prepared)
        return qa::Unexpected(prepared.error());
    const Scenario* scenario = &prepared->scenario;
    CommonSetup* setup = &prepared->setup;
    // 10% 5xx in all, 1% hangs (no answer until the client gives up).
    setup->target.chaos.rate("500") = 0.04;
    setup->target.chaos.rate("502") = 0.03;
    setup->target.chaos.rate("503") = 0.03;
    setup->target.chaos.rate("hang") = 0.01;
    ExperimentOutcome outcome;
    auto ran = run_variants_blocking(*scenario, *setup, flags, fault_mix_variants(), progress,
                                     outcome.calls_lost);
    if (!ran)
        return qa::Unexpected(ran.error());
    RunReport& report = *ran;

    const double scale = setup->time_scale;
    const double timeout_s =
        std::chrono::duration<double>(setup->settings.call_timeout).count() * scale;
    ConclusionTable& table = outcome.conclusion;
    table.title =
        "seed-100x500 (500 calls of 0.5 s) with 10% 5xx and 1% hangs, per-attempt "
        "timeout " +
        seconds_cell(timeout_s, scale) + ", " + std::to_string(setup->settings.max_retries) +
        " retries, time scale " + fixed(scale, 4);
    table.header = {"variant",     "makespan", "total p50", "total p99",      "slowest call",
                    "5xx answers", "timeouts", "retries",   "retries denied", "failed"};
    for (const auto& run : report.runs) {
        const auto& m = run.metrics;
        const std::uint64_t fivexx = count_of(m.attempts_by_status, 500) +
                                     count_of(m.attempts_by_status, 502) +
                                     count_of(m.attempts_by_status, 503);
        table.rows.push_back(
            {run.strategy, seconds_cell(run.makespan_s, scale),
             seconds_cell(std::chrono::duration<double>(m.total.percentile(0.5)).count(), scale),
             seconds_cell(std::chrono::duration<double>(m.total.percentile(0.99)).count(), scale),
             seconds_cell(std::chrono::duration<double>(m.total.max()).count(), scale),
             std::to_string(fivexx),
             std::to_string(count_of(m.attempts_by_error, std::string("timeout"))),
             std::to_string(run.retries), std::to_string(m.retries_denied),
             std::to_string(run.calls_failed)});
    }
    const auto& plain = report.runs[0];
    const auto& budgeted = report.runs[1];
    const auto& short_timeout = report.runs[2];
    const auto slowest = [&](const LevelResult& run) {
        return seconds_cell(std::chrono::duration<double>(run.metrics.total.max()).count(), scale);
    };
    table.findings.push_back(
        "A hung call holds its slot until the per-call timeout (" + seconds_cell(timeout_s, scale) +
        "): at limit 10 the slowest call took " + slowest(plain) + " against a median of " +
        seconds_cell(std::chrono::duration<double>(plain.metrics.total.percentile(0.5)).count(),
                     scale) +
        ", and the makespan follows the slowest call. A 5 s timeout took the slowest call to " +
        slowest(short_timeout) + " and the makespan from " + seconds_cell(plain.makespan_s, scale) +
        " to " + seconds_cell(short_timeout.makespan_s, scale) + ".");
    table.findings.push_back(
        "A 10% retry budget at limit 10: " + std::to_string(plain.retries) + " retries became " +
        std::to_string(budgeted.retries) + " (" + std::to_string(budgeted.metrics.retries_denied) +
        " denied), failed calls " + std::to_string(plain.calls_failed) + " became " +
        std::to_string(budgeted.calls_failed) +
        ": a budget protects a struggling provider from retry storms at the price of failures.");
    outcome.report_folders.push_back("fault-mix");
    outcome.reports.push_back(std::move(report));
    return outcome;
}

}  // namespace bench
