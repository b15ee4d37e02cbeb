#pragma once
// What run and seed-compare both need before measuring: validated flags, settings from the
// environment, a logger and a started Target.

#include <memory>
#include <optional>
#include <string>

#include "bench/commands.hpp"
#include "bench/level_run.hpp"
#include "bench/report.hpp"
#include "bench/target.hpp"
#include "qa/config/config_error.hpp"
#include "qa/config/settings.hpp"
#include "qa/log/logger.hpp"

namespace bench {

struct CommonSetup {
    double time_scale = 1.0;
    std::uint64_t seed = 1;
    int repetitions = 1;
    bool repetitions_given = false;  // --repetitions was on the command line
    int warm_up_runs = 0;            // whole runs per level before the measured ones, discarded
    qa::Settings settings;
    qa::Logger log;
    TargetOptions target;
};

// The first bad flag or variable as a ConfigError; "the scenario's latency" sets the mock.
qa::Expected<CommonSetup, qa::ConfigError> prepare_common(const CommonFlags& flags,
                                                          const Scenario& latency_from);

// prepare_common for `scenario`, then the target started: what a command needs before it
// measures. The error is the message to print (exit status 2).
struct StartedSetup {
    CommonSetup setup;
    std::unique_ptr<Target> target;
};
qa::Expected<StartedSetup, std::string> prepare_and_start(const CommonFlags& flags,
                                                          const Scenario& scenario);

// A report for `scenario` carrying how and under which conditions it is measured, the machine's
// wake-ups probed (blocking about 90 ms; a probe that fails is a warning, the report has none);
// the caller adds the runs.
RunReport new_report(const Scenario& scenario, const CommonSetup& setup, const CommonFlags& flags,
                     const Target& target, bool wake_latency_held);

// Where a command makes no runs to repeat or warm up for (an open loop, soak, shared-limit),
// --warm-up-runs and --repetitions above 1 are refused, not ignored: the message for the first
// one given, the flag as typed followed by its text (" does not apply to soak (...)"); nothing
// when neither is.
std::optional<std::string> refused_run_flags(const CommonFlags& flags, const CommonSetup& setup,
                                             const std::string& warm_up_runs_text,
                                             const std::string& repetitions_text);

// Prints `message` as the CLI's error line and returns kExitUsage.
int usage_error(const std::string& message);

}  // namespace bench
