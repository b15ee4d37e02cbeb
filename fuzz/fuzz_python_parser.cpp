// libFuzzer target: phase 1 end to end. The Python tokenizer and structure parser, every rule
// and the prompt builder must never crash, hang or break their own invariants, whatever the
// bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "qa/analysis/parsed_file.hpp"
#include "qa/analysis/rule_phase.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string source(reinterpret_cast<const char*>(data), size);
    const qa::ParsedFile file = qa::parse_python_source(std::move(source), "fuzz.py");
    // Invariants the rule engine relies on: every statement's subtree ends inside the file, and
    // functions point at statements that exist.
    for (std::size_t i = 0; i < file.statements.size(); ++i) {
        if (file.statements[i].subtree_end < i + 1 ||
            file.statements[i].subtree_end > file.statements.size())
            std::abort();
    }
    for (const auto& function : file.functions) {
        if (function.statement >= file.statements.size())
            std::abort();
        (void)file.body_of(function);
    }

    // The rules and, for every function they are unsure about (LlmOnly: for every test), its
    // prompt. Findings must name a line of the file; a prompt must hold its function's def.
    static qa::RuleEngine engine;
    qa::AnalysisOptions options;
    options.strategy = qa::StrategyKind::llm_only;
    const qa::FileReport report = qa::analyze_parsed_file(file, engine, options);
    const std::uint32_t lines = file.line_count();
    for (const auto& issue : report.issues) {
        if (issue.finding.line == 0 || issue.finding.line > lines)
            std::abort();
    }
    if (report.candidates.size() != report.test_functions)
        std::abort();
    for (const auto& candidate : report.candidates) {
        if (candidate.def_line == 0 || candidate.def_line > lines || candidate.user_prompt.empty())
            std::abort();
    }
    return 0;
}
