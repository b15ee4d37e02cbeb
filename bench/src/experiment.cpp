#include "bench/experiment.hpp"

#include "bench/experiment_conclusions.hpp"
#include "bench/wake_latency.hpp"

namespace bench {

const std::vector<Experiment>& builtin_experiments() {
    static const std::vector<Experiment> experiments = {
        {"sweeps",
         "How does the makespan of the original's workloads (38 files / 91 calls, 50 / 120) fall "
         "with the limit from 1 to 50, how close to its lower bound, and how much does the "
         "harness itself add?",
         &run_sweeps_experiment, 100},
        {"shared-limit",
         "Several analyses at once: one limit shared by every analysis in the process, or one "
         "limit each? What does the provider see, and what does each analysis wait?",
         &run_shared_limit_experiment, 2},
        {"rate-limited",
         "A provider with OpenAI-style rate limits (600 requests per minute): which fixed limit, "
         "does an adaptive limit or a client-side token bucket beat them on makespan, 429s "
         "and wasted calls, and should a call keep its slot while it waits out a 429?",
         &run_rate_limited_experiment, static_cast<int>(rate_limited_variants().size())},
        {"fault-mix",
         "A provider that fails 10% of calls with 5xx and hangs 1% until the per-call timeout: "
         "what do retries, the timeout, a retry budget and holding or releasing the slot during "
         "backoff do to makespan, tail latency and failures?",
         &run_fault_mix_experiment, static_cast<int>(fault_mix_variants().size())},
    };
    return experiments;
}

qa::Expected<ExperimentSetup, std::string> prepare_experiment(const CommonFlags& flags,
                                                              const std::string& scenario,
                                                              const char* embedded_only) {
    auto found = find_scenario(scenario);
    if (!found)
        return qa::Unexpected(found.error());
    auto setup = prepare_common(flags, *found);
    if (!setup)
        return qa::Unexpected(setup.error().message());
    if (embedded_only != nullptr && !flags.llm_url.empty())
        return qa::Unexpected(std::string(embedded_only) +
                              " needs the embedded mock (no --llm-url)");
    return ExperimentSetup{std::move(*found), std::move(*setup)};
}

std::string Variant::label() const {
    if (!policy_compared)
        return name;
    return name + (hold_slot ? ", slot held" : ", slot released");
}

qa::Settings Variant::settings(qa::Settings base) const {
    // What variants compare starts from the original's values, whatever LLM_LIMIT_STRATEGY,
    // LLM_RATE_LIMIT_RPM, LLM_RETRY_BUDGET or LLM_HOLD_SLOT_DURING_BACKOFF say, so the labels
    // name every difference between two rows.
    const qa::Settings original;
    base.limit_strategy = original.limit_strategy;
    base.rate_limit_rpm = original.rate_limit_rpm;
    base.retry_budget = original.retry_budget;
    base.hold_slot_during_backoff = hold_slot;
    if (adjust != nullptr)
        adjust(base);
    return base;
}

std::vector<Variant> both_slot_policies(Variant variant) {
    variant.policy_compared = true;
    Variant released = variant;
    variant.hold_slot = true;
    released.hold_slot = false;
    return {std::move(variant), std::move(released)};
}

std::string seconds_cell(double seconds, double scale) {
    return fixed(seconds, 3) + " s (" + fixed(seconds / scale, 2) + " s)";
}

qa::Expected<RunReport, std::string> run_variants_blocking(const Scenario& scenario,
                                                           const CommonSetup& setup,
                                                           const CommonFlags& flags,
                                                           const std::vector<Variant>& variants,
                                                           Progress& progress, bool& calls_lost) {
    auto target = Target::start(setup.target);
    if (!target)
        return qa::Unexpected(target.error());
    const WakeLatencyGuard wake_latency(!flags.no_wake_latency);
    RunReport report = new_report(scenario, setup, flags, **target, wake_latency.held());
    for (const Variant& variant : variants) {
        const LevelOptions options{
            scenario,          setup.time_scale, variant.settings(setup.settings),
            !flags.no_warm_up, setup.seed,       setup.repetitions,
            setup.warm_up_runs};
        const std::string label = variant.label();
        progress.start(label + " at limit " + std::to_string(variant.limit));
        auto run = run_level_blocking(**target, options, variant.limit, setup.log);
        if (!run)
            return qa::Unexpected(label + ": " + run.error());
        progress.finish("makespan " + fixed(run->makespan_s, 4) + " s, 429s " +
                        std::to_string(run->status_429) + ", failed " +
                        std::to_string(run->calls_failed));
        if (run->calls_ok + run->calls_failed != static_cast<std::uint64_t>(scenario.calls))
            calls_lost = true;
        run->strategy = label;  // the report's rows and lines are the variants
        report.runs.push_back(std::move(*run));
    }
    return report;
}

void write_conclusion(std::ostream& out, const ConclusionTable& table) {
    out << "## " << table.title << "\n\n|";
    for (const auto& cell : table.header)
        out << ' ' << cell << " |";
    out << "\n|";
    for (std::size_t i = 0; i < table.header.size(); ++i)
        out << (i == 0 ? "---|" : "---:|");
    out << '\n';
    for (const auto& row : table.rows) {
        out << '|';
        for (const auto& cell : row)
            out << ' ' << cell << " |";
        out << '\n';
    }
    out << '\n';
    for (const auto& finding : table.findings)
        out << "- " << finding << '\n';
}

}  // namespace bench
