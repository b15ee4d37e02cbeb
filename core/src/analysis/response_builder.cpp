#include "qa/analysis/response_builder.hpp"

#include <algorithm>
#include <tuple>

namespace qa {

namespace {

void add_rule_issues(const FileReport& file, QualityAnalysisResponse& response) {
    for (const RuleIssue& issue : file.issues) {
        const RuleInfo& info = rule_info(issue.finding.rule);
        response.issues.push_back(AnalysisIssue{file.path, issue.function, issue.finding.line,
                                                std::string(info.name), info.severity,
                                                std::string(info.category), issue.finding.message,
                                                std::string(info.suggestion), IssueSource::rule});
    }
}

void add_llm_results(const std::vector<LlmCandidate>& candidates, const LlmPhaseResult& phase2,
                     QualityAnalysisResponse& response) {
    const std::size_t count = std::min(candidates.size(), phase2.answers.size());
    for (std::size_t i = 0; i < count; ++i) {
        const LlmCandidate& candidate = candidates[i];
        const auto& answer = phase2.answers[i];
        if (!answer) {
            response.failed_functions.push_back(FailedFunction{candidate.file, candidate.function,
                                                               candidate.def_line, answer.error()});
            continue;
        }
        for (const LlmIssue& issue : answer->issues) {
            response.issues.push_back(AnalysisIssue{
                candidate.file, candidate.function, file_line_of(candidate, issue.line),
                "llm:" + issue.category, issue.severity, issue.category, issue.message,
                issue.suggestion, IssueSource::llm});
        }
    }
}

bool issue_before(const AnalysisIssue& a, const AnalysisIssue& b) {
    return std::tie(a.file, a.line, a.source, a.rule, a.function, a.message, a.severity,
                    a.suggestion) < std::tie(b.file, b.line, b.source, b.rule, b.function,
                                             b.message, b.severity, b.suggestion);
}

}  // namespace

std::string_view to_string(IssueSource source) {
    return source == IssueSource::rule ? "rule" : "llm";
}

std::uint32_t file_line_of(const LlmCandidate& candidate, std::uint32_t answered_line) {
    if (answered_line == 0)
        return candidate.def_line;
    const std::uint64_t line = std::uint64_t{candidate.first_line} + answered_line - 1;
    return line <= candidate.end_line ? static_cast<std::uint32_t>(line) : candidate.def_line;
}

QualityAnalysisResponse build_response(StrategyKind strategy, const RulePhaseResult& phase1,
                                       const std::vector<LlmCandidate>& candidates,
                                       const LlmPhaseResult* phase2) {
    QualityAnalysisResponse response;
    response.strategy = strategy;
    response.files_analysed = phase1.files.size();
    for (const FileReport& file : phase1.files) {
        response.test_functions += file.test_functions;
        response.uncertain_functions += file.uncertain.size();
        for (const UncertainFunction& function : file.uncertain) {
            UncertainEntry entry{file.path, function.function, function.line, {}};
            for (const RuleFinding& reason : function.reasons) {
                const std::string name(to_string(reason.rule));
                if (std::ranges::find(entry.reasons, name) == entry.reasons.end())
                    entry.reasons.push_back(name);
            }
            response.uncertain.push_back(std::move(entry));
        }
        if (uses_rules(strategy))
            add_rule_issues(file, response);
        for (const Diagnostic& problem : file.problems.items) {
            response.parse_problems.push_back(
                ParseProblem{file.path, problem.line, std::string(to_string(problem.kind))});
        }
        response.parse_problems_not_listed += file.problems.dropped;
    }
    if (phase2 != nullptr) {
        response.llm_functions = candidates.size();
        add_llm_results(candidates, *phase2, response);
        response.llm_calls = phase2->calls;
    }
    for (const FileError& error : phase1.unreadable) {
        response.unreadable_files.push_back(UnreadableFile{
            error.path, std::string(to_string(error.kind)) +
                            (error.detail.empty() ? "" : " (" + error.detail + ")")});
    }

    std::ranges::sort(response.issues, issue_before);
    std::ranges::sort(response.uncertain, [](const auto& a, const auto& b) {
        return std::tie(a.file, a.line, a.function) < std::tie(b.file, b.line, b.function);
    });
    std::ranges::sort(response.failed_functions, [](const auto& a, const auto& b) {
        return std::tie(a.file, a.line, a.function, a.reason) <
               std::tie(b.file, b.line, b.function, b.reason);
    });
    std::ranges::sort(response.unreadable_files, [](const auto& a, const auto& b) {
        return std::tie(a.path, a.reason) < std::tie(b.path, b.reason);
    });
    std::ranges::stable_sort(response.parse_problems, [](const auto& a, const auto& b) {
        return std::tie(a.file, a.line, a.problem) < std::tie(b.file, b.line, b.problem);
    });
    return response;
}

}  // namespace qa
