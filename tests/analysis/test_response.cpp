// The QualityAnalysisResponse: assembled by strategy, ordered stably, written as JSON (format
// pinned) and as a report; the parser's problems carried from a file to both.
#include <gtest/gtest.h>

#include "qa/analysis/parsed_file.hpp"
#include "qa/analysis/response_builder.hpp"
#include "qa/analysis/response_json.hpp"
#include "qa/analysis/response_report.hpp"

namespace qa {
namespace {

RulePhaseResult sample_phase1() {
    RulePhaseResult phase1;
    FileReport b;
    b.path = "tests/test_b.py";
    b.test_functions = 2;
    b.issues.push_back({"test_z", {RuleId::print_in_test, 9, "print() in a test"}});
    b.issues.push_back({"test_y", {RuleId::no_assertion, 3, "test_y runs code"}});
    b.problems.add(DiagnosticKind::unclosed_bracket, 11, 120);
    b.problems.add(DiagnosticKind::inconsistent_tabs, 4, 40);
    b.uncertain.push_back(
        {"test_z",
         7,
         {{RuleId::conditional_logic, 8, "branches"}, {RuleId::conditional_logic, 9, "again"}}});
    FileReport a;
    a.path = "tests/test_a.py";
    a.test_functions = 1;
    a.uncertain.push_back({"TestA::test_m", 4, {{RuleId::mystery_guest, 5, "open()"}}});
    phase1.files = {std::move(b), std::move(a)};
    phase1.unreadable.push_back({"tests/zz_test.py", FileErrorKind::not_utf8, "invalid byte"});
    phase1.unreadable.push_back({"missing.py", FileErrorKind::not_found, ""});
    return phase1;
}

std::vector<LlmCandidate> sample_candidates() {
    return {{"tests/test_b.py", "test_z", 6, 7, 12, "prompt z"},
            {"tests/test_a.py", "TestA::test_m", 4, 4, 10, "prompt m"}};
}

LlmPhaseResult sample_phase2() {
    LlmPhaseResult phase2;
    LlmAnswer answer;
    answer.issues.push_back({"isolation", Severity::high, 2, "reads a real file", "use tmp_path"});
    answer.issues.push_back({"naming", Severity::low, 99, "vague name", ""});  // outside: def line
    phase2.answers.emplace_back(Unexpected(std::string("http 500: boom")));
    phase2.answers.emplace_back(answer);
    phase2.calls = {1, 1, 2, 4, {{200, 1}, {500, 3}}};
    phase2.elapsed = std::chrono::microseconds(2500);
    return phase2;
}

TEST(ResponseBuilder, HybridHasRuleAndLlmIssuesInStableOrder) {
    const auto phase1 = sample_phase1();
    const auto candidates = sample_candidates();
    const auto phase2 = sample_phase2();
    const auto response = build_response(StrategyKind::hybrid, phase1, candidates, &phase2);
    EXPECT_EQ(response.files_analysed, 2u);
    EXPECT_EQ(response.test_functions, 3u);
    EXPECT_EQ(response.uncertain_functions, 2u);
    EXPECT_EQ(response.llm_functions, 2u);
    std::vector<std::string> order;
    for (const auto& issue : response.issues)
        order.push_back(issue.file + ":" + std::to_string(issue.line) + ":" + issue.rule);
    EXPECT_EQ(order, (std::vector<std::string>{
                         "tests/test_a.py:4:llm:naming", "tests/test_a.py:5:llm:isolation",
                         "tests/test_b.py:3:no-assertion", "tests/test_b.py:9:print-in-test"}));
    ASSERT_EQ(response.failed_functions.size(), 1u);
    EXPECT_EQ(response.failed_functions[0].function, "test_z");
    EXPECT_EQ(response.failed_functions[0].line, 7u);
    EXPECT_EQ(response.failed_functions[0].reason, "http 500: boom");
    ASSERT_EQ(response.uncertain.size(), 2u);
    EXPECT_EQ(response.uncertain[0].file, "tests/test_a.py");
    EXPECT_EQ(response.uncertain[1].reasons, std::vector<std::string>{"conditional-logic"});
    ASSERT_EQ(response.unreadable_files.size(), 2u);
    EXPECT_EQ(response.unreadable_files[0].path, "missing.py");
    EXPECT_EQ(response.unreadable_files[0].reason, "not_found");
    EXPECT_EQ(response.unreadable_files[1].reason, "not_utf8 (invalid byte)");
    EXPECT_EQ(response.llm_calls.retried, 2u);
}

TEST(ResponseBuilder, StrategiesChooseTheirSources) {
    const auto phase1 = sample_phase1();
    const auto candidates = sample_candidates();
    const auto phase2 = sample_phase2();
    const auto rule_only = build_response(StrategyKind::rule_only, phase1, {}, nullptr);
    EXPECT_EQ(rule_only.issues.size(), 2u);
    EXPECT_EQ(rule_only.llm_functions, 0u);
    EXPECT_EQ(rule_only.uncertain_functions, 2u);
    const auto llm_only = build_response(StrategyKind::llm_only, phase1, candidates, &phase2);
    EXPECT_EQ(llm_only.issues.size(), 2u);
    for (const auto& issue : llm_only.issues)
        EXPECT_EQ(issue.source, IssueSource::llm);
}

TEST(ResponseBuilder, LlmLinesCountFromTheTestsFirstLine) {
    const LlmCandidate candidate{"f", "t", 10, 12, 20, ""};
    EXPECT_EQ(file_line_of(candidate, 1), 10u);
    EXPECT_EQ(file_line_of(candidate, 5), 14u);
    EXPECT_EQ(file_line_of(candidate, 11), 20u);
    EXPECT_EQ(file_line_of(candidate, 12), 12u);  // past the end: the def line
    EXPECT_EQ(file_line_of(candidate, 0), 12u);
    EXPECT_EQ(file_line_of(candidate, 0xFFFFFFFFu), 12u);
}

TEST(ResponseJson, FormatIsPinned) {
    const auto phase1 = sample_phase1();
    const auto candidates = sample_candidates();
    const auto phase2 = sample_phase2();
    auto response = build_response(StrategyKind::hybrid, phase1, candidates, &phase2);
    response.timings = {std::chrono::microseconds(1234), std::chrono::microseconds(2500),
                        std::chrono::microseconds(3800)};
    const std::string json = to_json(response);
    EXPECT_EQ(
        json,
        "{\n"
        "  \"strategy\": \"hybrid\",\n"
        "  \"files_analysed\": 2,\n"
        "  \"test_functions\": 3,\n"
        "  \"uncertain_functions\": 2,\n"
        "  \"llm_functions\": 2,\n"
        "  \"issue_counts\": {\"total\": 4, \"rule\": 2, \"llm\": 2, \"high\": 2, "
        "\"medium\": 0, \"low\": 2},\n"
        "  \"issues\": [\n"
        "    {\"file\": \"tests/test_a.py\", \"function\": \"TestA::test_m\", \"line\": 4, "
        "\"rule\": \"llm:naming\", \"severity\": \"low\", \"category\": \"naming\", "
        "\"message\": \"vague name\", \"suggestion\": \"\", \"source\": \"llm\"},\n"
        "    {\"file\": \"tests/test_a.py\", \"function\": \"TestA::test_m\", \"line\": 5, "
        "\"rule\": \"llm:isolation\", \"severity\": \"high\", \"category\": \"isolation\", "
        "\"message\": \"reads a real file\", \"suggestion\": \"use tmp_path\", "
        "\"source\": \"llm\"},\n"
        "    {\"file\": \"tests/test_b.py\", \"function\": \"test_y\", \"line\": 3, "
        "\"rule\": \"no-assertion\", \"severity\": \"high\", \"category\": \"assertion\", "
        "\"message\": \"test_y runs code\", \"suggestion\": \"Assert on the result or on "
        "the observable side effect.\", \"source\": \"rule\"},\n"
        "    {\"file\": \"tests/test_b.py\", \"function\": \"test_z\", \"line\": 9, "
        "\"rule\": \"print-in-test\", \"severity\": \"low\", \"category\": \"readability\", "
        "\"message\": \"print() in a test\", \"suggestion\": \"Remove the print, or capture "
        "the output with capsys and assert on it.\", \"source\": \"rule\"}\n"
        "  ],\n"
        "  \"uncertain\": [\n"
        "    {\"file\": \"tests/test_a.py\", \"function\": \"TestA::test_m\", \"line\": 4, "
        "\"reasons\": [\"mystery-guest\"]},\n"
        "    {\"file\": \"tests/test_b.py\", \"function\": \"test_z\", \"line\": 7, "
        "\"reasons\": [\"conditional-logic\"]}\n"
        "  ],\n"
        "  \"failed_functions\": [\n"
        "    {\"file\": \"tests/test_b.py\", \"function\": \"test_z\", \"line\": 7, "
        "\"reason\": \"http 500: boom\"}\n"
        "  ],\n"
        "  \"unreadable_files\": [\n"
        "    {\"path\": \"missing.py\", \"reason\": \"not_found\"},\n"
        "    {\"path\": \"tests/zz_test.py\", \"reason\": \"not_utf8 (invalid byte)\"}\n"
        "  ],\n"
        "  \"parse_problems\": [\n"
        "    {\"file\": \"tests/test_b.py\", \"line\": 4, \"problem\": \"inconsistent_tabs\"},\n"
        "    {\"file\": \"tests/test_b.py\", \"line\": 11, \"problem\": \"unclosed_bracket\"}\n"
        "  ],\n"
        "  \"parse_problems_not_listed\": 0,\n"
        "  \"llm_calls\": {\"ok\": 1, \"failed\": 1, \"retried\": 2, \"attempts\": 4, "
        "\"by_status\": {\"200\": 1, \"500\": 3}},\n"
        "  \"timings_ms\": {\"rule_phase\": 1.234, \"llm_phase\": 2.500, \"total\": 3.800}\n"
        "}\n");
}

TEST(ResponseJson, WithoutTimingsTwoRunsCompareEqual) {
    const auto phase1 = sample_phase1();
    const auto candidates = sample_candidates();
    const auto phase2 = sample_phase2();
    auto first = build_response(StrategyKind::hybrid, phase1, candidates, &phase2);
    auto second = build_response(StrategyKind::hybrid, phase1, candidates, &phase2);
    first.timings.total = std::chrono::microseconds(1);
    second.timings.total = std::chrono::microseconds(2);
    EXPECT_NE(to_json(first), to_json(second));
    EXPECT_EQ(to_json(first, {false}), to_json(second, {false}));
    const std::string json = to_json(first, {false});
    EXPECT_EQ(json.find("timings"), std::string::npos);
    EXPECT_TRUE(json.ends_with("\"by_status\": {\"200\": 1, \"500\": 3}}\n}\n"));
}

TEST(ResponseJson, EmptyResponseIsValidJson) {
    const std::string json = to_json(QualityAnalysisResponse{}, {false});
    EXPECT_NE(json.find("\"issues\": [],\n"), std::string::npos);
    EXPECT_TRUE(json.ends_with("\"by_status\": {}}\n}\n"));
}

TEST(ResponseReport, OneLinePerIssueThenTheSummary) {
    const auto phase1 = sample_phase1();
    const auto candidates = sample_candidates();
    const auto phase2 = sample_phase2();
    const auto response = build_response(StrategyKind::hybrid, phase1, candidates, &phase2);
    const std::string report = to_report(response, {false, true});
    EXPECT_NE(report.find("tests/test_b.py:3: high no-assertion [rule] test_y: test_y runs code\n"
                          "    suggestion: Assert on the result or on the observable side "
                          "effect.\n"),
              std::string::npos);
    EXPECT_NE(report.find("Not analysed by the LLM:\n  tests/test_b.py:7: test_z: http 500: "
                          "boom\n"),
              std::string::npos);
    EXPECT_NE(report.find("Not read:\n  missing.py: not_found\n"), std::string::npos);
    EXPECT_NE(report.find("Parsed with problems (Python would refuse these files; findings near "
                          "the lines may be off):\n  tests/test_b.py:4: inconsistent_tabs\n  "
                          "tests/test_b.py:11: unclosed_bracket\n"),
              std::string::npos);
    EXPECT_NE(report.find("2 files, 3 tests, 2 uncertain, 2 sent to the LLM (hybrid): 4 issues "
                          "(2 from rules, 2 from the LLM), 1 failed, 2 unreadable, 1 file with "
                          "parse problems\n"),
              std::string::npos);
    EXPECT_NE(report.find("LLM calls: 1 ok, 1 failed, 2 retries\n"), std::string::npos);
    EXPECT_EQ(report.find("Timings"), std::string::npos);
}

TEST(ResponseBuilder, ParseProblemsListedByFileAndLineAndCountedPastTheLimit) {
    RulePhaseResult phase1;
    FileReport file;
    file.path = "t/test_noise.py";
    file.problems.limit = 5;
    for (std::uint32_t line = 9; line >= 3; --line)  // 7 problems: 5 kept, 2 counted
        file.problems.add(DiagnosticKind::invalid_character, line, line * 10);
    phase1.files.push_back(file);
    FileReport clean;
    clean.path = "t/test_clean.py";
    phase1.files.push_back(clean);
    const auto response = build_response(StrategyKind::rule_only, phase1, {}, nullptr);
    ASSERT_EQ(response.parse_problems.size(), 5u);
    EXPECT_EQ(response.parse_problems.front().line, 5u);
    EXPECT_EQ(response.parse_problems.back().line, 9u);
    EXPECT_EQ(response.parse_problems.front().problem, "invalid_character");
    EXPECT_EQ(response.parse_problems_not_listed, 2u);

    // The report shows three a file, then how many more, then what no list holds.
    const std::string report = to_report(response, {false, false});
    EXPECT_NE(report.find("  t/test_noise.py:7: invalid_character\n  t/test_noise.py: and 2 "
                          "more\n  (2 more not listed: past the limit a file lists)\n"),
              std::string::npos)
        << report;
    EXPECT_EQ(report.find("t/test_noise.py:8:"), std::string::npos);
    EXPECT_NE(report.find(", 1 file with parse problems\n"), std::string::npos);
    EXPECT_NE(to_json(response, {false}).find("\"parse_problems_not_listed\": 2,\n"),
              std::string::npos);
}

TEST(AnalyzeParsedFile, CarriesTheParsersProblemsIntoTheReport) {
    // The assert sits inside a bracket that never closes: the parser recovers at the next def,
    // and the report says where, since Python would refuse the file.
    const ParsedFile file = parse_python_source(
        "def test_c():\n    x = foo(\n    assert x == 1\n\ndef test_d():\n    assert bar() == 2\n",
        "t/test_cut.py");
    RuleEngine engine;
    const FileReport report = analyze_parsed_file(file, engine, AnalysisOptions{});
    ASSERT_FALSE(report.problems.empty());
    EXPECT_EQ(report.problems.items.front().kind, DiagnosticKind::unclosed_bracket);
    EXPECT_EQ(report.problems.items.front().line, 2u);
    RulePhaseResult phase1;
    phase1.files.push_back(report);
    const auto response = build_response(StrategyKind::rule_only, phase1, {}, nullptr);
    ASSERT_EQ(response.parse_problems.size(), 1u);
    EXPECT_EQ(response.parse_problems[0].file, "t/test_cut.py");
    EXPECT_EQ(response.parse_problems[0].line, 2u);
    EXPECT_EQ(response.parse_problems[0].problem, "unclosed_bracket");
}

}  // namespace
}  // namespace qa
