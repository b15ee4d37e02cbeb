#include "qa/analysis/rule_phase.hpp"

#include <algorithm>
#include <condition_variable>
#include <mutex>
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

// Hands one file's outcome to the visitor (a file that could not be read has no report).
void deliver(FileOutcome& outcome, std::uint64_t bytes, const FileVisitor& visit) {
    FileVisit item;
    item.bytes = bytes;
    item.report = std::get_if<FileReport>(&outcome);
    item.error = std::get_if<FileError>(&outcome);
    if (item.report != nullptr || item.error != nullptr)
        visit(item);
}

unsigned worker_count(unsigned asked, std::size_t files) {
    const unsigned wanted = asked == 0 ? std::max(1u, std::thread::hardware_concurrency()) : asked;
    return static_cast<unsigned>(std::min<std::size_t>(wanted, std::max<std::size_t>(files, 1)));
}

}  // namespace

FileReport analyze_parsed_file(const ParsedFile& file, RuleEngine& engine,
                               const AnalysisOptions& options) {
    FileReport report;
    report.path = file.path;
    report.problems = file.diagnostics;
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

void run_rule_phase(std::span<const std::filesystem::path> files, const AnalysisOptions& options,
                    const FileVisitor& visit) {
    const unsigned workers = worker_count(options.phase1_threads, files.size());
    if (workers == 1) {
        FileWorker worker(options);
        for (std::size_t i = 0; i < files.size(); ++i) {
            std::uint64_t bytes = 0;
            FileOutcome outcome = worker.run(files[i], bytes);
            deliver(outcome, bytes, visit);
        }
        return;
    }

    // Workers take the next file; the calling thread hands the outcomes to `visit` in input
    // order. A worker may run at most `window` files ahead of the next one to deliver, so a slow
    // file holds back a bounded number of finished reports, never the corpus.
    const std::size_t window = std::size_t{4} * workers;
    struct Slot {
        FileOutcome outcome;
        std::uint64_t bytes = 0;
        bool ready = false;
    };
    std::vector<Slot> slots(window);
    std::mutex mutex;
    std::condition_variable changed;
    std::size_t next_to_take = 0;
    std::size_t next_to_deliver = 0;
    bool abandoned = false;  // the visitor threw: workers stop instead of waiting for it

    std::vector<std::jthread> threads;
    threads.reserve(workers);
    for (unsigned w = 0; w < workers; ++w) {
        threads.emplace_back([&] {
            FileWorker worker(options);
            for (;;) {
                std::size_t i = 0;
                {
                    std::unique_lock lock(mutex);
                    changed.wait(lock, [&] {
                        return abandoned || next_to_take >= files.size() ||
                               next_to_take < next_to_deliver + window;
                    });
                    if (abandoned || next_to_take >= files.size())
                        return;
                    i = next_to_take++;
                }
                std::uint64_t bytes = 0;
                FileOutcome outcome = worker.run(files[i], bytes);
                {
                    std::lock_guard lock(mutex);
                    Slot& slot = slots[i % window];
                    slot.outcome = std::move(outcome);
                    slot.bytes = bytes;
                    slot.ready = true;
                }
                changed.notify_all();
            }
        });
    }
    try {
        while (next_to_deliver < files.size()) {
            Slot taken;
            {
                std::unique_lock lock(mutex);
                Slot& slot = slots[next_to_deliver % window];
                changed.wait(lock, [&] { return slot.ready; });
                taken.outcome = std::move(slot.outcome);
                taken.bytes = slot.bytes;
                slot = Slot{};
                ++next_to_deliver;
            }
            changed.notify_all();  // a worker may take the next file now
            deliver(taken.outcome, taken.bytes, visit);
        }
    } catch (...) {
        // A throwing visitor is a bug; the workers must not wait for it forever while the
        // threads are joined on the way out.
        {
            std::lock_guard lock(mutex);
            abandoned = true;
        }
        changed.notify_all();
        throw;
    }
}

RulePhaseResult run_rule_phase(std::span<const std::filesystem::path> files,
                               const AnalysisOptions& options) {
    const auto started = SteadyClock::now();
    RulePhaseResult result;
    run_rule_phase(files, options, [&](FileVisit visit) {
        result.bytes += visit.bytes;
        if (visit.report != nullptr)
            result.files.push_back(std::move(*visit.report));
        if (visit.error != nullptr)
            result.unreadable.push_back(std::move(*visit.error));
    });
    result.elapsed =
        std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - started);
    return result;
}

}  // namespace qa
