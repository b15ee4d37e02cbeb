// The rule table: every rule named once, found by name, certain and uncertain exactly as the
// issue lists them, and the engine's ordering of findings.
#include <gtest/gtest.h>

#include <set>

#include "rule_helpers.hpp"

namespace qa {
namespace {

TEST(RuleTable, EveryRuleHasAUniqueNameAndWords) {
    std::set<std::string_view> names;
    for (const RuleInfo& info : all_rules()) {
        EXPECT_TRUE(names.insert(info.name).second) << info.name;
        EXPECT_EQ(find_rule(info.name), info.id);
        EXPECT_EQ(to_string(info.id), info.name);
        EXPECT_FALSE(info.category.empty());
        EXPECT_FALSE(info.summary.empty());
        EXPECT_FALSE(info.suggestion.empty());
    }
    EXPECT_EQ(names.size(), kRuleCount);
    EXPECT_EQ(find_rule("no-such-rule"), std::nullopt);
}

TEST(RuleTable, UncertainRulesAreExactlyTheShortlistingOnes) {
    std::set<std::string_view> uncertain;
    for (const RuleInfo& info : all_rules()) {
        if (info.certainty == Certainty::uncertain)
            uncertain.insert(info.name);
    }
    EXPECT_EQ(uncertain,
              (std::set<std::string_view>{"conditional-logic", "assertion-roulette", "eager-test",
                                          "mystery-guest", "helper-may-assert"}));
}

TEST(RuleTable, SeverityWordsFromModels) {
    EXPECT_EQ(parse_severity("HIGH"), Severity::high);
    EXPECT_EQ(parse_severity("critical"), Severity::high);
    EXPECT_EQ(parse_severity("Medium"), Severity::medium);
    EXPECT_EQ(parse_severity("minor"), Severity::low);
    EXPECT_EQ(parse_severity("urgent-ish"), std::nullopt);
    EXPECT_EQ(parse_severity(""), std::nullopt);
}

TEST(RuleEngine, FindingsComeByLineThenRule) {
    const ParsedFile file = parse_python_source(
        "def test_a():\n    time.sleep(1)\n    print(x)\n    x == 1\n    assert True\n");
    RuleEngine engine;
    std::vector<RuleFinding> findings;
    engine.check(file, file.functions[0], findings);
    std::vector<std::string> got;
    for (const auto& f : findings)
        got.push_back(std::to_string(f.line) + ":" + std::string(to_string(f.rule)));
    EXPECT_EQ(got, (std::vector<std::string>{"2:sleepy-test", "3:print-in-test",
                                             "4:bare-comparison", "5:tautological-assert"}));
    EXPECT_FALSE(has_uncertain_finding(findings));
}

TEST(RuleEngine, ARuleSetWithoutARuleSkipsIt) {
    const ParsedFile file = parse_python_source("def test_a():\n    print(x)\n    assert x\n");
    RuleEngine engine(RuleOptions{RuleSet().without(RuleId::print_in_test), {}});
    std::vector<RuleFinding> findings;
    engine.check(file, file.functions[0], findings);
    EXPECT_TRUE(findings.empty());
}

}  // namespace
}  // namespace qa
