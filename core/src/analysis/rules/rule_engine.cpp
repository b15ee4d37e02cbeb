#include "qa/analysis/rule_engine.hpp"

#include <algorithm>
#include <array>

#include "test_scope.hpp"

namespace qa {

namespace detail {

namespace {

struct CheckEntry {
    RuleId id;
    RuleCheck check;
};

// Which function checks which rule; the rules' words live in rule_table.cpp.
constexpr std::array<CheckEntry, kRuleCount> kChecks{{
    {RuleId::empty_test, check_empty_test},
    {RuleId::no_assertion, check_no_assertion},
    {RuleId::tautological_assert, check_tautological_assert},
    {RuleId::bare_comparison, check_bare_comparison},
    {RuleId::duplicate_assert, check_duplicate_assert},
    {RuleId::constant_false_assert, check_constant_false_assert},
    {RuleId::assert_in_except, check_assert_in_except},
    {RuleId::swallowed_exception, check_swallowed_exception},
    {RuleId::raises_too_broad, check_raises_too_broad},
    {RuleId::raises_without_match, check_raises_without_match},
    {RuleId::multi_statement_raises, check_multi_statement_raises},
    {RuleId::sleepy_test, check_sleepy_test},
    {RuleId::skip_without_reason, check_skip_without_reason},
    {RuleId::print_in_test, check_print_in_test},
    {RuleId::suboptimal_assert, check_suboptimal_assert},
    {RuleId::conditional_logic, check_conditional_logic},
    {RuleId::assertion_roulette, check_assertion_roulette},
    {RuleId::eager_test, check_eager_test},
    {RuleId::mystery_guest, check_mystery_guest},
    {RuleId::helper_may_assert, check_helper_may_assert},
}};

constexpr bool checks_in_id_order() {
    for (std::size_t i = 0; i < kChecks.size(); ++i) {
        if (static_cast<std::size_t>(kChecks[i].id) != i)
            return false;
    }
    return true;
}
static_assert(checks_in_id_order(), "kChecks must list every rule in RuleId order");

// The entries of `items` (sorted by statement) that lie in `body`. Functions are checked in
// source order, so the search starts where the last one ended; a cursor that is not before
// `body` (another file, or an earlier function) falls back to a binary search.
template <class T>
std::span<const T> entries_in(const std::vector<T>& items, StatementRange body,
                              std::size_t& cursor) {
    if (cursor > items.size() || (cursor > 0 && items[cursor - 1].statement >= body.begin)) {
        cursor = static_cast<std::size_t>(
            std::ranges::lower_bound(items, body.begin, {}, &T::statement) - items.begin());
    }
    while (cursor < items.size() && items[cursor].statement < body.begin)
        ++cursor;
    const std::size_t first = cursor;
    while (cursor < items.size() && items[cursor].statement < body.end)
        ++cursor;
    return std::span<const T>(items).subspan(first, cursor - first);
}

}  // namespace

}  // namespace detail

RuleEngine::RuleEngine(RuleOptions options)
    : options_(options), scratch_(std::make_unique<detail::RuleScratch>()) {}
RuleEngine::~RuleEngine() = default;
RuleEngine::RuleEngine(RuleEngine&&) noexcept = default;
RuleEngine& RuleEngine::operator=(RuleEngine&&) noexcept = default;

void RuleEngine::check(const ParsedFile& file, const Function& function,
                       std::vector<RuleFinding>& out) {
    const StatementRange body = file.body_of(function);
    const auto calls = detail::entries_in(file.calls, body, scratch_->call_cursor);
    const auto comparisons =
        detail::entries_in(file.comparisons, body, scratch_->comparison_cursor);
    auto& kinds = scratch_->call_kinds;
    kinds.resize(calls.size());
    for (std::size_t k = 0; k < calls.size(); ++k)
        kinds[k] = scratch_->call_kind_cache.classify(file.text(calls[k].target));

    // The facts after `comparisons` are filled by gather_facts.
    detail::TestScope scope{file,      function,    options_.thresholds,
                            *scratch_, body,        calls,
                            kinds,     comparisons, {},
                            false,     0,           detail::AssertionSource::none,
                            {},        0,           0};
    detail::gather_facts(scope);

    const std::size_t before = out.size();
    for (const auto& entry : detail::kChecks) {
        if (options_.enabled.contains(entry.id))
            entry.check(scope, out);
    }
    // Rules append in rule order; report by line, then by rule. An insertion sort: stable,
    // allocation-free, and linear on the few, mostly ordered findings of one function.
    for (std::size_t k = before + 1; k < out.size(); ++k) {
        for (std::size_t j = k; j > before && out[j].line < out[j - 1].line; --j)
            std::swap(out[j], out[j - 1]);
    }
}

bool has_uncertain_finding(const std::vector<RuleFinding>& findings) {
    return std::ranges::any_of(findings, [](const RuleFinding& finding) {
        return rule_info(finding.rule).certainty == Certainty::uncertain;
    });
}

}  // namespace qa
