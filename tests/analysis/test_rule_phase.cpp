// Phase 1 over files: counts, candidates per strategy, unreadable files reported while the rest
// is analysed, and the same result whatever the number of workers.
#include <gtest/gtest.h>

#include <stdexcept>

#include "qa/analysis/response_builder.hpp"
#include "qa/analysis/response_json.hpp"
#include "sample_tests.hpp"
#include "temp_tree.hpp"

namespace qa {
namespace {

using testing::TempTree;

std::vector<std::filesystem::path> sample_files(const TempTree& tree) {
    return {tree.write("tests/test_mixed.py", testing::kMixedModule),
            tree.write("tests/test_cart.py", testing::kUnittestModule),
            tree.write("tests/test_clean.py", testing::kCleanModule)};
}

std::size_t candidate_count(const RulePhaseResult& result) {
    std::size_t count = 0;
    for (const FileReport& file : result.files)
        count += file.candidates.size();
    return count;
}

TEST(RulePhase, CountsTestsIssuesAndUncertainFunctions) {
    TempTree tree;
    const auto files = sample_files(tree);
    const auto result = run_rule_phase(files, AnalysisOptions{});
    ASSERT_EQ(result.files.size(), 3u);
    EXPECT_TRUE(result.unreadable.empty());
    EXPECT_EQ(result.files[0].test_functions, 4u);
    EXPECT_EQ(result.files[1].test_functions, 3u);
    EXPECT_EQ(result.files[2].test_functions, 2u);
    ASSERT_EQ(result.files[0].uncertain.size(), 2u);
    EXPECT_EQ(result.files[0].uncertain[0].function, "test_branches");
    EXPECT_EQ(result.files[0].uncertain[1].function, "test_reads_file");
    ASSERT_EQ(result.files[0].issues.size(), 1u);
    EXPECT_EQ(result.files[0].issues[0].function, "test_silent");
    EXPECT_EQ(result.files[0].issues[0].finding.rule, RuleId::no_assertion);
    ASSERT_EQ(result.files[1].uncertain.size(), 1u);
    EXPECT_EQ(result.files[1].uncertain[0].function, "TestCart::test_loop");
    ASSERT_EQ(result.files[1].issues.size(), 1u);
    EXPECT_EQ(result.files[1].issues[0].finding.rule, RuleId::suboptimal_assert);
    EXPECT_TRUE(result.files[2].issues.empty());
    EXPECT_GT(result.bytes, 0u);
}

TEST(RulePhase, CandidatesFollowTheStrategy) {
    TempTree tree;
    const auto files = sample_files(tree);
    AnalysisOptions options;
    options.strategy = StrategyKind::hybrid;
    auto hybrid = run_rule_phase(files, options);
    EXPECT_EQ(candidate_count(hybrid), 3u);
    EXPECT_EQ(hybrid.files[0].candidates[0].function, "test_branches");
    EXPECT_NE(hybrid.files[0].candidates[0].user_prompt.find("- conditional-logic: "),
              std::string::npos);
    options.strategy = StrategyKind::llm_only;
    const auto llm_only = run_rule_phase(files, options);
    EXPECT_EQ(candidate_count(llm_only), 9u);
    EXPECT_EQ(llm_only.files[0].candidates[0].user_prompt.find("The rule engine"),
              std::string::npos);
    options.strategy = StrategyKind::rule_only;
    EXPECT_EQ(candidate_count(run_rule_phase(files, options)), 0u);
}

TEST(RulePhase, StreamingVisitsEveryFileInInputOrderWhateverTheWorkers) {
    TempTree tree;
    std::vector<std::filesystem::path> files;
    // Enough files that four workers run ahead of the delivery window (16) and wait for it; a
    // missing one in the middle is visited in its place, as an error.
    for (int i = 0; i < 60; ++i) {
        const char* body = i % 3 == 0   ? testing::kMixedModule
                           : i % 3 == 1 ? testing::kUnittestModule
                                        : testing::kCleanModule;
        files.push_back(tree.write("tests/test_" + std::to_string(i) + ".py", body));
    }
    files.insert(files.begin() + 30, tree.root() / "tests" / "test_missing.py");
    for (const unsigned workers : {1u, 4u}) {
        AnalysisOptions options;
        options.phase1_threads = workers;
        std::vector<std::string> visited;
        std::uint64_t bytes = 0;
        run_rule_phase(files, options, [&](FileVisit visit) {
            ASSERT_TRUE((visit.report == nullptr) != (visit.error == nullptr));
            visited.push_back(visit.report ? visit.report->path : visit.error->path);
            bytes += visit.bytes;
        });
        ASSERT_EQ(visited.size(), files.size()) << workers << " workers";
        for (std::size_t i = 0; i < files.size(); ++i)
            EXPECT_EQ(visited[i], files[i].string()) << workers << " workers, file " << i;
        EXPECT_EQ(bytes, run_rule_phase(files, options).bytes);
    }
}

TEST(RulePhase, AThrowingVisitorStopsTheWorkersInsteadOfHangingThem) {
    TempTree tree;
    std::vector<std::filesystem::path> files;
    for (int i = 0; i < 60; ++i)
        files.push_back(
            tree.write("tests/test_" + std::to_string(i) + ".py", testing::kCleanModule));
    AnalysisOptions options;
    options.phase1_threads = 4;
    int visited = 0;
    EXPECT_THROW(run_rule_phase(files, options,
                                [&](FileVisit) {
                                    if (++visited == 3)
                                        throw std::runtime_error("a bug in the visitor");
                                }),
                 std::runtime_error);
    EXPECT_EQ(visited, 3);
}

TEST(RulePhase, UnreadableFilesAreReportedAndTheRestAnalysed) {
    TempTree tree;
    auto files = sample_files(tree);
    files.insert(files.begin() + 1, tree / "tests/test_missing.py");
    files.push_back(tree.write("tests/test_latin1.py", "def test_x():\n    assert '\xe9'\n"));
    files.push_back(tree.mkdir("tests/test_dir.py"));
    const auto result = run_rule_phase(files, AnalysisOptions{});
    EXPECT_EQ(result.files.size(), 3u);
    ASSERT_EQ(result.unreadable.size(), 3u);
    EXPECT_EQ(result.unreadable[0].kind, FileErrorKind::not_found);
    EXPECT_EQ(result.unreadable[1].kind, FileErrorKind::not_utf8);
    EXPECT_EQ(result.unreadable[2].kind, FileErrorKind::not_a_file);
}

TEST(RulePhase, WorkerCountDoesNotChangeTheResult) {
    TempTree tree;
    std::vector<std::filesystem::path> files;
    for (int i = 0; i < 12; ++i) {
        files.push_back(tree.write("t/test_m" + std::to_string(i) + ".py",
                                   i % 3 == 0   ? testing::kMixedModule
                                   : i % 3 == 1 ? testing::kUnittestModule
                                                : testing::kCleanModule));
    }
    files.push_back(tree / "t/test_missing.py");
    const auto render = [&](unsigned threads) {
        AnalysisOptions options;
        options.phase1_threads = threads;
        auto phase1 = run_rule_phase(files, options);
        return to_json(build_response(StrategyKind::rule_only, phase1, {}, nullptr), {false});
    };
    const std::string one = render(1);
    EXPECT_EQ(render(3), one);
    EXPECT_EQ(render(0), one);
}

}  // namespace
}  // namespace qa
