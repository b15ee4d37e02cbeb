#pragma once
// qa's subcommands. Each returns the process exit status: 0 clean, 1 issues found, 2 usage or
// configuration error.

#include <optional>
#include <string>
#include <vector>

namespace qa::cli {

inline constexpr int kExitClean = 0;
inline constexpr int kExitIssues = 1;
inline constexpr int kExitUsage = 2;
// Some function could not be analysed (its LLM call failed or its answer was unusable): the
// result is incomplete, whatever else it found, so a CI job does not read "clean" into it.
inline constexpr int kExitIncomplete = 3;

// Flags as given; the command validates them.
struct AnalyzeFlags {
    std::vector<std::string> paths;
    bool json = false;
    std::string strategy = "hybrid";
    bool no_timings = false;
    bool quiet = false;
    std::string jobs = "0";  // phase 1 workers; 0 = one per CPU
    // The embedded mock's latency per answer (default 0); absent unless given, so that a run
    // without the embedded mock can refuse it.
    std::optional<std::string> mock_latency_ms;
};

struct GenerateCorpusFlags {
    std::string scenario;
    std::string out_dir;
};

int command_analyze(const AnalyzeFlags& flags);
int command_generate_corpus(const GenerateCorpusFlags& flags);

}  // namespace qa::cli
