#pragma once
// Assembling the QualityAnalysisResponse from the two phases, by the strategy's rules: rule
// issues for RuleOnly and Hybrid, LLM issues for LlmOnly and Hybrid, every list in a stable
// order. Timings are left for the caller to fill. Pure.

#include <vector>

#include "qa/analysis/llm_phase.hpp"
#include "qa/analysis/quality_response.hpp"
#include "qa/analysis/rule_phase.hpp"

namespace qa {

// `phase2` is null when no batch ran (RuleOnly, or nothing to send); then `candidates` must be
// empty or unsent. answers[i] of phase2 belongs to candidates[i].
QualityAnalysisResponse build_response(StrategyKind strategy, const RulePhaseResult& phase1,
                                       const std::vector<LlmCandidate>& candidates,
                                       const LlmPhaseResult* phase2);

// The file line an LLM issue is about: its line counts from the test's first line; a line
// missing or outside the test's span lands on the def line.
std::uint32_t file_line_of(const LlmCandidate& candidate, std::uint32_t answered_line);

}  // namespace qa
