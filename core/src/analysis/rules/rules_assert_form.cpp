// Rules on how an assertion is written: always true, always false, a comparison without its
// assert, and asserts that hide what failed.
#include <array>

#include "../structure_parser.hpp"
#include "test_scope.hpp"

namespace qa::detail {

namespace {

template <std::size_t N>
bool is_one_of(std::string_view text, const std::array<std::string_view, N>& words) {
    for (const std::string_view word : words) {
        if (text == word)
            return true;
    }
    return false;
}

constexpr std::array<std::string_view, 3> kAssertTrue{"assertTrue", "assert_", "failUnless"};
constexpr std::array<std::string_view, 2> kAssertFalse{"assertFalse", "failIf"};
constexpr std::array<std::string_view, 10> kAssertSame{
    "assertEqual",     "assertEquals",    "assertIs",       "assertAlmostEqual", "assertCountEqual",
    "assertDictEqual", "assertListEqual", "assertSetEqual", "assert_equal",      "eq_"};
constexpr std::array<std::string_view, 12> kNoseAsserts{"assert_equal",
                                                        "assert_equals",
                                                        "assert_true",
                                                        "assert_false",
                                                        "assert_in",
                                                        "assert_not_in",
                                                        "assert_is_none",
                                                        "assert_is_not_none",
                                                        "assert_not_equal",
                                                        "assert_raises",
                                                        "eq_",
                                                        "ok_"};

// A call or a subscript may build a new object each time (f() == f(), Tuple[int] == Tuple[int]).
bool may_build_values(const ParsedFile& file, TokenRange range) {
    for (std::uint32_t k = range.begin; k < range.end; ++k) {
        if (file.lexed.tokens[k].is(Op::lparen) || file.lexed.tokens[k].is(Op::lbracket))
            return true;
    }
    return false;
}

// The one comparison of `statement` that covers `range` exactly: `a == b`. The links of a chain
// (`a < b < c`) each cover only part of it, and comparisons in brackets start after the bracket.
const Comparison* spanning_comparison(const TestScope& scope, std::uint32_t statement,
                                      TokenRange range) {
    for (const Comparison& c : scope.comparisons_of(statement)) {
        if (c.left.begin == range.begin && c.right.end == range.end)
            return &c;
    }
    return nullptr;
}

bool is_reflexive(CompareOp op) {
    return op == CompareOp::eq || op == CompareOp::is || op == CompareOp::less_eq ||
           op == CompareOp::greater_eq;
}

// `x == x` of a value that is not built on the spot.
bool compares_with_itself(const ParsedFile& file, const Comparison& c) {
    return is_reflexive(c.op) && file.same_tokens(c.left, c.right) &&
           !may_build_values(file, c.left);
}

// Each assertion call statement with its kind's last word and up to two positional arguments.
struct AssertCall {
    const Call* call = nullptr;
    std::string_view last;
    std::array<TokenRange, 2> args{};
    std::size_t arg_count = 0;

    LiteralKind literal(const ParsedFile& file, std::size_t index) const {
        return index == 0 ? call->first_arg_literal : literal_kind(file.lexed.tokens, args[index]);
    }
};

std::optional<AssertCall> assert_call(const TestScope& scope, std::uint32_t statement) {
    const Call* call = statement_call(scope, statement);
    if (call == nullptr || scope.kind_of(*call) != CallKind::assertion)
        return std::nullopt;
    AssertCall out;
    out.call = call;
    out.last = last_component(scope.target(*call));
    out.arg_count = split_arguments(scope.file, *call, out.args);
    return out;
}

}  // namespace

void check_tautological_assert(const TestScope& scope, std::vector<RuleFinding>& out) {
    if (!scope.has(StatementKind::assert_) && !scope.has(CallKind::assertion))
        return;
    const ParsedFile& file = scope.file;
    for (std::uint32_t i = scope.body.begin; i < scope.body.end; ++i) {
        const Statement& s = scope.statement(i);
        if (s.kind == StatementKind::assert_) {
            if ((s.flags & kStmtParenthesizedTuple) != 0) {
                report(out, RuleId::tautological_assert, s.line,
                       cat({"assert ", snippet(file, s.primary),
                            " tests a non-empty tuple, which is always true"}));
            } else if (literal_truth(file, s.primary, s.literal) == true) {
                report(out, RuleId::tautological_assert, s.line,
                       cat({"assert ", snippet(file, s.primary), " is always true"}));
            } else if (const Comparison* c = spanning_comparison(scope, i, s.primary);
                       c != nullptr && compares_with_itself(file, *c)) {
                report(out, RuleId::tautological_assert, s.line,
                       cat({"assert ", snippet(file, s.primary), " compares a value with itself"}));
            }
            continue;
        }
        const auto call = assert_call(scope, i);
        if (!call || call->arg_count == 0)
            continue;
        const auto truth = literal_truth(file, call->args[0], call->literal(file, 0));
        if ((is_one_of(call->last, kAssertTrue) && truth == true) ||
            (is_one_of(call->last, kAssertFalse) && truth == false) ||
            (call->last == "assertIsNone" && call->literal(file, 0) == LiteralKind::none_)) {
            report(out, RuleId::tautological_assert, s.line,
                   cat({snippet(file, s.primary), " checks a constant and always passes"}));
        } else if (is_one_of(call->last, kAssertSame) && call->arg_count >= 2 &&
                   file.same_tokens(call->args[0], call->args[1]) &&
                   !may_build_values(file, call->args[0])) {
            report(out, RuleId::tautological_assert, s.line,
                   cat({snippet(file, s.primary), " compares a value with itself"}));
        }
    }
}

void check_constant_false_assert(const TestScope& scope, std::vector<RuleFinding>& out) {
    if (!scope.has(StatementKind::assert_) && !scope.has(CallKind::assertion))
        return;
    const ParsedFile& file = scope.file;
    for (std::uint32_t i = scope.body.begin; i < scope.body.end; ++i) {
        const Statement& s = scope.statement(i);
        if (s.kind == StatementKind::assert_) {
            if ((s.flags & kStmtParenthesizedTuple) == 0 &&
                literal_truth(file, s.primary, s.literal) == false) {
                report(out, RuleId::constant_false_assert, s.line,
                       cat({"assert ", snippet(file, s.primary),
                            " always fails; pytest.fail(\"why\") says what went wrong"}));
            }
            continue;
        }
        const auto call = assert_call(scope, i);
        if (!call || call->arg_count == 0)
            continue;
        const auto truth = literal_truth(file, call->args[0], call->literal(file, 0));
        if ((is_one_of(call->last, kAssertTrue) && truth == false) ||
            (is_one_of(call->last, kAssertFalse) && truth == true)) {
            report(out, RuleId::constant_false_assert, s.line,
                   cat({snippet(file, s.primary), " always fails; self.fail(\"why\") says why"}));
        }
    }
}

namespace {

// Inside `try:` or a raises/assertRaises block, a comparison may be there to raise.
bool expects_an_error(const TestScope& scope, std::uint32_t statement) {
    const std::uint32_t stop = scope.function.statement;
    for (std::uint32_t up = scope.statement(statement).parent; up != kNone && up != stop;
         up = scope.statement(up).parent) {
        const Statement& s = scope.statement(up);
        if (s.kind == StatementKind::try_)
            return true;
        if (s.kind != StatementKind::with_)
            continue;
        for (const Call& call : scope.file.calls_of(up)) {
            const std::string_view target = scope.target(call);
            if (classify_call(target) == CallKind::raises || is_unittest_raises(target))
                return true;
        }
    }
    return false;
}

}  // namespace

void check_bare_comparison(const TestScope& scope, std::vector<RuleFinding>& out) {
    if (scope.comparisons.empty())
        return;
    const ParsedFile& file = scope.file;
    for (std::uint32_t i = scope.body.begin; i < scope.body.end; ++i) {
        const Statement& s = scope.statement(i);
        if (s.kind != StatementKind::expression || (s.flags & kStmtComprehension) != 0 ||
            expects_an_error(scope, i))
            continue;
        bool starts = false;
        bool ends = false;
        for (const Comparison& c : scope.comparisons_of(i)) {
            starts |= c.left.begin == s.primary.begin;
            ends |= c.right.end == s.primary.end;
        }
        if (starts && ends) {
            const std::string text = snippet(file, s.primary);
            report(
                out, RuleId::bare_comparison, s.line,
                cat({"`", text, "` is computed and thrown away; `assert ", text, "` was meant"}));
        }
    }
}

namespace {

// assertTrue(a == b) and friends: the specific assert that shows both values.
std::string_view better_unittest_assert(CompareOp op, bool negated) {
    switch (op) {
        case CompareOp::eq:
            return negated ? "assertNotEqual" : "assertEqual";
        case CompareOp::ne:
            return negated ? "assertEqual" : "assertNotEqual";
        case CompareOp::in:
            return negated ? "assertNotIn" : "assertIn";
        case CompareOp::not_in:
            return negated ? "assertIn" : "assertNotIn";
        case CompareOp::is:
            return negated ? "assertIsNot" : "assertIs";
        case CompareOp::is_not:
            return negated ? "assertIs" : "assertIsNot";
        case CompareOp::less:
            return negated ? "assertGreaterEqual" : "assertLess";
        case CompareOp::greater:
            return negated ? "assertLessEqual" : "assertGreater";
        case CompareOp::less_eq:
            return negated ? "assertGreater" : "assertLessEqual";
        case CompareOp::greater_eq:
            return negated ? "assertLess" : "assertGreaterEqual";
    }
    return "assertEqual";
}

void check_assert_statement_form(const TestScope& scope, std::uint32_t i,
                                 std::vector<RuleFinding>& out) {
    const ParsedFile& file = scope.file;
    const Statement& s = scope.statement(i);
    const Comparison* c = spanning_comparison(scope, i, s.primary);
    if (c == nullptr || (c->op != CompareOp::eq && c->op != CompareOp::ne))
        return;
    const LiteralKind right = literal_kind(file.lexed.tokens, c->right);
    const bool eq = c->op == CompareOp::eq;
    // Snippets are built only for a finding: most equality asserts compare with other values.
    if (right == LiteralKind::none_) {
        report(out, RuleId::suboptimal_assert, s.line,
               cat({"assert ", snippet(file, s.primary), ": compare with None using `",
                    snippet(file, c->left), eq ? " is None`" : " is not None`"}));
    } else if (right == LiteralKind::true_ || right == LiteralKind::false_) {
        const bool truthy = (right == LiteralKind::true_) == eq;
        report(out, RuleId::suboptimal_assert, s.line,
               cat({"assert ", snippet(file, s.primary), ": write `assert ", truthy ? "" : "not ",
                    snippet(file, c->left), "`"}));
    }
}

void check_assert_call_form(const TestScope& scope, std::uint32_t i, const AssertCall& call,
                            std::vector<RuleFinding>& out) {
    const ParsedFile& file = scope.file;
    const Statement& s = scope.statement(i);
    const std::string_view target = scope.target(*call.call);
    // self.assertX in a Test* class means a unittest mixin (pytest gives no self.assertX);
    // a TestCase built by hand (case.assertEqual) or nose's asserts are the pytest misuse.
    const bool pytest_style = scope.function.style != TestStyle::unittest_method;
    const std::string_view receiver = target.size() > call.last.size()
                                          ? target.substr(0, target.size() - call.last.size() - 1)
                                          : std::string_view();
    const bool unittest_assert = call.last.size() > 6 && call.last[6] >= 'A' &&
                                 call.last[6] <= 'Z' && !receiver.empty() && receiver != "self" &&
                                 receiver != "cls";
    if (pytest_style &&
        (unittest_assert || is_one_of(target, kNoseAsserts) || target.starts_with("nose.tools."))) {
        report(out, RuleId::suboptimal_assert, s.line,
               cat({target, " in a pytest test; a plain assert shows both values"}));
        return;
    }
    if ((call.last == "assertEqual" || call.last == "assertEquals") && call.arg_count >= 2) {
        for (std::size_t a = 0; a < 2; ++a) {
            const LiteralKind literal = call.literal(file, a);
            std::string_view better;
            if (literal == LiteralKind::true_)
                better = "assertTrue";
            else if (literal == LiteralKind::false_)
                better = "assertFalse";
            else if (literal == LiteralKind::none_)
                better = "assertIsNone";
            if (!better.empty()) {
                report(out, RuleId::suboptimal_assert, s.line,
                       cat({snippet(file, s.primary), ": ", better, " says it directly"}));
                return;
            }
        }
    }
    const bool negated = is_one_of(call.last, kAssertFalse);
    if ((negated || is_one_of(call.last, kAssertTrue)) && call.arg_count >= 1) {
        const TokenRange arg = call.args[0];
        std::string_view better;
        if (const Comparison* c = spanning_comparison(scope, i, arg)) {
            better = better_unittest_assert(c->op, negated);
        } else if (file.text(arg).starts_with("isinstance(") &&
                   file.tokens()[arg.end - 1].is(Op::rparen)) {
            better = negated ? "assertNotIsInstance" : "assertIsInstance";
        }
        if (!better.empty()) {
            report(out, RuleId::suboptimal_assert, s.line,
                   cat({snippet(file, s.primary), " hides both values on failure; use ", better}));
        }
    }
}

}  // namespace

void check_suboptimal_assert(const TestScope& scope, std::vector<RuleFinding>& out) {
    if (!scope.has(StatementKind::assert_) && !scope.has(CallKind::assertion))
        return;
    for (std::uint32_t i = scope.body.begin; i < scope.body.end; ++i) {
        if (scope.statement(i).kind == StatementKind::assert_) {
            check_assert_statement_form(scope, i, out);
        } else if (const auto call = assert_call(scope, i)) {
            check_assert_call_form(scope, i, *call, out);
        }
    }
}

}  // namespace qa::detail
