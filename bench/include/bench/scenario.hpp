#pragma once
// Scenario: a named workload of the harness: the test files phase 1 reads (a generated corpus
// or a user's own tests), how many files and LLM calls that gives, the latency of each call at
// time scale 1, and what the original service measured for it. bench/workload.hpp turns it
// into calls.

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "qa/analysis/corpus_generator.hpp"
#include "qa/expected.hpp"
#include "qa/llm/parallel_calls.hpp"

namespace bench {

struct Scenario {
    std::string name;
    std::string description;
    int files = 0;
    int calls = 0;
    std::chrono::microseconds call_latency{500'000};  // at time scale 1
    double original_sequential_s = 0;                 // the original's table ("45+ s")
    double original_parallel_s = 0;                   // at limit 10 ("~5 s")
    qa::CorpusSpec corpus;  // the generated corpus phase 1 reads, unless test_paths is set
    std::vector<std::filesystem::path> test_paths;  // a user's test files and directories
};

const std::vector<Scenario>& builtin_scenarios();

// The scenario called `name`: a built-in one, or any generated corpus "seed-FxU" (F files,
// U uncertain functions; see qa::corpus_scenario). The error names --scenario and lists the
// built-in names.
qa::Expected<Scenario, std::string> find_scenario(const std::string& name);

// A scenario over a user's test files and directories (pytest's file patterns); its file and
// call counts are phase 1's, filled in by the caller once phase 1 has run.
Scenario tests_scenario(std::vector<std::filesystem::path> paths);

// Shard `index` of `count` (0 <= index < count): every count-th task from `index`, so shards
// are disjoint, cover the scenario together, and are the same on every machine.
std::vector<qa::LlmTask> select_shard(std::vector<qa::LlmTask> tasks, int index, int count);

// ceil(calls / limit) x latency: no schedule with that limit can finish sooner.
std::chrono::microseconds makespan_lower_bound(int calls, int limit,
                                               std::chrono::microseconds latency);

}  // namespace bench
