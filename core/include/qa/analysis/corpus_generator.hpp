#pragma once
// The corpus generator: N realistic pytest and unittest files from a seed (fixtures,
// parametrize, classes, helpers, each rule's positive and negative cases) whose rule phase
// yields an exact number of uncertain functions. The harness scenarios and the rule-phase
// benchmark run on it. Pure functions: the same spec gives the same bytes on every machine.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "qa/expected.hpp"

namespace qa {

struct CorpusSpec {
    std::uint32_t files = 38;
    std::uint32_t uncertain = 91;  // uncertain test functions over all files, exactly
    std::uint64_t seed = 1;
    // Multiplies each file's certain and clean tests (not the uncertain ones): 1 gives files
    // of about 2.5 KB, 3 about 7 KB. At least 1.
    std::uint32_t size_factor = 1;
};

struct GeneratedFile {
    std::string relative_path;  // "tests/orders/test_orders_003.py"
    std::string content;
    std::uint32_t test_functions = 0;
    std::uint32_t uncertain = 0;  // what the rule phase will find
};

// "seed-38x91" (38 files, 91 uncertain functions), "seed-50x120", or any "seed-FxU" with F in
// 1..100000 and U in 0..50*F. The seed is derived from the name, so a name is a corpus.
Expected<CorpusSpec, std::string> corpus_scenario(std::string_view name);

std::vector<GeneratedFile> generate_corpus(const CorpusSpec& spec);

// Writes the files under `directory` (created if missing); returns the bytes written.
Expected<std::uint64_t, std::string> write_corpus(const std::vector<GeneratedFile>& files,
                                                  const std::filesystem::path& directory);

}  // namespace qa
