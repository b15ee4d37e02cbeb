// qa generate-corpus --scenario seed-38x91 --out DIR: writes the generated corpus and says what
// the rule phase will find in it.
#include <iostream>

#include "commands.hpp"
#include "qa/analysis/corpus_generator.hpp"
#include "qa/config/output_dir.hpp"

namespace qa::cli {

int command_generate_corpus(const GenerateCorpusFlags& flags) {
    const auto spec = corpus_scenario(flags.scenario);
    if (!spec) {
        std::cerr << "qa: " << spec.error() << "\n";
        return kExitUsage;
    }
    if (const auto made = make_output_dir("--out", flags.out_dir); !made) {
        std::cerr << "qa: " << made.error().message() << "\n";
        return kExitUsage;
    }
    const auto files = generate_corpus(*spec);
    const auto written = write_corpus(files, flags.out_dir);
    if (!written) {
        std::cerr << "qa: " << written.error() << "\n";
        return kExitUsage;
    }
    std::uint64_t tests = 0;
    for (const GeneratedFile& file : files)
        tests += file.test_functions;
    std::cout << "wrote " << files.size() << " files (" << *written << " bytes, " << tests
              << " tests, " << spec->uncertain << " uncertain) under " << flags.out_dir << "\n";
    return kExitClean;
}

}  // namespace qa::cli
