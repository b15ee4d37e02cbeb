#pragma once
// Phase 1: read, parse and check every file, and prepare what phase 2 will send. Blocking CPU
// work (never on an io_context thread). Memory held at once: one ParsedFile per worker (so the
// largest file bounds it, not the corpus) plus the per-file reports and prompts.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "qa/analysis/prompt_builder.hpp"
#include "qa/analysis/python_file_reader.hpp"
#include "qa/analysis/rule_engine.hpp"
#include "qa/analysis/strategy.hpp"

namespace qa {

struct AnalysisOptions {
    StrategyKind strategy = StrategyKind::hybrid;
    RuleOptions rules;
    PromptLimits prompts;
    ReadOptions read;
    // Workers reading, parsing and checking files in phase 1; 0 = one per CPU. Results are the
    // same for any count.
    unsigned phase1_threads = 1;
};

// A certain finding on one test function.
struct RuleIssue {
    std::string function;  // qualified: "TestX::test_y"
    RuleFinding finding;
};

// A test function the uncertain rules shortlisted.
struct UncertainFunction {
    std::string function;
    std::uint32_t line = 0;            // the def's line
    std::vector<RuleFinding> reasons;  // the uncertain findings, by line
};

// One test function phase 2 will send (the user prompt is built while its file is parsed).
struct LlmCandidate {
    std::string file;
    std::string function;
    std::uint32_t first_line = 0;  // line 1 of the prompt's numbered source
    std::uint32_t def_line = 0;
    std::uint32_t end_line = 0;
    std::string user_prompt;
};

struct FileReport {
    std::string path;
    std::uint32_t test_functions = 0;
    // What the parser found wrong and recovered from (a bracket never closed, a stray indent):
    // the file was analysed as far as it parsed, so findings near these lines may be off.
    Diagnostics problems;
    std::vector<RuleIssue> issues;             // by function, then line
    std::vector<UncertainFunction> uncertain;  // source order
    std::vector<LlmCandidate> candidates;      // per the strategy: none, uncertain ones or all
};

struct RulePhaseResult {
    std::vector<FileReport> files;      // in input order
    std::vector<FileError> unreadable;  // in input order
    std::uint64_t bytes = 0;            // source bytes read
    std::chrono::microseconds elapsed{0};
};

// One parsed file through the rules, reusing `engine`'s buffers. Pure.
FileReport analyze_parsed_file(const ParsedFile& file, RuleEngine& engine,
                               const AnalysisOptions& options);

// Reads, parses and checks `files` (in order) on options.phase1_threads workers. A file that
// cannot be read lands in `unreadable` with its reason; the rest go on.
RulePhaseResult run_rule_phase(std::span<const std::filesystem::path> files,
                               const AnalysisOptions& options);

// One file's outcome, handed to a visitor: its report, or why it could not be read.
struct FileVisit {
    FileReport* report = nullptr;  // the visitor may move from it
    FileError* error = nullptr;
    std::uint64_t bytes = 0;  // source bytes read
};
using FileVisitor = std::function<void(FileVisit)>;

// The same, streaming: each file's outcome goes to `visit` on the calling thread, in input
// order, as soon as it and every file before it are done. Memory: one ParsedFile per worker and
// a bounded window of finished reports; nothing grows with the corpus unless the visitor keeps
// it. Blocks until every file is visited.
void run_rule_phase(std::span<const std::filesystem::path> files, const AnalysisOptions& options,
                    const FileVisitor& visit);

}  // namespace qa
