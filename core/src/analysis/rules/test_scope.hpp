#pragma once
// TestScope: one test function as the rules see it (its body, its calls with their kinds, a few
// facts gathered in one walk), plus the helpers rules share. Built by RuleEngine::check; the
// rules only read it, except for the scratch buffers they borrow.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "call_kind.hpp"
#include "qa/analysis/parsed_file.hpp"
#include "qa/analysis/rule.hpp"

namespace qa::detail {

// One statement of the body, as the rules ask about it; found in one pass over the calls and
// comparisons, so no rule searches the file's side tables per statement.
struct StatementFacts {
    std::uint32_t first_call = 0;  // into TestScope::calls
    std::uint32_t call_count = 0;
    std::uint32_t first_comparison = 0;  // into TestScope::comparisons
    std::uint32_t comparison_count = 0;
    std::uint32_t whole_call = kNone;  // into TestScope::calls: the call that is the whole
                                       // expression statement (`self.assertEqual(a, b)`)
    bool assertion = false;            // an assert, or a whole assertion or fail call
};

// Buffers kept between functions so that checking allocates nothing in the steady state.
struct RuleScratch {
    CallKindCache call_kind_cache;
    std::vector<CallKind> call_kinds;
    std::vector<StatementFacts> statement_facts;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> keyed;
    std::vector<std::pair<std::string_view, std::string_view>> pairs;
    // Where the last function's calls and comparisons ended: the next function of the same
    // file starts its search there (see RuleEngine::check).
    std::size_t call_cursor = 0;
    std::size_t comparison_cursor = 0;
};

// Where a test's assertions come from.
enum class AssertionSource : std::uint8_t {
    direct,        // an assert, an assertion call, pytest.raises or fail in its own body
    local_helper,  // none of its own, but it calls a helper of this file that asserts
    maybe_helper,  // none of its own; it calls something that may assert (check_x, imported)
    none,
};

struct TestScope {
    const ParsedFile& file;
    const Function& function;
    const RuleThresholds& thresholds;
    RuleScratch& scratch;
    StatementRange body;
    std::span<const Call> calls;              // every call in the body, nested defs included
    std::span<const CallKind> call_kinds;     // call_kinds[i] is the kind of calls[i]
    std::span<const Comparison> comparisons;  // every comparison in the body
    std::span<const StatementFacts> statement_facts;  // statement_facts[i - body.begin]
    bool empty = false;                               // the body is only pass, `...` or a docstring
    std::uint32_t direct_assertions = 0;  // assert statements, assertion/fail/raises calls
    AssertionSource assertion_source = AssertionSource::none;
    std::string_view maybe_helper;  // the callee behind AssertionSource::maybe_helper
    // What the body holds at all, so a rule can skip a test it cannot fire on.
    std::uint32_t statement_kinds = 0;  // bit 1 << StatementKind per kind present
    std::uint32_t call_kinds_seen = 0;  // bit 1 << CallKind per kind present

    const std::vector<Token>& tokens() const { return file.lexed.tokens; }
    const Statement& statement(std::uint32_t index) const { return file.statements[index]; }
    std::string_view target(const Call& call) const { return file.text(call.target); }
    std::string_view name() const { return file.text(function.name); }
    CallKind kind_of(const Call& call) const {
        return call_kinds[static_cast<std::size_t>(&call - calls.data())];
    }
    bool has(StatementKind kind) const {
        return ((statement_kinds >> static_cast<unsigned>(kind)) & 1) != 0;
    }
    bool has(CallKind kind) const {
        return ((call_kinds_seen >> static_cast<unsigned>(kind)) & 1) != 0;
    }
    const StatementFacts& facts(std::uint32_t statement) const {
        return statement_facts[statement - body.begin];
    }
    std::span<const Call> calls_of(std::uint32_t statement) const {
        const StatementFacts& f = facts(statement);
        return calls.subspan(f.first_call, f.call_count);
    }
    std::span<const Comparison> comparisons_of(std::uint32_t statement) const {
        const StatementFacts& f = facts(statement);
        return comparisons.subspan(f.first_comparison, f.comparison_count);
    }
};

// Fills the facts of `scope` (statement_facts, empty, direct_assertions, assertion_source) in
// one walk; statement_facts lives in scope.scratch.
void gather_facts(TestScope& scope);

// The class has bases other than `object` (it may inherit tests' helpers from elsewhere).
bool class_has_bases(const ParsedFile& file, std::uint32_t class_index);

// True when some ancestor of `statement` below the test's def has kind `kind` (or `also`).
bool has_ancestor(const TestScope& scope, std::uint32_t statement, StatementKind kind,
                  StatementKind also = StatementKind::expression);

// The assertion call that is the whole of an expression statement (`self.assertEqual(a, b)`),
// or nullptr.
const Call* statement_call(const TestScope& scope, std::uint32_t statement);

// An assert statement, or an expression statement that is one assertion or fail call.
bool is_assertion_statement(const TestScope& scope, std::uint32_t statement);

// The top-level arguments of a call, up to `out.size()` of them; returns how many were found.
std::size_t split_arguments(const ParsedFile& file, const Call& call, std::span<TokenRange> out);

// The truth value of a literal, when it has a constant one ("", 0, None: false; 1, "x": true).
std::optional<bool> literal_truth(const ParsedFile& file, TokenRange range, LiteralKind kind);

// The text of tokens [range) on one line, shortened for messages.
std::string snippet(const ParsedFile& file, TokenRange range, std::size_t max_bytes = 60);

// The parts one after the other. (GCC 12 warns falsely, -Wrestrict, on chains of operator+.)
std::string cat(std::initializer_list<std::string_view> parts);

// Appends a finding.
void report(std::vector<RuleFinding>& out, RuleId rule, std::uint32_t line, std::string message);

// Each rule: appends its findings on `scope` to `out`.
using RuleCheck = void (*)(const TestScope& scope, std::vector<RuleFinding>& out);

void check_empty_test(const TestScope&, std::vector<RuleFinding>&);
void check_no_assertion(const TestScope&, std::vector<RuleFinding>&);
void check_tautological_assert(const TestScope&, std::vector<RuleFinding>&);
void check_bare_comparison(const TestScope&, std::vector<RuleFinding>&);
void check_duplicate_assert(const TestScope&, std::vector<RuleFinding>&);
void check_constant_false_assert(const TestScope&, std::vector<RuleFinding>&);
void check_assert_in_except(const TestScope&, std::vector<RuleFinding>&);
void check_swallowed_exception(const TestScope&, std::vector<RuleFinding>&);
void check_raises_too_broad(const TestScope&, std::vector<RuleFinding>&);
void check_raises_without_match(const TestScope&, std::vector<RuleFinding>&);
void check_multi_statement_raises(const TestScope&, std::vector<RuleFinding>&);
void check_sleepy_test(const TestScope&, std::vector<RuleFinding>&);
void check_skip_without_reason(const TestScope&, std::vector<RuleFinding>&);
void check_print_in_test(const TestScope&, std::vector<RuleFinding>&);
void check_suboptimal_assert(const TestScope&, std::vector<RuleFinding>&);
void check_conditional_logic(const TestScope&, std::vector<RuleFinding>&);
void check_assertion_roulette(const TestScope&, std::vector<RuleFinding>&);
void check_eager_test(const TestScope&, std::vector<RuleFinding>&);
void check_mystery_guest(const TestScope&, std::vector<RuleFinding>&);
void check_helper_may_assert(const TestScope&, std::vector<RuleFinding>&);

}  // namespace qa::detail
