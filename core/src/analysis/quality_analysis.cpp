#include "qa/analysis/quality_analysis.hpp"

#include "qa/analysis/response_builder.hpp"

namespace qa {

namespace {

std::chrono::microseconds since(SteadyClock::time_point start) {
    return std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - start);
}

}  // namespace

Expected<QualityAnalysisResponse, LlmPhaseError> analyze_test_files(const DiscoveredFiles& input,
                                                                    const AnalysisOptions& options,
                                                                    const Settings& settings,
                                                                    const Logger& log) {
    const auto started = SteadyClock::now();
    RulePhaseResult phase1 = run_rule_phase(input.files, options);
    phase1.unreadable.insert(phase1.unreadable.begin(), input.errors.begin(), input.errors.end());
    for (const FileError& error : phase1.unreadable)
        log.warn("Cannot analyse " + error.message());
    const std::vector<LlmCandidate> candidates = take_candidates(phase1);

    std::optional<LlmPhaseResult> phase2;
    if (uses_llm(options.strategy) && !candidates.empty()) {
        auto result = run_llm_phase_blocking(settings, candidates, log);
        if (!result)
            return Unexpected(result.error());
        phase2.emplace(std::move(*result));
    }

    QualityAnalysisResponse response =
        build_response(options.strategy, phase1, candidates, phase2 ? &*phase2 : nullptr);
    response.timings.rule_phase = phase1.elapsed;
    response.timings.llm_phase = phase2 ? phase2->elapsed : std::chrono::microseconds(0);
    response.timings.total = since(started);
    return response;
}

}  // namespace qa
