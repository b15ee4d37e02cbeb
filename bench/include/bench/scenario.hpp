#pragma once
// Scenario: a named workload of the harness: how many files and LLM calls, the latency of each
// call at time scale 1, and what the original service measured for it.

#include <chrono>
#include <string>
#include <vector>

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
};

const std::vector<Scenario>& builtin_scenarios();

// The scenario called `name`; the error lists the known names.
qa::Expected<Scenario, std::string> find_scenario(const std::string& name);

// The scenario's LLM calls: `calls` uncertain functions spread over `files` test files, each
// with a prompt that differs per function, so the mock's answers differ too. Deterministic.
std::vector<qa::LlmTask> make_tasks(const Scenario& scenario);

// Shard `index` of `count` (0 <= index < count): every count-th task from `index`, so shards
// are disjoint, cover the scenario together, and are the same on every machine.
std::vector<qa::LlmTask> select_shard(std::vector<qa::LlmTask> tasks, int index, int count);

// ceil(calls / limit) x latency: no schedule with that limit can finish sooner.
std::chrono::microseconds makespan_lower_bound(int calls, int limit,
                                               std::chrono::microseconds latency);

}  // namespace bench
