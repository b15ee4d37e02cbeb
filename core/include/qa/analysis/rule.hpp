#pragma once
// The rules of phase 1: what each one is called, how bad it is, whether it decides (certain) or
// only shortlists a function for the LLM (uncertain), and what it reports. The table itself is in
// rule_table.cpp; one place for every rule's id, severity, category and wording.

#include <bitset>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "qa/analysis/severity.hpp"

namespace qa {

enum class RuleId : std::uint8_t {
    // Certain: phase 1 decides.
    empty_test,
    no_assertion,
    tautological_assert,
    bare_comparison,
    duplicate_assert,
    constant_false_assert,
    assert_in_except,
    swallowed_exception,
    raises_too_broad,
    raises_without_match,
    multi_statement_raises,
    sleepy_test,
    skip_without_reason,
    print_in_test,
    suboptimal_assert,
    // Uncertain: shortlisted for the LLM.
    conditional_logic,
    assertion_roulette,
    eager_test,
    mystery_guest,
    helper_may_assert,
};

inline constexpr std::size_t kRuleCount = static_cast<std::size_t>(RuleId::helper_may_assert) + 1;

enum class Certainty : std::uint8_t {
    certain,    // the finding is an issue
    uncertain,  // the finding only puts the function on the LLM's list
};

struct RuleInfo {
    RuleId id;
    std::string_view name;  // the id in reports: "no-assertion"
    Severity severity;
    Certainty certainty;
    std::string_view category;    // the same vocabulary the LLM is asked to use
    std::string_view summary;     // one sentence: what is wrong
    std::string_view suggestion;  // one sentence: what to do instead
};

// Every rule, in RuleId order.
std::span<const RuleInfo> all_rules();
const RuleInfo& rule_info(RuleId id);
std::string_view to_string(RuleId id);  // the rule's name
std::optional<RuleId> find_rule(std::string_view name);

// One rule firing on one test function.
struct RuleFinding {
    RuleId rule = RuleId::no_assertion;
    std::uint32_t line = 0;  // 1-based line in the file
    std::string message;     // specific to this place, e.g. "time.sleep(2) slows the test down"
};

// Which rules run; all by default.
class RuleSet {
  public:
    RuleSet() { bits_.set(); }
    static RuleSet none() { return RuleSet(std::bitset<kRuleCount>()); }
    static RuleSet only(RuleId id) { return none().with(id); }

    RuleSet with(RuleId id) const {
        auto copy = *this;
        copy.bits_.set(static_cast<std::size_t>(id));
        return copy;
    }
    RuleSet without(RuleId id) const {
        auto copy = *this;
        copy.bits_.reset(static_cast<std::size_t>(id));
        return copy;
    }
    bool contains(RuleId id) const { return bits_.test(static_cast<std::size_t>(id)); }

  private:
    explicit RuleSet(std::bitset<kRuleCount> bits) : bits_(bits) {}
    std::bitset<kRuleCount> bits_;
};

// The thresholds of the uncertain rules. Crossing one only shortlists a function: the LLM
// decides.
struct RuleThresholds {
    // Assertions without a message in one test (assert statements, unittest asserts without
    // msg=) from which the test is an assertion-roulette candidate. Zero disables the rule.
    std::uint32_t roulette_min_assertions = 5;
    // Distinct methods called on one receiver (obj.a(), obj.b(), ...) from which the test is an
    // eager-test candidate. Zero disables the rule.
    std::uint32_t eager_min_methods = 4;
};

struct RuleOptions {
    RuleSet enabled;
    RuleThresholds thresholds;
};

}  // namespace qa
