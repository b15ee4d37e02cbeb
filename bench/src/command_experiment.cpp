// qa-bench experiment NAME: runs a built-in experiment, prints its conclusion table and writes
// the runs' reports and conclusion.md under --out.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "bench/commands.hpp"
#include "bench/common_setup.hpp"
#include "bench/experiment.hpp"
#include "qa/config/value_parsers.hpp"

namespace bench {

int command_experiment(const ExperimentFlags& flags) {
    const auto& experiments = builtin_experiments();
    if (flags.list && flags.name) {
        return usage_error("experiment --list takes no NAME (it lists them all; " +
                           qa::quoted_setting("NAME", *flags.name) + " given)");
    }
    if (flags.list || !flags.name) {
        for (const auto& experiment : experiments)
            std::cout << experiment.name << ": " << experiment.question << '\n';
        return flags.list ? kExitOk : usage_error("experiment needs a NAME (--list shows them)");
    }
    const Experiment* chosen = nullptr;
    std::string known;
    for (const auto& experiment : experiments) {
        if (experiment.name == *flags.name)
            chosen = &experiment;
        known += known.empty() ? "" : ", ";
        known += experiment.name;
    }
    if (chosen == nullptr) {
        return usage_error(qa::ConfigError{"experiment", *flags.name, "one of " + known}.message());
    }

    Progress progress(chosen->steps, !flags.common.quiet);
    auto outcome = chosen->run(flags.common, progress);
    progress.close();
    if (!outcome)
        return usage_error(outcome.error());

    std::cout << "# " << chosen->name << "\n\n" << chosen->question << "\n\n";
    write_conclusion(std::cout, outcome->conclusion);
    int status = outcome->calls_lost ? kExitRunFailed : kExitOk;
    if (!flags.common.out_dir.empty()) {
        const std::filesystem::path out(flags.common.out_dir);
        for (std::size_t i = 0; i < outcome->reports.size(); ++i) {
            const auto dir = out / outcome->report_folders[i];
            if (auto written = write_report_files(dir.string(), outcome->reports[i]); !written) {
                std::cerr << "qa-bench: " << written.error() << '\n';
                status = kExitRunFailed;
            }
        }
        const auto path = out / "conclusion.md";
        std::ofstream file(path);
        file << "# Experiment " << chosen->name << "\n\nMade by `" << flags.common.command_line
             << "`.\n\n"
             << chosen->question << "\n\n";
        write_conclusion(file, outcome->conclusion);
        file << "\nEach run's report: ";
        for (const auto& folder : outcome->report_folders)
            file << "[" << folder << "](" << folder << "/report.md) ";
        file << '\n';
        if (!file) {
            std::cerr << "qa-bench: cannot write " << path.string() << '\n';
            status = kExitRunFailed;
        }
    }
    return status;
}

}  // namespace bench
