#include "qa/analysis/response_report.hpp"

#include <cstdio>

namespace qa {

namespace {

std::string ms(std::chrono::microseconds value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f ms", static_cast<double>(value.count()) / 1000.0);
    return buffer;
}

void issue_line(std::string& out, const AnalysisIssue& issue, bool suggestions) {
    out.append(issue.file).append(":").append(std::to_string(issue.line)).append(": ");
    out.append(to_string(issue.severity)).append(" ").append(issue.rule).append(" [");
    out.append(to_string(issue.source)).append("] ").append(issue.function).append(": ");
    out.append(issue.message).append("\n");
    if (suggestions && !issue.suggestion.empty())
        out.append("    suggestion: ").append(issue.suggestion).append("\n");
}

// "Parsed with problems" lists at most this many per file, then how many more: one file of
// random text can hold dozens, and the section is a pointer to the file, not a lint report.
constexpr std::size_t kProblemsShownPerFile = 3;

void parse_problem_lines(std::string& out, const QualityAnalysisResponse& response) {
    out.append(
        "\nParsed with problems (Python would refuse these files; findings near the "
        "lines may be off):\n");
    const auto& problems = response.parse_problems;
    for (std::size_t i = 0; i < problems.size();) {
        std::size_t end = i;
        while (end < problems.size() && problems[end].file == problems[i].file)
            ++end;
        for (std::size_t k = i; k < end && k < i + kProblemsShownPerFile; ++k) {
            out.append("  ").append(problems[k].file).append(":");
            out.append(std::to_string(problems[k].line)).append(": ");
            out.append(problems[k].problem).append("\n");
        }
        if (end - i > kProblemsShownPerFile) {
            out.append("  ").append(problems[i].file).append(": and ");
            out.append(std::to_string(end - i - kProblemsShownPerFile)).append(" more\n");
        }
        i = end;
    }
    if (response.parse_problems_not_listed > 0) {
        out.append("  (").append(std::to_string(response.parse_problems_not_listed));
        out.append(" more not listed: past the limit a file lists)\n");
    }
}

std::size_t files_with_problems(const std::vector<ParseProblem>& problems) {
    std::size_t files = 0;
    for (std::size_t i = 0; i < problems.size(); ++i)
        files += i == 0 || problems[i].file != problems[i - 1].file ? 1 : 0;
    return files;
}

}  // namespace

std::string to_report(const QualityAnalysisResponse& response,
                      const ResponseReportOptions& options) {
    std::string out;
    for (const AnalysisIssue& issue : response.issues)
        issue_line(out, issue, options.include_suggestions);
    if (!response.failed_functions.empty()) {
        out.append("\nNot analysed by the LLM:\n");
        for (const FailedFunction& failed : response.failed_functions) {
            out.append("  ").append(failed.file).append(":").append(std::to_string(failed.line));
            out.append(": ").append(failed.function).append(": ").append(failed.reason);
            out.append("\n");
        }
    }
    if (!response.unreadable_files.empty()) {
        out.append("\nNot read:\n");
        for (const UnreadableFile& file : response.unreadable_files)
            out.append("  ").append(file.path).append(": ").append(file.reason).append("\n");
    }
    if (!response.parse_problems.empty())
        parse_problem_lines(out, response);
    std::uint64_t from_llm = 0;
    for (const AnalysisIssue& issue : response.issues)
        from_llm += issue.source == IssueSource::llm ? 1 : 0;
    out.append("\n");
    out.append(std::to_string(response.files_analysed)).append(" files, ");
    out.append(std::to_string(response.test_functions)).append(" tests, ");
    out.append(std::to_string(response.uncertain_functions)).append(" uncertain, ");
    out.append(std::to_string(response.llm_functions)).append(" sent to the LLM (");
    out.append(to_string(response.strategy)).append("): ");
    out.append(std::to_string(response.issues.size())).append(" issues (");
    out.append(std::to_string(response.issues.size() - from_llm)).append(" from rules, ");
    out.append(std::to_string(from_llm)).append(" from the LLM)");
    if (!response.failed_functions.empty())
        out.append(", ").append(std::to_string(response.failed_functions.size())).append(" failed");
    if (!response.unreadable_files.empty())
        out.append(", ")
            .append(std::to_string(response.unreadable_files.size()))
            .append(" unreadable");
    if (!response.parse_problems.empty()) {
        const std::size_t files = files_with_problems(response.parse_problems);
        out.append(", ").append(std::to_string(files));
        out.append(files == 1 ? " file" : " files").append(" with parse problems");
    }
    out.append("\n");
    if (response.llm_functions > 0) {
        const auto& calls = response.llm_calls;
        out.append("LLM calls: ").append(std::to_string(calls.ok)).append(" ok, ");
        out.append(std::to_string(calls.failed)).append(" failed, ");
        out.append(std::to_string(calls.retried)).append(" retries\n");
    }
    if (options.include_timings) {
        out.append("Timings: rule phase ").append(ms(response.timings.rule_phase));
        out.append(", LLM phase ").append(ms(response.timings.llm_phase));
        out.append(", total ").append(ms(response.timings.total)).append("\n");
    }
    return out;
}

}  // namespace qa
