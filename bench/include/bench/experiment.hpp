#pragma once
// Built-in experiments: a question users bring to the harness, the runs that answer it, and a
// conclusion table whose every figure and finding is computed from those runs.

#include <ostream>
#include <string>
#include <vector>

#include "bench/commands.hpp"
#include "bench/common_setup.hpp"
#include "bench/progress.hpp"
#include "bench/report.hpp"
#include "qa/expected.hpp"

namespace bench {

// The answer in one table: a row per variant, and findings (sentences built from the figures).
struct ConclusionTable {
    std::string title;
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> findings;
};

struct ExperimentOutcome {
    std::vector<RunReport> reports;  // each written under OUT/<report folder>/
    std::vector<std::string> report_folders;
    ConclusionTable conclusion;
    bool calls_lost = false;  // some run did not account for every call: exit 1
};

struct Experiment {
    std::string name;
    std::string question;
    // Runs the experiment, blocking. Errors: bad flags or a target that cannot start (exit 2).
    qa::Expected<ExperimentOutcome, std::string> (*run)(const CommonFlags& flags,
                                                        Progress& progress);
    int steps = 0;  // runs it makes, for the progress bar
};

const std::vector<Experiment>& builtin_experiments();

// The table as Markdown, then the findings as a list.
void write_conclusion(std::ostream& out, const ConclusionTable& table);

// What every experiment starts from: its scenario and the flags' setup. `embedded_only` names
// an experiment whose provider is the embedded mock's profile, which refuses --llm-url.
struct ExperimentSetup {
    Scenario scenario;
    CommonSetup setup;
};
qa::Expected<ExperimentSetup, std::string> prepare_experiment(const CommonFlags& flags,
                                                              const std::string& scenario,
                                                              const char* embedded_only = nullptr);

// One variant of a comparison: a name, the limit it runs at, how it changes the settings
// (strategy, client-side rate limit, retry budget...), and whether its calls keep their slot
// while they sleep before a retry. Those start from the original's values (fixed limit, no
// rate limit, no budget), whatever the LLM_* variables say, so two rows differ only where their
// labels say they do.
struct Variant {
    std::string name;
    int limit = 10;
    void (*adjust)(qa::Settings& settings) = nullptr;
    bool hold_slot = true;  // the original's policy
    // Run both ways: the label names the policy ("fixed 10, slot released").
    bool policy_compared = false;

    // What its row and report line are called.
    std::string label() const;
    // `base` (the settings from the environment) as this variant runs them.
    qa::Settings settings(qa::Settings base) const;
};

// The variant twice, slot held then released during backoff, each labelled with its policy.
std::vector<Variant> both_slot_policies(Variant variant);

// Starts setup.target and runs each variant's level of `scenario` against it (stats reset
// between runs; settings as Variant says), in order, holding fast CPU wake-ups unless the flags
// say not to. Returns the report of those runs, one row per variant, each named by its label.
// Sets `calls_lost` when a run does not account for every call.
qa::Expected<RunReport, std::string> run_variants_blocking(const Scenario& scenario,
                                                           const CommonSetup& setup,
                                                           const CommonFlags& flags,
                                                           const std::vector<Variant>& variants,
                                                           Progress& progress, bool& calls_lost);

// "0.123 s (12.30 s)": measured, and its real-time equivalent at `scale`.
std::string seconds_cell(double seconds, double scale);

// The experiments themselves (experiment_*.cpp).
qa::Expected<ExperimentOutcome, std::string> run_sweeps_experiment(const CommonFlags& flags,
                                                                   Progress& progress);
qa::Expected<ExperimentOutcome, std::string> run_shared_limit_experiment(const CommonFlags& flags,
                                                                         Progress& progress);
qa::Expected<ExperimentOutcome, std::string> run_rate_limited_experiment(const CommonFlags& flags,
                                                                         Progress& progress);
qa::Expected<ExperimentOutcome, std::string> run_fault_mix_experiment(const CommonFlags& flags,
                                                                      Progress& progress);

}  // namespace bench
