#pragma once
// A scenario's workload, made by the production analysis itself: phase 1 (parse, rules,
// prompts; the code `qa analyze` runs) over the scenario's test files, whose uncertain functions
// become phase 2's LLM calls under the Hybrid strategy. Phase 2's answers are read back with the
// production answer parser, so a run measures the whole analysis, not a stand-in for it.

#include <cstdint>
#include <string>
#include <vector>

#include "bench/scenario.hpp"
#include "qa/expected.hpp"
#include "qa/llm/parallel_calls.hpp"

namespace bench {

// What phase 1 found and how long it took.
struct Phase1Figures {
    std::uint32_t files = 0;  // analysed
    std::uint32_t unreadable = 0;
    std::uint32_t test_functions = 0;
    std::uint32_t uncertain = 0;  // = phase 2's calls
    std::uint32_t rule_issues = 0;
    std::uint64_t bytes = 0;
    // Parse, rules and prompts, plus reading for a user's test files (a generated corpus is
    // already in memory). One thread, as the original service ran it.
    double elapsed_s = 0;
};

struct Workload {
    std::vector<qa::LlmTask> tasks;  // one per uncertain function, in file then source order
    Phase1Figures phase1;
};

// Runs phase 1 over the scenario's files. Blocking CPU work (a generated corpus is generated
// first, outside the timing). Errors: a generated corpus whose rule phase does not yield the
// scenario's call count exactly (a generator bug), or test paths of which none could be read.
qa::Expected<Workload, std::string> run_phase1_blocking(const Scenario& scenario);

// Phase 2's answers read as the production analysis reads them.
struct AnswerFigures {
    std::uint64_t llm_issues = 0;  // issues in the usable answers
    std::uint64_t unusable = 0;    // calls that succeeded with an answer the parser refused
};

// Failed calls are not counted here (they are the run's failed calls).
AnswerFigures read_answers(const std::vector<qa::CallOutcome>& outcomes);

}  // namespace bench
