#pragma once
// One whole analysis as the original service ran it: phase 1 over every file first, then (for
// LlmOnly and Hybrid) phase 2 as one parallel batch of every candidate of every file, then the
// response with its timings. Blocking; the LLM calls run on a private io_context thread.

#include "qa/analysis/llm_phase.hpp"
#include "qa/analysis/quality_response.hpp"
#include "qa/analysis/rule_phase.hpp"
#include "qa/analysis/test_file_discovery.hpp"

namespace qa {

// `settings.base_url` must name the LLM server when the strategy uses the LLM (it is only
// contacted when some function is sent). Discovery errors are reported as unreadable files.
// Errors: the LLM settings are unusable, or the batch did not finish within its bound.
Expected<QualityAnalysisResponse, LlmPhaseError> analyze_test_files(const DiscoveredFiles& input,
                                                                    const AnalysisOptions& options,
                                                                    const Settings& settings,
                                                                    const Logger& log);

}  // namespace qa
