// The corpus generator: named scenarios, determinism, and the exact counts of uncertain
// functions through the real rule phase (files on disk, read, parsed, checked).
#include <gtest/gtest.h>

#include <set>

#include "qa/analysis/corpus_generator.hpp"
#include "qa/analysis/rule_phase.hpp"
#include "temp_tree.hpp"

namespace qa {
namespace {

using testing::TempTree;

struct Counted {
    std::size_t files = 0;
    std::uint64_t tests = 0;
    std::uint64_t uncertain = 0;
    std::set<std::string_view> rules_seen;
    std::vector<std::uint32_t> uncertain_per_file;
};

Counted run_rules_on(const std::vector<GeneratedFile>& generated) {
    TempTree tree;
    const auto written = write_corpus(generated, tree.root());
    EXPECT_TRUE(written) << written.error();
    std::vector<std::filesystem::path> paths;
    for (const GeneratedFile& file : generated)
        paths.push_back(tree / file.relative_path);
    AnalysisOptions options;
    options.strategy = StrategyKind::rule_only;
    const RulePhaseResult result = run_rule_phase(paths, options);
    EXPECT_TRUE(result.unreadable.empty());
    Counted counted;
    counted.files = result.files.size();
    for (const FileReport& file : result.files) {
        counted.tests += file.test_functions;
        counted.uncertain += file.uncertain.size();
        counted.uncertain_per_file.push_back(static_cast<std::uint32_t>(file.uncertain.size()));
        for (const RuleIssue& issue : file.issues)
            counted.rules_seen.insert(to_string(issue.finding.rule));
        for (const UncertainFunction& function : file.uncertain) {
            for (const RuleFinding& reason : function.reasons)
                counted.rules_seen.insert(to_string(reason.rule));
        }
    }
    return counted;
}

TEST(CorpusScenario, NamesGiveTheirCounts) {
    const auto a = corpus_scenario("seed-38x91");
    ASSERT_TRUE(a) << a.error();
    EXPECT_EQ(a->files, 38u);
    EXPECT_EQ(a->uncertain, 91u);
    const auto b = corpus_scenario("seed-50x120");
    ASSERT_TRUE(b) << b.error();
    EXPECT_EQ(b->files, 50u);
    EXPECT_EQ(b->uncertain, 120u);
    EXPECT_NE(a->seed, b->seed);
    for (const char* bad : {"", "seed-", "seed-38", "seed-0x1", "seed-38x", "seed-x91", "seed-1x51",
                            "seed-38x91x", "corpus-38x91", "seed--1x2"}) {
        const auto spec = corpus_scenario(bad);
        ASSERT_FALSE(spec) << bad;
        EXPECT_NE(spec.error().find("is invalid: allowed is seed-FxU"), std::string::npos);
    }
}

TEST(CorpusGenerator, SameSpecSameBytes) {
    const CorpusSpec spec{6, 13, 42};
    const auto first = generate_corpus(spec);
    const auto second = generate_corpus(spec);
    ASSERT_EQ(first.size(), 6u);
    for (std::size_t i = 0; i < first.size(); ++i) {
        EXPECT_EQ(first[i].relative_path, second[i].relative_path);
        EXPECT_EQ(first[i].content, second[i].content);
    }
    EXPECT_NE(generate_corpus({6, 13, 43})[0].content, first[0].content);
}

TEST(CorpusGenerator, Seed38x91HasExactly91UncertainFunctions) {
    const auto generated = generate_corpus(*corpus_scenario("seed-38x91"));
    const Counted counted = run_rules_on(generated);
    EXPECT_EQ(counted.files, 38u);
    EXPECT_EQ(counted.uncertain, 91u);
    for (std::size_t i = 0; i < generated.size(); ++i) {
        EXPECT_EQ(counted.uncertain_per_file[i], generated[i].uncertain)
            << generated[i].relative_path;
    }
    // Every rule's positive case is somewhere in the corpus.
    for (const RuleInfo& rule : all_rules())
        EXPECT_TRUE(counted.rules_seen.contains(rule.name)) << rule.name;
}

TEST(CorpusGenerator, Seed50x120HasExactly120UncertainFunctions) {
    const auto generated = generate_corpus(*corpus_scenario("seed-50x120"));
    const Counted counted = run_rules_on(generated);
    EXPECT_EQ(counted.files, 50u);
    EXPECT_EQ(counted.uncertain, 120u);
    std::uint64_t tests = 0;
    for (const GeneratedFile& file : generated)
        tests += file.test_functions;
    EXPECT_EQ(counted.tests, tests);
}

TEST(CorpusGenerator, BiggerFilesKeepTheExactCount) {
    CorpusSpec spec = *corpus_scenario("seed-38x91");
    const auto small = generate_corpus(spec);
    spec.size_factor = 3;
    const auto big = generate_corpus(spec);
    std::size_t small_bytes = 0, big_bytes = 0;
    for (const auto& file : small)
        small_bytes += file.content.size();
    for (const auto& file : big)
        big_bytes += file.content.size();
    EXPECT_GT(big_bytes, 2 * small_bytes);
    EXPECT_EQ(run_rules_on(big).uncertain, 91u);
}

TEST(CorpusGenerator, ExtremesStayExact) {
    EXPECT_EQ(run_rules_on(generate_corpus({5, 0, 9})).uncertain, 0u);
    EXPECT_EQ(run_rules_on(generate_corpus({3, 40, 9})).uncertain, 40u);
}

}  // namespace
}  // namespace qa
