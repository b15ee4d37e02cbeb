// qa: the quality analysis of Python test files from the command line. `analyze` runs the rules
// and the LLM over files and directories; `generate-corpus` writes a test corpus with a known
// number of uncertain functions.

#include <CLI/CLI.hpp>
#include <iostream>

#include "commands.hpp"
#include "qa/config/value_parsers.hpp"

int main(int argc, char** argv) {
    CLI::App app{"qa: finds weak tests in Python test files (rules, then an LLM)"};
    app.require_subcommand(1);

    qa::cli::AnalyzeFlags analyze_flags;
    auto* analyze = app.add_subcommand(
        "analyze",
        "Analyse test files and directories (test_*.py, *_test.py). Exit status: 0 clean, "
        "1 issues found, 2 usage or configuration error, 3 incomplete (some function could not "
        "be analysed by the LLM). The LLM is LLM_BASE_URL, else an embedded mock");
    analyze->add_option("paths", analyze_flags.paths, "Files or directories")->required();
    analyze->add_flag("--json", analyze_flags.json, "Print the QualityAnalysisResponse as JSON");
    analyze->add_option("--strategy", analyze_flags.strategy,
                        "rule-only, llm-only or hybrid (default: hybrid)");
    analyze->add_flag("--no-timings", analyze_flags.no_timings,
                      "Leave out the timings, so two runs can be diffed byte for byte");
    analyze->add_flag("--quiet", analyze_flags.quiet, "Log warnings and errors only");
    analyze->add_option("--jobs", analyze_flags.jobs,
                        "Threads reading and checking files (0..256, 0 = one per CPU)");
    analyze->add_option("--mock-latency-ms", analyze_flags.mock_latency_ms,
                        "Embedded mock only: milliseconds before each answer (default 0)");

    qa::cli::GenerateCorpusFlags corpus_flags;
    auto* corpus = app.add_subcommand(
        "generate-corpus", "Write a generated test corpus with an exact number of uncertain tests");
    corpus->add_option("--scenario", corpus_flags.scenario, "seed-38x91, seed-50x120 or seed-FxU")
        ->required();
    corpus->add_option("--out", corpus_flags.out_dir, "Directory to write into")->required();

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::ConversionError& e) {
        std::cerr << "qa: " << e.what() << " (" << qa::kSwitchValues << ")\n";
        return qa::cli::kExitUsage;
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return qa::cli::kExitUsage;
    }
    if (analyze->parsed())
        return qa::cli::command_analyze(analyze_flags);
    return qa::cli::command_generate_corpus(corpus_flags);
}
