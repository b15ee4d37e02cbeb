// Rules on whether a test checks anything: empty, no assertion (or only maybe through a helper),
// too many anonymous assertions, the same assertion twice, assertions that only run on failure.
#include <algorithm>
#include <array>

#include "test_scope.hpp"

namespace qa::detail {

namespace {

// unittest asserts that take one value before their optional msg.
constexpr std::array<std::string_view, 6> kOneValueAsserts{
    "assertTrue", "assertFalse", "assertIsNone", "assertIsNotNone", "assert_", "failUnless"};

bool has_message(const TestScope& scope, const Call& call) {
    for (const TextSpan keyword : scope.file.keywords_of(call)) {
        if (scope.file.text(keyword) == "msg")
            return true;
    }
    const std::string_view last = last_component(scope.target(call));
    if (!last.starts_with("assert") || last.starts_with("assert_"))
        return false;  // mock and helper asserts take no message
    const bool one_value = std::ranges::find(kOneValueAsserts, last) != kOneValueAsserts.end();
    return call.arg_count >= (one_value ? 2u : 3u);
}

std::uint64_t token_text_hash(const ParsedFile& file, TokenRange range) {
    std::uint64_t hash = 0xcbf29ce484222325ull;  // FNV-1a over the tokens, spacing ignored
    for (std::uint32_t k = range.begin; k < range.end; ++k) {
        for (const char c : file.token_text(k))
            hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
        hash = (hash ^ 0xffu) * 0x100000001b3ull;
    }
    return hash;
}

// The assertion calls nothing but itself and pure builtins (len, int...): repeating it cannot
// observe a change it caused (assertRaises(StopIteration, next, it) twice can).
bool only_pure_calls(const TestScope& scope, std::uint32_t statement) {
    static constexpr std::array<std::string_view, 16> kPure{
        "len",  "int", "str",       "float",  "bool",       "repr", "list", "tuple",
        "dict", "set", "frozenset", "sorted", "isinstance", "type", "abs",  "bytes"};
    const Call* whole = statement_call(scope, statement);
    if (whole != nullptr && is_unittest_raises(scope.target(*whole)))
        return false;  // it calls what it is given
    for (const Call& call : scope.calls_of(statement)) {
        if (&call != whole && std::ranges::find(kPure, scope.target(call)) == kPure.end())
            return false;
    }
    return true;
}

// `self.fail(...)` or `assert False` in a handler says "this error must not happen": right.
bool fails_on_purpose(const TestScope& scope, std::uint32_t statement) {
    const Statement& s = scope.statement(statement);
    if (s.kind == StatementKind::assert_)
        return literal_truth(scope.file, s.primary, s.literal) == false;
    const Call* call = statement_call(scope, statement);
    return call != nullptr && scope.kind_of(*call) == CallKind::fail;
}

// The except clause around `statement`, below the test's def; kNone if none.
std::uint32_t nearest_handler(const TestScope& scope, std::uint32_t statement) {
    const std::uint32_t stop = scope.function.statement;
    for (std::uint32_t up = scope.statement(statement).parent; up != kNone && up != stop;
         up = scope.statement(up).parent) {
        if (scope.statement(up).kind == StatementKind::except_)
            return up;
    }
    return kNone;
}

bool has_assertion_in(const TestScope& scope, StatementRange range) {
    for (std::uint32_t j = range.begin; j < range.end; ++j) {
        if (is_assertion_statement(scope, j))
            return true;
    }
    return false;
}

// The try also fails when nothing is raised: its body ends in an assertion (self.fail("no
// error")), or its else clause asserts.
bool checks_the_no_error_path(const TestScope& scope, std::uint32_t try_statement) {
    if (try_statement == kNone || try_statement < scope.body.begin ||
        try_statement >= scope.body.end)
        return false;
    const StatementRange body = scope.file.body_of(try_statement);
    std::uint32_t last = kNone;
    for (std::uint32_t j = body.begin; j < body.end; j = scope.statement(j).subtree_end)
        last = j;
    if (last != kNone && is_assertion_statement(scope, last))
        return true;
    for (std::uint32_t j = scope.statement(try_statement).subtree_end;
         j < scope.body.end && scope.statement(j).head == try_statement;
         j = scope.statement(j).subtree_end) {
        if (scope.statement(j).kind == StatementKind::else_ &&
            has_assertion_in(scope, scope.file.body_of(j)))
            return true;
    }
    return false;
}

}  // namespace

void check_empty_test(const TestScope& scope, std::vector<RuleFinding>& out) {
    if (scope.empty) {
        report(out, RuleId::empty_test, scope.function.def_line,
               cat({scope.name(), " has an empty body, so it always passes"}));
    }
}

void check_no_assertion(const TestScope& scope, std::vector<RuleFinding>& out) {
    if (!scope.empty && scope.assertion_source == AssertionSource::none) {
        report(out, RuleId::no_assertion, scope.function.def_line,
               cat({scope.name(), " runs code but asserts nothing"}));
    }
}

void check_helper_may_assert(const TestScope& scope, std::vector<RuleFinding>& out) {
    if (!scope.empty && scope.assertion_source == AssertionSource::maybe_helper) {
        report(out, RuleId::helper_may_assert, scope.function.def_line,
               cat({scope.name(), " has no assertion of its own; `", scope.maybe_helper,
                    "` may assert for it"}));
    }
}

void check_assertion_roulette(const TestScope& scope, std::vector<RuleFinding>& out) {
    const std::uint32_t threshold = scope.thresholds.roulette_min_assertions;
    if (threshold == 0 || scope.direct_assertions < threshold)
        return;
    std::uint32_t anonymous = 0;
    for (std::uint32_t i = scope.body.begin; i < scope.body.end; ++i) {
        const Statement& s = scope.statement(i);
        if (s.kind == StatementKind::assert_ && s.secondary.empty())
            ++anonymous;
    }
    for (const Call& call : scope.calls) {
        if (scope.kind_of(call) == CallKind::assertion && !is_unittest_raises(scope.target(call)) &&
            !has_message(scope, call))
            ++anonymous;
    }
    if (anonymous >= threshold) {
        report(out, RuleId::assertion_roulette, scope.function.def_line,
               cat({scope.name(), " has ", std::to_string(anonymous),
                    " assertions without a message; a failure will not say which one broke"}));
    }
}

void check_duplicate_assert(const TestScope& scope, std::vector<RuleFinding>& out) {
    // An assertion repeats another when nothing that could change what it checks ran in
    // between: only assertions separate them. Each other statement starts a new segment.
    std::uint32_t assertions = 0;
    for (const StatementFacts& facts : scope.statement_facts)
        assertions += facts.assertion ? 1 : 0;
    if (assertions < 2)
        return;
    auto& keyed = scope.scratch.keyed;  // (hash of the tokens, segment << 32 | offset)
    keyed.clear();
    std::uint64_t segment = 0;
    for (std::uint32_t i = scope.body.begin; i < scope.body.end; ++i) {
        if (!is_assertion_statement(scope, i) || !only_pure_calls(scope, i) ||
            has_ancestor(scope, i, StatementKind::for_, StatementKind::while_)) {
            ++segment;
            continue;
        }
        keyed.emplace_back(token_text_hash(scope.file, scope.statement(i).tokens),
                           segment << 32 | (i - scope.body.begin));
    }
    if (keyed.size() < 2)
        return;
    // Equal hashes of one segment end up adjacent, in statement order.
    std::sort(keyed.begin(), keyed.end());
    const std::size_t before = out.size();
    std::size_t run_first = 0;
    for (std::size_t k = 1; k < keyed.size(); ++k) {
        const auto& first = keyed[run_first];
        const auto& next = keyed[k];
        const std::uint32_t a = scope.body.begin + static_cast<std::uint32_t>(first.second);
        const std::uint32_t b = scope.body.begin + static_cast<std::uint32_t>(next.second);
        if (first.first != next.first || (first.second >> 32) != (next.second >> 32) ||
            !scope.file.same_tokens(scope.statement(a).tokens, scope.statement(b).tokens)) {
            run_first = k;
            continue;
        }
        report(out, RuleId::duplicate_assert, scope.statement(b).line,
               cat({snippet(scope.file, scope.statement(b).tokens),
                    " repeats the assertion at line ", std::to_string(scope.statement(a).line)}));
    }
    std::sort(out.begin() + static_cast<std::ptrdiff_t>(before), out.end(),
              [](const RuleFinding& x, const RuleFinding& y) { return x.line < y.line; });
}

void check_assert_in_except(const TestScope& scope, std::vector<RuleFinding>& out) {
    if (!scope.has(StatementKind::except_))
        return;
    for (std::uint32_t i = scope.body.begin; i < scope.body.end; ++i) {
        if (!is_assertion_statement(scope, i) || fails_on_purpose(scope, i))
            continue;
        const std::uint32_t handler = nearest_handler(scope, i);
        if (handler == kNone || checks_the_no_error_path(scope, scope.statement(handler).head))
            continue;
        report(out, RuleId::assert_in_except, scope.statement(i).line,
               cat({snippet(scope.file, scope.statement(i).tokens),
                    " only runs if the exception is raised; when nothing is raised the test "
                    "passes without checking"}));
    }
}

}  // namespace qa::detail
