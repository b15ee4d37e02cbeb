#include "bench/workload.hpp"

#include "qa/analysis/corpus_generator.hpp"
#include "qa/analysis/llm_answer.hpp"
#include "qa/analysis/llm_phase.hpp"
#include "qa/analysis/rule_phase.hpp"
#include "qa/analysis/test_file_discovery.hpp"
#include "qa/clock.hpp"

namespace bench {
namespace {

double seconds_since(qa::SteadyClock::time_point start) {
    return std::chrono::duration<double>(qa::SteadyClock::now() - start).count();
}

// The generated corpus through the same per-file step run_rule_phase uses, from memory.
qa::RulePhaseResult check_generated(const std::vector<qa::GeneratedFile>& corpus,
                                    const qa::AnalysisOptions& options) {
    qa::RulePhaseResult result;
    qa::RuleEngine engine(options.rules);
    result.files.reserve(corpus.size());
    for (const qa::GeneratedFile& file : corpus) {
        const qa::ParsedFile parsed = qa::parse_python_source(file.content, file.relative_path);
        result.bytes += file.content.size();
        result.files.push_back(qa::analyze_parsed_file(parsed, engine, options));
    }
    return result;
}

}  // namespace

qa::Expected<Workload, std::string> run_phase1_blocking(const Scenario& scenario) {
    qa::AnalysisOptions options;
    options.strategy = qa::StrategyKind::hybrid;
    options.phase1_threads = 1;

    std::vector<qa::GeneratedFile> corpus;
    qa::DiscoveredFiles discovered;
    if (scenario.test_paths.empty()) {
        corpus = qa::generate_corpus(scenario.corpus);
    }
    const auto started = qa::SteadyClock::now();
    qa::RulePhaseResult phase1;
    if (scenario.test_paths.empty()) {
        phase1 = check_generated(corpus, options);
    } else {
        discovered = qa::discover_test_files(scenario.test_paths);
        phase1 = qa::run_rule_phase(discovered.files, options);
    }
    const std::vector<qa::LlmCandidate> candidates = qa::take_candidates(phase1);

    Workload workload;
    workload.tasks.reserve(candidates.size());
    for (const qa::LlmCandidate& candidate : candidates) {
        workload.tasks.push_back(qa::LlmTask{candidate.file + "::" + candidate.function,
                                             qa::make_chat_request(candidate)});
    }
    Phase1Figures& figures = workload.phase1;
    figures.elapsed_s = seconds_since(started);
    figures.files = static_cast<std::uint32_t>(phase1.files.size());
    figures.unreadable =
        static_cast<std::uint32_t>(phase1.unreadable.size() + discovered.errors.size());
    figures.bytes = phase1.bytes;
    figures.uncertain = static_cast<std::uint32_t>(candidates.size());
    for (const qa::FileReport& file : phase1.files) {
        figures.test_functions += file.test_functions;
        figures.rule_issues += static_cast<std::uint32_t>(file.issues.size());
    }

    if (scenario.test_paths.empty() &&
        workload.tasks.size() != static_cast<std::size_t>(scenario.calls)) {
        return qa::Unexpected("the generated corpus " + scenario.name + " yielded " +
                              std::to_string(workload.tasks.size()) +
                              " uncertain functions instead of " + std::to_string(scenario.calls));
    }
    if (!scenario.test_paths.empty() && figures.files == 0) {
        std::string reasons;
        for (const qa::FileError& error : discovered.errors)
            reasons += (reasons.empty() ? "" : "; ") + error.message();
        for (const qa::FileError& error : phase1.unreadable)
            reasons += (reasons.empty() ? "" : "; ") + error.message();
        return qa::Unexpected("no test file could be read" +
                              (reasons.empty() ? std::string(" (none found)") : ": " + reasons));
    }
    return workload;
}

AnswerFigures read_answers(const std::vector<qa::CallOutcome>& outcomes) {
    AnswerFigures figures;
    qa::LlmAnswerParser parser;
    for (const qa::CallOutcome& outcome : outcomes) {
        if (!outcome.result)
            continue;
        const auto answer = parser.parse(outcome.result->content);
        if (answer) {
            figures.llm_issues += answer->issues.size();
        } else {
            ++figures.unusable;
        }
    }
    return figures;
}

}  // namespace bench
