// Micro-benchmarks of phase 1 (read, parse, every rule) over a generated corpus of at least
// 20 MB on disk, on one thread: the budget is >= 50 MB/s, with peak memory bounded by the
// largest file (one reused ParsedFile) rather than by the corpus. The corpus is written once per
// process under the temp directory, in slices so that generating it never holds it all either,
// and removed at exit.
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "qa/analysis/corpus_generator.hpp"
#include "qa/analysis/rule_phase.hpp"
#include "qa/config/value_parsers.hpp"

namespace {

constexpr int kDefaultCorpusMb = 21;
constexpr int kMaxCorpusMb = 4096;

// QA_BM_CORPUS_MB (1..4096) sizes the corpus: run at two sizes to see that peak memory follows
// the largest file, not the corpus. main() refuses a bad value before any benchmark runs.
qa::Expected<int, qa::ConfigError> corpus_mb() {
    const char* text = std::getenv("QA_BM_CORPUS_MB");
    if (text == nullptr)
        return kDefaultCorpusMb;
    return qa::parse_int_setting("QA_BM_CORPUS_MB", text, 1, kMaxCorpusMb);
}

std::uint64_t corpus_bytes() {
    return static_cast<std::uint64_t>(corpus_mb().value_or(kDefaultCorpusMb)) * 1024 * 1024;
}

// One slice: the seed scenario's shape (38 files, 91 uncertain) with files of about 7 KB, the
// size of a typical test module; slices differ by seed.
constexpr qa::CorpusSpec kSlice{38, 91, 0, 3};

struct Corpus {
    Corpus() {
        root = std::filesystem::temp_directory_path() /
               ("qa-bm-rule-phase-" + std::to_string(::getpid()));
        std::filesystem::remove_all(root);
        const std::uint64_t wanted = corpus_bytes();
        for (std::uint64_t slice = 0; bytes < wanted; ++slice) {
            qa::CorpusSpec spec = kSlice;
            spec.seed = 0x5eed0000 + slice;
            const auto files = qa::generate_corpus(spec);
            const auto dir = root / ("slice_" + std::to_string(slice));
            if (const auto written = qa::write_corpus(files, dir); written) {
                bytes += *written;
            } else {
                error = written.error();
                return;
            }
            for (const auto& file : files) {
                paths.push_back(dir / file.relative_path);
                largest = std::max<std::uint64_t>(largest, file.content.size());
                uncertain += file.uncertain;
            }
        }
    }
    ~Corpus() {
        std::error_code ignored;
        std::filesystem::remove_all(root, ignored);
    }

    std::filesystem::path root;
    std::vector<std::filesystem::path> paths;
    std::uint64_t bytes = 0;
    std::uint64_t largest = 0;
    std::uint64_t uncertain = 0;
    std::string error;
};

const Corpus& corpus() {
    static const Corpus instance;
    return instance;
}

double peak_rss_mb() {
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

// A "VmRSS:" or "VmHWM:" line of /proc/self/status in MB, or -1 when it cannot be read.
double status_mb(const std::string& field) {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind(field, 0) == 0)
            return std::strtod(line.c_str() + field.size(), nullptr) / 1024.0;  // in kB
    }
    return -1.0;
}

// What the phase itself adds to resident memory: the process's peak is reset to its current
// size (clear_refs 5) just before the phase, so the peak after it minus the size before it is
// the phase's working set, without the corpus generation before it or the caller's path list.
class PhaseMemory {
  public:
    PhaseMemory() {
        std::ofstream("/proc/self/clear_refs") << "5";
        before_mb_ = status_mb("VmRSS:");
    }
    // -1 when /proc could not tell.
    double growth_mb() const {
        const double peak = status_mb("VmHWM:");
        return before_mb_ < 0 || peak < 0 ? -1.0 : std::max(0.0, peak - before_mb_);
    }

  private:
    double before_mb_ = -1.0;
};

void run_phase(benchmark::State& state, qa::StrategyKind strategy) {
    const Corpus& c = corpus();
    if (!c.error.empty()) {
        state.SkipWithError(c.error.c_str());
        return;
    }
    qa::AnalysisOptions options;
    options.strategy = strategy;
    options.phase1_threads = 1;  // one core
    std::uint64_t bytes = 0;
    std::uint64_t uncertain = 0;
    std::size_t files = 0;
    const PhaseMemory memory;
    for (auto _ : state) {
        // Streaming, as a caller that writes each file's findings out would: what stays in
        // memory is the phase's own working set, not the reports.
        files = 0;
        uncertain = 0;
        qa::run_rule_phase(c.paths, options, [&](qa::FileVisit visit) {
            bytes += visit.bytes;
            if (visit.report != nullptr) {
                ++files;
                uncertain += visit.report->uncertain.size();
                benchmark::DoNotOptimize(visit.report->issues.data());
            }
        });
    }
    if (files != c.paths.size() || uncertain != c.uncertain)
        state.SkipWithError("the rule phase did not find the corpus's exact counts");
    state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
    state.counters["corpus_mb"] = static_cast<double>(c.bytes) / (1024.0 * 1024.0);
    state.counters["files"] = static_cast<double>(files);
    state.counters["uncertain"] = static_cast<double>(uncertain);
    state.counters["largest_file_kb"] = static_cast<double>(c.largest) / 1024.0;
    state.counters["mean_file_kb"] =
        static_cast<double>(c.bytes) / 1024.0 / static_cast<double>(c.paths.size());
    state.counters["peak_rss_mb"] = peak_rss_mb();
    state.counters["phase_rss_growth_mb"] = memory.growth_mb();
}

// The figure of the issue: read + parse + all rules, RuleOnly (nothing else to prepare).
void BM_RulePhase(benchmark::State& state) {
    run_phase(state, qa::StrategyKind::rule_only);
}
BENCHMARK(BM_RulePhase)->Unit(benchmark::kMillisecond);

// Hybrid's phase 1: the same plus a user prompt for every uncertain function.
void BM_RulePhaseWithPrompts(benchmark::State& state) {
    run_phase(state, qa::StrategyKind::hybrid);
}
BENCHMARK(BM_RulePhaseWithPrompts)->Unit(benchmark::kMillisecond);

// Reading and parsing alone, with the same reused ParsedFile: the phase without its rules.
void BM_ReadAndParse(benchmark::State& state) {
    const Corpus& c = corpus();
    if (!c.error.empty()) {
        state.SkipWithError(c.error.c_str());
        return;
    }
    qa::ParsedFile file;
    std::uint64_t bytes = 0;
    for (auto _ : state) {
        for (const auto& path : c.paths) {
            if (!qa::read_python_file_into(path, file)) {
                state.SkipWithError("cannot read the corpus");
                return;
            }
            bytes += file.source.size();
            benchmark::DoNotOptimize(file.functions.data());
        }
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_ReadAndParse)->Unit(benchmark::kMillisecond);

// The rules alone, on files parsed once in memory: their share of the phase.
void BM_RulesOnParsedFiles(benchmark::State& state) {
    const Corpus& c = corpus();
    if (!c.error.empty()) {
        state.SkipWithError(c.error.c_str());
        return;
    }
    std::vector<qa::ParsedFile> parsed;
    std::uint64_t corpus_bytes = 0;
    for (std::size_t i = 0; i < c.paths.size() && corpus_bytes < 4u * 1024 * 1024; ++i) {
        auto file = qa::read_python_file(c.paths[i]);
        if (!file) {
            state.SkipWithError("cannot read the corpus");
            return;
        }
        corpus_bytes += file->source.size();
        parsed.push_back(std::move(*file));
    }
    qa::RuleEngine engine;
    std::vector<qa::RuleFinding> findings;
    for (auto _ : state) {
        for (const auto& file : parsed) {
            for (const auto& function : file.functions) {
                if (!function.is_test())
                    continue;
                findings.clear();
                engine.check(file, function, findings);
                benchmark::DoNotOptimize(findings.data());
            }
        }
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * corpus_bytes));
}
BENCHMARK(BM_RulesOnParsedFiles)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
    // A bad corpus size is a usage error, exit status 2 like every CLI of the project: a
    // SkipWithError would print a skipped row per benchmark and still exit 0.
    if (const auto mb = corpus_mb(); !mb) {
        std::cerr << "bm_rule_phase: " << mb.error().message() << '\n';
        return 2;
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
