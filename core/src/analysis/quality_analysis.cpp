#include "qa/analysis/quality_analysis.hpp"

#include "qa/analysis/response_builder.hpp"

namespace qa {

namespace {

std::chrono::microseconds since(SteadyClock::time_point start) {
    return std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - start);
}

// "Parsed tests/test_x.py with problems (...): unclosed_bracket at line 2, ..." for a file the
// parser recovered in: analysed all the same, but Python would refuse it.
std::string parse_problems_line(const FileReport& file) {
    constexpr std::size_t kShown = 3;
    std::string line = "Parsed " + file.path +
                       " with problems (analysed as far as it parses; findings near them may be "
                       "off): ";
    const auto& items = file.problems.items;
    for (std::size_t i = 0; i < items.size() && i < kShown; ++i) {
        line += i > 0 ? ", " : "";
        line.append(to_string(items[i].kind)).append(" at line ");
        line += std::to_string(items[i].line);
    }
    const std::uint64_t more =
        (items.size() > kShown ? items.size() - kShown : 0) + file.problems.dropped;
    if (more > 0)
        line += " and " + std::to_string(more) + " more";
    return line;
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
    for (const FileReport& file : phase1.files) {
        if (!file.problems.empty())
            log.warn(parse_problems_line(file));
    }
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
