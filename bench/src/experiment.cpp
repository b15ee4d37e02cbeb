#include "bench/experiment.hpp"

#include <iomanip>
#include <sstream>

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
    };
    return experiments;
}

std::string fixed(double value, int digits) {
    std::ostringstream text;
    text << std::fixed << std::setprecision(digits) << value;
    return text.str();
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
