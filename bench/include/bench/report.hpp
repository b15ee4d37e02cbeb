#pragma once
// Results of a run as data: a JSON document, CSV rows and a table for people. The JSON and CSV
// carry how they were made (the command line, the tool version, the time scale).

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench/level_run.hpp"
#include "bench/machine_probe.hpp"
#include "bench/spread.hpp"
#include "mock_llm/profile.hpp"

namespace bench {

struct RunReport {
    Scenario scenario;
    double time_scale = 1.0;
    std::string command;  // the command line that produced it
    // The conditions of the measurement, reported with it.
    std::string server;              // "embedded mock" or the external URL
    std::optional<int> mock_cpu;     // the CPU the embedded mock was pinned to
    bool wake_latency_held = false;  // /dev/cpu_dma_latency held at 0 while measuring
    std::string allocator;           // what serves malloc in the client (allocator_in_use)
    bool warm_up = true;
    int warm_up_runs = 0;  // whole runs per level before the measured ones, discarded
    // The embedded mock's profile (latency, behaviour, injected faults, seed) when the runs
    // began; none for an external server. Written as conditions.mock (mock_llm::profile_json).
    std::optional<mock_llm::Profile> mock_profile;
    // How promptly the machine woke threads just before the runs; none for a merge (its shards
    // ran on machines of their own: each shard's summary keeps its probe).
    std::optional<MachineProbe> machine;
    int shard_index = 0;  // this run's slice of the scenario (see select_shard)
    int shard_count = 1;
    std::vector<std::string> merged_from;  // set by qa-bench merge: the shard summaries
    std::vector<LevelResult> runs;
};

nlohmann::json to_json(const RunReport& report);
nlohmann::json to_json(const qa::HistogramSnapshot& snapshot);
// A histogram written by to_json; the error says what is missing or inconsistent.
qa::Expected<qa::LatencyHistogram, std::string> histogram_from_json(const nlohmann::json& data);
void write_csv(std::ostream& out, const RunReport& report);
void write_table(std::ostream& out, const RunReport& report);

// A number as the tables print it: `digits` after the point.
std::string fixed(double value, int digits);

// What the table, runs.csv and report.md show alike:
// the spread of a level's repeated makespans (none for one run, or for a merge: its makespan is
// the slowest shard's median, which need not be the median of its makespans_s);
std::optional<Spread> makespan_spread(const LevelResult& run, bool merged);
// a lower bound or ratio to `digits` after the point, or n/a for an open loop, which has none;
std::string bound_cell(const LevelResult& run, double value, int digits);
// the server's max in flight: "n/a" without server stats, "A..B" for a merge's bounds;
std::string server_in_flight_cell(const LevelResult& run);
// a level during which tasks waited for a CPU for kContendedShare of its makespan or more
// (cpu_pressure.hpp): "limit 50 (fixed): tasks on this machine waited 3.9 ms for a CPU during
// the run (36% of its makespan); its ratio may owe part to that". The waiting task may be
// another program's or the harness's own: the note says what was measured, not whose it was.
std::optional<std::string> contention_note(const LevelResult& run);
// The same from the figures alone (a summary's run read back, as compare reads it).
std::optional<std::string> contention_note(int concurrency, std::string_view strategy,
                                           double makespan_s, std::optional<double> pressure_s);

// Writes summary.json, runs.csv, calls.jsonl (the median runs' calls), report.md and its SVG
// figures under `dir` (created if needed); the error names the path.
qa::Expected<void, std::string> write_report_files(const std::string& dir, const RunReport& report);

}  // namespace bench
