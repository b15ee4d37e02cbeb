#include "qa/analysis/rule_phase.hpp"

#include <algorithm>
#include <atomic>
#include <optional>
#include <thread>
#include <variant>

#include "qa/clock.hpp"

namespace qa {

namespace {

// What one worker produced for one file.
using FileOutcome = std::variant<std::monostate, FileReport, FileError>;

// One worker: a ParsedFile and a RuleEngine reused file after file.
class FileWorker {
  public:
    explicit FileWorker(const AnalysisOptions& options)
        : options_(options), engine_(options.rules) {}

    FileOutcome run(const std::filesystem::path& path, std::uint64_t& bytes) {
        auto read = read_python_file_into(path, file_, options_.read);
        if (!read)
            return read.error();
        bytes += file_.source.size();
        return analyze_parsed_file(file_, engine_, options_);
    }

  private:
    const AnalysisOptions& options_;
    ParsedFile file_;
    RuleEngine engine_;
};

unsigned worker_count(unsigned asked, std::size_t files) {
    const unsigned wanted = asked == 0 ? std::max(1u, std::thread::hardware_concurrency()) : asked;
    return static_cast<unsigned>(std::min<std::size_t>(wanted, std::max<std::size_t>(files, 1)));
}

}  // namespace

FileReport analyze_parsed_file(const ParsedFile& file, RuleEngine& engine,
                               const AnalysisOptions& options) {
    FileReport report;
    report.path = file.path;
    std::vector<RuleFinding> findings;
    findings.reserve(16);  // one allocation per file, not a growth series per test
    for (const Function& function : file.functions) {
        if (!function.is_test())
            continue;
        ++report.test_functions;
        findings.clear();
        engine.check(file, function, findings);
        std::string name;
        UncertainFunction* uncertain = nullptr;
        for (RuleFinding& finding : findings) {
            if (name.empty())
                name = qualified_name(file, function);
            if (rule_info(finding.rule).certainty == Certainty::certain) {
                report.issues.push_back(RuleIssue{name, std::move(finding)});
                continue;
            }
            if (uncertain == nullptr)
                uncertain =
                    &report.uncertain.emplace_back(UncertainFunction{name, function.def_line, {}});
            uncertain->reasons.push_back(std::move(finding));
        }
        const bool send = options.strategy == StrategyKind::llm_only ||
                          (options.strategy == StrategyKind::hybrid && uncertain != nullptr);
        if (!send)
            continue;
        LlmCandidate candidate;
        candidate.file = file.path;
        candidate.function = name.empty() ? qualified_name(file, function) : name;
        candidate.first_line = function.first_line;
        candidate.def_line = function.def_line;
        candidate.end_line = function.end_line;
        // Hybrid tells the model why the rules could not decide; LlmOnly asks afresh.
        candidate.user_prompt =
            build_user_prompt(file, function,
                              options.strategy == StrategyKind::hybrid
                                  ? std::span<const RuleFinding>(uncertain->reasons)
                                  : std::span<const RuleFinding>(),
                              options.prompts);
        report.candidates.push_back(std::move(candidate));
    }
    return report;
}

RulePhaseResult run_rule_phase(std::span<const std::filesystem::path> files,
                               const AnalysisOptions& options) {
    const auto started = SteadyClock::now();
    std::vector<FileOutcome> outcomes(files.size());
    const unsigned workers = worker_count(options.phase1_threads, files.size());
    std::vector<std::uint64_t> bytes(workers, 0);
    if (workers == 1) {
        FileWorker worker(options);
        for (std::size_t i = 0; i < files.size(); ++i)
            outcomes[i] = worker.run(files[i], bytes[0]);
    } else {
        // Each worker takes the next file; results land in input order whatever the timing.
        std::atomic<std::size_t> next{0};
        std::vector<std::jthread> threads;
        threads.reserve(workers);
        for (unsigned w = 0; w < workers; ++w) {
            threads.emplace_back([&, w] {
                FileWorker worker(options);
                for (std::size_t i = next++; i < files.size(); i = next++)
                    outcomes[i] = worker.run(files[i], bytes[w]);
            });
        }
    }

    RulePhaseResult result;
    for (auto& outcome : outcomes) {
        if (auto* report = std::get_if<FileReport>(&outcome)) {
            result.files.push_back(std::move(*report));
        } else if (auto* error = std::get_if<FileError>(&outcome)) {
            result.unreadable.push_back(std::move(*error));
        }
    }
    for (const std::uint64_t b : bytes)
        result.bytes += b;
    result.elapsed =
        std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - started);
    return result;
}

}  // namespace qa
