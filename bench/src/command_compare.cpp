#include <iomanip>
#include <iostream>

#include "bench/commands.hpp"
#include "bench/common_setup.hpp"
#include "bench/compare.hpp"
#include "bench/condition_differences.hpp"
#include "bench/machine_probe.hpp"
#include "bench/summary_input.hpp"
#include "qa/config/value_parsers.hpp"

namespace bench {

int command_compare(const CompareFlags& flags) {
    const auto tolerance = qa::parse_double_setting("--tolerance", flags.tolerance, 0.0, 10.0);
    if (!tolerance)
        return usage_error(tolerance.error().message());
    CompareOptions options;
    options.tolerance = *tolerance;
    for (const auto& text : flags.thresholds) {
        auto threshold = parse_threshold(text);
        if (!threshold)
            return usage_error(threshold.error());
        options.thresholds.push_back(std::move(*threshold));
    }
    const auto baseline = read_summary_file(flags.baseline);
    if (!baseline)
        return usage_error(baseline.error());
    const auto run = read_summary_file(flags.run);
    if (!run)
        return usage_error(run.error());
    const auto checks = compare_runs(*baseline, *run, options);
    if (!checks)
        return usage_error(flags.run + " cannot be compared with " + flags.baseline + ": " +
                           checks.error());

    int breaches = 0;
    std::cout << "compare " << flags.run << " against " << flags.baseline << " (ratio tolerance "
              << options.tolerance * 100 << "%)\n";
    // Ratios measured under other conditions may differ for that reason alone: said first.
    const auto differences = condition_differences(*baseline, *run);
    if (!differences.empty()) {
        constexpr std::size_t kShown = 12;
        std::cout << "note: measured under other conditions than the baseline (ratios may differ "
                     "for that reason alone):\n";
        for (std::size_t i = 0; i < differences.size() && i < kShown; ++i)
            std::cout << "  " << differences[i] << '\n';
        if (differences.size() > kShown)
            std::cout << "  ... and " << differences.size() - kShown << " more\n";
    }
    // So does the machine: how promptly it woke threads, probed before each measurement.
    const auto baseline_machine = machine_probe_of(*baseline);
    const auto run_machine = machine_probe_of(*run);
    if (baseline_machine && run_machine) {
        if (const auto line = machine_difference(*baseline_machine, *run_machine))
            std::cout << "note: " << *line << '\n';
    }
    // And a level that waited for CPUs, on either side, is named: its check says less.
    for (const auto& note : contended_levels(*baseline))
        std::cout << "note: the baseline's " << note << '\n';
    for (const auto& note : contended_levels(*run))
        std::cout << "note: the run's " << note << '\n';
    std::cout << "result  limit  check                          observed      bound\n";
    for (const auto& check : *checks) {
        breaches += check.passed ? 0 : 1;
        std::cout << (check.passed ? "pass  " : "FAIL  ") << std::setw(7) << check.level << "  "
                  << std::left << std::setw(28) << check.what << std::right << std::setw(11)
                  << std::setprecision(4) << check.observed << std::setw(11) << check.limit << '\n';
    }
    if (breaches > 0) {
        std::cout << breaches << " of " << checks->size() << " checks failed\n";
        return kExitRegression;
    }
    std::cout << "all " << checks->size() << " checks passed\n";
    return kExitOk;
}

}  // namespace bench
