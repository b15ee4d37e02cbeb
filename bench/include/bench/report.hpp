#pragma once
// Results of a run as data: a JSON document, CSV rows and a table for people. The JSON and CSV
// carry how they were made (the command line, the tool version, the time scale).

#include <iosfwd>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench/level_run.hpp"

namespace bench {

struct RunReport {
    Scenario scenario;
    double time_scale = 1.0;
    std::string command;  // the command line that produced it
    std::vector<LevelResult> runs;
};

nlohmann::json to_json(const RunReport& report);
void write_csv(std::ostream& out, const RunReport& report);
void write_table(std::ostream& out, const RunReport& report);

// Writes summary.json and runs.csv under `dir` (created if needed); the error names the path.
qa::Expected<void, std::string> write_report_files(const std::string& dir,
                                                   const RunReport& report);

}  // namespace bench
