#pragma once
// Phase 2: every candidate of every file in ONE parallel batch under the shared limit
// (run_parallel_calls), each answer parsed into issues or a reason why it failed. The calls run
// on one io_context thread.

#include <chrono>
#include <span>
#include <string>
#include <vector>

#include "qa/analysis/llm_answer.hpp"
#include "qa/analysis/quality_response.hpp"
#include "qa/analysis/rule_phase.hpp"
#include "qa/config/config_error.hpp"
#include "qa/config/settings.hpp"
#include "qa/llm/parallel_calls.hpp"
#include "qa/log/logger.hpp"

namespace qa {

struct LlmPhaseResult {
    std::vector<Expected<LlmAnswer, std::string>> answers;  // answers[i] for candidates[i]
    LlmCallSummary calls;
    std::chrono::microseconds elapsed{0};
};

// Moves every file's candidates out, in file order then source order: the batch.
std::vector<LlmCandidate> take_candidates(RulePhaseResult& phase1);

// The request for one candidate: the system prompt and its user prompt, JSON mode.
ChatRequest make_chat_request(const LlmCandidate& candidate);

// Runs the batch on `runner` (whose metrics are `metrics`, fresh for this batch) and parses the
// answers. `candidates` must outlive the returned awaitable. The logger is copied.
awaitable<LlmPhaseResult> run_llm_phase(LlmCallRunner& runner, const CallMetrics& metrics,
                                        const std::vector<LlmCandidate>& candidates, Logger log);

struct LlmPhaseError {
    enum class Kind { configuration, hung };
    Kind kind = Kind::configuration;
    std::string message;  // a ConfigError's message, or what did not finish in time
};

// The same on a private io_context with an HTTP client for `settings` (base URL, limit, flow
// controls, retries), bounded by a watchdog at the longest the batch can legitimately take.
// Blocks the calling thread; never call it on an io_context thread.
Expected<LlmPhaseResult, LlmPhaseError> run_llm_phase_blocking(
    const Settings& settings, const std::vector<LlmCandidate>& candidates, const Logger& log);

}  // namespace qa
