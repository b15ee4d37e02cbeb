#pragma once
// QualityAnalysisResponse: everything one analysis found (issues from the rules and from the
// LLM), what it could not do and why (unreadable files, failed functions), how the LLM calls
// went, and how long each phase took. Ordered so that two runs over the same input compare equal
// (timings aside). A plain value.

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "qa/analysis/severity.hpp"
#include "qa/analysis/strategy.hpp"

namespace qa {

enum class IssueSource : std::uint8_t { rule, llm };
std::string_view to_string(IssueSource source);

struct AnalysisIssue {
    std::string file;
    std::string function;
    std::uint32_t line = 0;
    std::string rule;  // a rule's name, or "llm:<category>" for the LLM's
    Severity severity = Severity::medium;
    std::string category;
    std::string message;
    std::string suggestion;
    IssueSource source = IssueSource::rule;
};

struct UncertainEntry {
    std::string file;
    std::string function;
    std::uint32_t line = 0;
    std::vector<std::string> reasons;  // the uncertain rules' names
};

struct FailedFunction {
    std::string file;
    std::string function;
    std::uint32_t line = 0;
    std::string reason;  // "http 429: ..." or "answer is not JSON: ..."
};

struct UnreadableFile {
    std::string path;
    std::string reason;  // "not_found (No such file or directory)"
};

// A problem the parser recovered from in a file that was analysed all the same (a bracket never
// closed, a stray indent; see DiagnosticKind): findings near it may be off, as Python itself
// would refuse the file.
struct ParseProblem {
    std::string file;
    std::uint32_t line = 0;
    std::string problem;  // the DiagnosticKind's name: "unclosed_bracket"
};

struct LlmCallSummary {
    std::uint64_t ok = 0;       // calls that got an answer (usable or not)
    std::uint64_t failed = 0;   // calls that got none after their retries
    std::uint64_t retried = 0;  // retries (attempts after a call's first)
    std::uint64_t attempts = 0;
    std::map<int, std::uint64_t> by_status;  // attempts by HTTP status (0: no status line)

    friend bool operator==(const LlmCallSummary&, const LlmCallSummary&) = default;
};

struct PhaseTimings {
    std::chrono::microseconds rule_phase{0};  // read, parse, rules, prompts
    std::chrono::microseconds llm_phase{0};   // every call of the batch, answers parsed
    std::chrono::microseconds total{0};
};

struct QualityAnalysisResponse {
    StrategyKind strategy = StrategyKind::hybrid;
    std::uint64_t files_analysed = 0;
    std::uint64_t test_functions = 0;
    std::uint64_t uncertain_functions = 0;         // shortlisted by the uncertain rules
    std::uint64_t llm_functions = 0;               // sent to the LLM
    std::vector<AnalysisIssue> issues;             // by file, line, source, rule, function, message
    std::vector<UncertainEntry> uncertain;         // by file, line
    std::vector<FailedFunction> failed_functions;  // by file, line
    std::vector<UnreadableFile> unreadable_files;  // by path
    std::vector<ParseProblem> parse_problems;      // by file, line
    // Problems beyond each file's listed ones (ParseLimits::max_diagnostics): counted only.
    std::uint64_t parse_problems_not_listed = 0;
    LlmCallSummary llm_calls;
    PhaseTimings timings;

    bool has_issues() const { return !issues.empty(); }
};

}  // namespace qa
