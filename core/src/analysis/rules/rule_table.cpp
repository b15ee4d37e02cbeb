// The rule table: every rule's name, severity, certainty, category and wording, in one place.
// The categories are the vocabulary the LLM is asked to answer with (see prompt_builder.cpp).
#include <array>

#include "qa/analysis/rule.hpp"

namespace qa {

namespace {

using enum RuleId;
constexpr Severity kLow = Severity::low;
constexpr Severity kMedium = Severity::medium;
constexpr Severity kHigh = Severity::high;
constexpr Certainty kCertain = Certainty::certain;
constexpr Certainty kUncertain = Certainty::uncertain;

constexpr std::array<RuleInfo, kRuleCount> kRules{{
    {empty_test, "empty-test", kHigh, kCertain, "coverage", "The test has an empty body.",
     "Write the test or delete it; an empty test passes and proves nothing."},
    {no_assertion, "no-assertion", kHigh, kCertain, "assertion",
     "The test runs code but asserts nothing.",
     "Assert on the result or on the observable side effect."},
    {tautological_assert, "tautological-assert", kHigh, kCertain, "assertion",
     "The assertion can never fail.",
     "Compare the value under test with an independent expected value."},
    {bare_comparison, "bare-comparison", kHigh, kCertain, "assertion",
     "A comparison stands alone as a statement; its result is discarded.",
     "Put `assert` in front of the comparison."},
    {duplicate_assert, "duplicate-assert", kLow, kCertain, "readability",
     "The same assertion is repeated with nothing in between.",
     "Delete the copy, or change the state between the two checks."},
    {constant_false_assert, "constant-false-assert", kMedium, kCertain, "assertion",
     "The assertion always fails.",
     "Use pytest.fail(\"reason\") or self.fail(\"reason\") to fail on purpose."},
    {assert_in_except, "assert-in-except", kMedium, kCertain, "error-handling",
     "An assertion inside `except` only runs when the exception is raised.",
     "Use pytest.raises (or assertRaises) so the test fails when nothing is raised."},
    {swallowed_exception, "swallowed-exception", kHigh, kCertain, "error-handling",
     "An `except` that does nothing swallows every error.",
     "Let unexpected exceptions fail the test, or assert on the one you expect."},
    {raises_too_broad, "raises-too-broad", kMedium, kCertain, "error-handling",
     "pytest.raises(Exception) passes for any error.",
     "Expect the specific exception type the code raises."},
    {raises_without_match, "raises-without-match", kLow, kCertain, "error-handling",
     "pytest.raises without match= accepts any message.",
     "Add match=r\"...\" (or check excinfo.value) to pin the error."},
    {multi_statement_raises, "multi-statement-raises", kMedium, kCertain, "error-handling",
     "A raises/warns block holds more than one statement.",
     "Keep only the call expected to raise inside the block; set up before it."},
    {sleepy_test, "sleepy-test", kMedium, kCertain, "flakiness",
     "The test sleeps for a fixed time.", "Wait on the condition itself, or inject a fake clock."},
    {skip_without_reason, "skip-without-reason", kLow, kCertain, "maintainability",
     "A skip or xfail gives no reason.", "Add reason=\"...\" saying when it can be removed."},
    {print_in_test, "print-in-test", kLow, kCertain, "readability",
     "The test prints instead of asserting.",
     "Remove the print, or capture the output with capsys and assert on it."},
    {suboptimal_assert, "suboptimal-assert", kLow, kCertain, "readability",
     "The assertion hides what failed.",
     "Use the assertion that shows both values (plain assert in pytest, assertEqual and "
     "friends in unittest)."},
    {conditional_logic, "conditional-logic", kMedium, kUncertain, "maintainability",
     "The test branches or loops.",
     "Split it into one test per path, or use pytest.mark.parametrize."},
    {assertion_roulette, "assertion-roulette", kLow, kUncertain, "readability",
     "Many assertions without a message.",
     "Give assertions messages, or split the test by behaviour."},
    {eager_test, "eager-test", kLow, kUncertain, "maintainability",
     "The test exercises many methods of one object.", "Test one behaviour per test."},
    {mystery_guest, "mystery-guest", kMedium, kUncertain, "isolation",
     "The test uses files, network, environment or a database it does not set up.",
     "Use tmp_path, monkeypatch or a mock so the test owns what it touches."},
    {helper_may_assert, "helper-may-assert", kMedium, kUncertain, "assertion",
     "The test has no assertion of its own but calls a helper that may assert.",
     "Make the helper's checks visible (name it assert_...) or assert in the test."},
}};

constexpr bool table_in_id_order() {
    for (std::size_t i = 0; i < kRules.size(); ++i) {
        if (static_cast<std::size_t>(kRules[i].id) != i)
            return false;
    }
    return true;
}
static_assert(table_in_id_order(), "kRules must list every rule in RuleId order");

}  // namespace

std::span<const RuleInfo> all_rules() {
    return kRules;
}

const RuleInfo& rule_info(RuleId id) {
    return kRules[static_cast<std::size_t>(id)];
}

std::string_view to_string(RuleId id) {
    return rule_info(id).name;
}

std::optional<RuleId> find_rule(std::string_view name) {
    for (const RuleInfo& info : kRules) {
        if (info.name == name)
            return info.id;
    }
    return std::nullopt;
}

}  // namespace qa
