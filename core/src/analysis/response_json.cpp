#include "qa/analysis/response_json.hpp"

#include <cstdio>

#include "qa/llm/json_escape.hpp"

namespace qa {

namespace {

// Appends `"key": ` after the indentation.
void key(std::string& out, std::string_view name, int indent = 2) {
    out.append(static_cast<std::size_t>(indent), ' ');
    append_json_string(out, name);
    out += ": ";
}

void field(std::string& out, std::string_view name, std::string_view value, bool last = false) {
    append_json_string(out, name);
    out += ": ";
    append_json_string(out, value);
    out += last ? "" : ", ";
}

void field(std::string& out, std::string_view name, std::uint64_t value, bool last = false) {
    append_json_string(out, name);
    out += ": ";
    out += std::to_string(value);
    out += last ? "" : ", ";
}

void milliseconds(std::string& out, std::chrono::microseconds value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3f", static_cast<double>(value.count()) / 1000.0);
    out += buffer;
}

// `"name": [` + one line per item + `]`.
template <class T, class Write>
void append_array(std::string& out, std::string_view name, const std::vector<T>& items, Write write,
                  bool last = false) {
    key(out, name);
    if (items.empty()) {
        out += last ? "[]\n" : "[],\n";
        return;
    }
    out += "[\n";
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += "    {";
        write(out, items[i]);
        out += i + 1 < items.size() ? "},\n" : "}\n";
    }
    out += last ? "  ]\n" : "  ],\n";
}

void write_issue(std::string& out, const AnalysisIssue& issue) {
    field(out, "file", issue.file);
    field(out, "function", issue.function);
    field(out, "line", issue.line);
    field(out, "rule", issue.rule);
    field(out, "severity", to_string(issue.severity));
    field(out, "category", issue.category);
    field(out, "message", issue.message);
    field(out, "suggestion", issue.suggestion);
    field(out, "source", to_string(issue.source), true);
}

void write_uncertain(std::string& out, const UncertainEntry& entry) {
    field(out, "file", entry.file);
    field(out, "function", entry.function);
    field(out, "line", entry.line);
    append_json_string(out, "reasons");
    out += ": [";
    for (std::size_t i = 0; i < entry.reasons.size(); ++i) {
        out += i > 0 ? ", " : "";
        append_json_string(out, entry.reasons[i]);
    }
    out += "]";
}

void write_failed(std::string& out, const FailedFunction& failed) {
    field(out, "file", failed.file);
    field(out, "function", failed.function);
    field(out, "line", failed.line);
    field(out, "reason", failed.reason, true);
}

void write_unreadable(std::string& out, const UnreadableFile& file) {
    field(out, "path", file.path);
    field(out, "reason", file.reason, true);
}

void write_parse_problem(std::string& out, const ParseProblem& problem) {
    field(out, "file", problem.file);
    field(out, "line", problem.line);
    field(out, "problem", problem.problem, true);
}

void write_counts(std::string& out, const QualityAnalysisResponse& response) {
    std::uint64_t by_source[2] = {0, 0};
    std::uint64_t by_severity[3] = {0, 0, 0};
    for (const AnalysisIssue& issue : response.issues) {
        ++by_source[static_cast<int>(issue.source)];
        ++by_severity[static_cast<int>(issue.severity)];
    }
    key(out, "issue_counts");
    out += "{";
    field(out, "total", response.issues.size());
    field(out, "rule", by_source[0]);
    field(out, "llm", by_source[1]);
    field(out, "high", by_severity[static_cast<int>(Severity::high)]);
    field(out, "medium", by_severity[static_cast<int>(Severity::medium)]);
    field(out, "low", by_severity[static_cast<int>(Severity::low)], true);
    out += "},\n";
}

void write_calls(std::string& out, const LlmCallSummary& calls, bool last) {
    key(out, "llm_calls");
    out += "{";
    field(out, "ok", calls.ok);
    field(out, "failed", calls.failed);
    field(out, "retried", calls.retried);
    field(out, "attempts", calls.attempts);
    append_json_string(out, "by_status");
    out += ": {";
    bool first = true;
    for (const auto& [status, count] : calls.by_status) {
        out += first ? "" : ", ";
        first = false;
        field(out, std::to_string(status), count, true);
    }
    out += last ? "}}\n" : "}},\n";
}

}  // namespace

std::string to_json(const QualityAnalysisResponse& response, const ResponseJsonOptions& options) {
    std::string out;
    out.reserve(1024 + response.issues.size() * 400);
    out += "{\n";
    key(out, "strategy");
    append_json_string(out, to_string(response.strategy));
    out += ",\n";
    for (const auto& [name, value] :
         {std::pair<std::string_view, std::uint64_t>{"files_analysed", response.files_analysed},
          {"test_functions", response.test_functions},
          {"uncertain_functions", response.uncertain_functions},
          {"llm_functions", response.llm_functions}}) {
        key(out, name);
        out += std::to_string(value) + ",\n";
    }
    write_counts(out, response);
    append_array(out, "issues", response.issues, write_issue);
    append_array(out, "uncertain", response.uncertain, write_uncertain);
    append_array(out, "failed_functions", response.failed_functions, write_failed);
    append_array(out, "unreadable_files", response.unreadable_files, write_unreadable);
    append_array(out, "parse_problems", response.parse_problems, write_parse_problem);
    key(out, "parse_problems_not_listed");
    out += std::to_string(response.parse_problems_not_listed) + ",\n";
    write_calls(out, response.llm_calls, !options.include_timings);
    if (options.include_timings) {
        key(out, "timings_ms");
        out += "{\"rule_phase\": ";
        milliseconds(out, response.timings.rule_phase);
        out += ", \"llm_phase\": ";
        milliseconds(out, response.timings.llm_phase);
        out += ", \"total\": ";
        milliseconds(out, response.timings.total);
        out += "}\n";
    }
    out += "}\n";
    return out;
}

}  // namespace qa
