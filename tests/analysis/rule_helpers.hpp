#pragma once
// Runs one rule on its own over the test functions of a Python source, so each rule's tests read
// as "this code fires it at these lines, that code does not".

#include <string>
#include <vector>

#include "qa/analysis/parsed_file.hpp"
#include "qa/analysis/rule_engine.hpp"

namespace qa::testing {

struct Fired {
    std::string function;
    std::uint32_t line = 0;
    std::string message;
};

inline std::vector<Fired> run_rule(RuleId rule, std::string source,
                                   RuleThresholds thresholds = {}) {
    const ParsedFile file = parse_python_source(std::move(source));
    RuleEngine engine(RuleOptions{RuleSet::only(rule), thresholds});
    std::vector<Fired> out;
    for (const Function& function : file.functions) {
        if (!function.is_test())
            continue;
        std::vector<RuleFinding> findings;
        engine.check(file, function, findings);
        for (const RuleFinding& finding : findings) {
            EXPECT_EQ(finding.rule, rule);
            out.push_back({std::string(file.text(function.name)), finding.line, finding.message});
        }
    }
    return out;
}

// "test_name:line" for each finding of `rule`.
inline std::vector<std::string> fired_at(RuleId rule, std::string source,
                                         RuleThresholds thresholds = {}) {
    std::vector<std::string> out;
    for (const Fired& fired : run_rule(rule, std::move(source), thresholds))
        out.push_back(fired.function + ":" + std::to_string(fired.line));
    return out;
}

using Lines = std::vector<std::string>;

}  // namespace qa::testing
