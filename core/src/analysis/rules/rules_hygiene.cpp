// Rules on test hygiene: fixed sleeps, skips without a reason, prints.
#include <array>

#include "test_scope.hpp"

namespace qa::detail {

namespace {

enum class SkipForm : std::uint8_t {
    not_a_skip,
    reason_first,    // skip("why") or skip(reason="why")
    reason_keyword,  // skipif(cond, reason="why"), xfail(reason="why")
    reason_second,   // unittest.skipIf(cond, "why")
};

SkipForm skip_form(std::string_view name) {
    static constexpr std::array<std::string_view, 4> kFirst{"pytest.mark.skip", "mark.skip",
                                                            "unittest.skip", "skip"};
    static constexpr std::array<std::string_view, 4> kKeyword{"pytest.mark.skipif", "mark.skipif",
                                                              "pytest.mark.xfail", "mark.xfail"};
    static constexpr std::array<std::string_view, 4> kSecond{
        "unittest.skipIf", "unittest.skipUnless", "skipIf", "skipUnless"};
    for (const auto word : kFirst) {
        if (name == word)
            return SkipForm::reason_first;
    }
    for (const auto word : kKeyword) {
        if (name == word)
            return SkipForm::reason_keyword;
    }
    for (const auto word : kSecond) {
        if (name == word)
            return SkipForm::reason_second;
    }
    return SkipForm::not_a_skip;
}

// Whether the arguments inside a decorator's parentheses give a reason, by `form`.
bool gives_reason(const ParsedFile& file, TokenRange args, SkipForm form) {
    const auto& tokens = file.lexed.tokens;
    std::uint32_t depth = 0;
    std::uint32_t positional = 0;
    bool first_is_string = false;
    bool at_argument_start = true;
    for (std::uint32_t k = args.begin; k < args.end; ++k) {
        const Token& token = tokens[k];
        if (at_argument_start && depth == 0) {
            at_argument_start = false;
            const bool keyword =
                k + 1 < args.end && token.kind == TokenKind::name && tokens[k + 1].is(Op::assign);
            if (keyword && file.token_text(k) == "reason")
                return true;
            if (!keyword) {
                first_is_string |= positional == 0 && token.kind == TokenKind::string;
                ++positional;
            }
        }
        if (token.kind != TokenKind::op)
            continue;
        if (is_opening_bracket(token.op())) {
            ++depth;
        } else if (is_closing_bracket(token.op())) {
            depth -= depth > 0 ? 1 : 0;
        } else if (depth == 0 && token.is(Op::comma)) {
            at_argument_start = true;
        }
    }
    switch (form) {
        case SkipForm::reason_first:
            return first_is_string;
        case SkipForm::reason_second:
            return positional >= 2;
        default:
            return false;
    }
}

}  // namespace

void check_sleepy_test(const TestScope& scope, std::vector<RuleFinding>& out) {
    if (!scope.has(CallKind::sleep))
        return;
    for (const Call& call : scope.calls) {
        if (scope.kind_of(call) != CallKind::sleep || call.first_arg_literal != LiteralKind::number)
            continue;
        TokenRange first[1];
        if (split_arguments(scope.file, call, first) == 0 ||
            literal_truth(scope.file, first[0], LiteralKind::number) != true)
            continue;  // sleep(0) only yields to other tasks
        report(out, RuleId::sleepy_test, scope.statement(call.statement).line,
               cat({snippet(scope.file, {call.target.begin, call.close + 1}),
                    " makes the test slower and dependent on timing"}));
    }
}

void check_skip_without_reason(const TestScope& scope, std::vector<RuleFinding>& out) {
    const ParsedFile& file = scope.file;
    for (const Decorator& decorator : file.decorators_of(scope.function)) {
        const std::string_view name = file.text(decorator.name);
        const SkipForm form = skip_form(name);
        if (form == SkipForm::not_a_skip)
            continue;
        if (decorator.is_call && gives_reason(file, decorator.args, form))
            continue;
        report(out, RuleId::skip_without_reason, decorator.line,
               cat({"@", name, " without a reason: nobody will know when to remove it"}));
    }
    for (const Call& call : scope.has(CallKind::skip) ? scope.calls : std::span<const Call>()) {
        if (scope.kind_of(call) != CallKind::skip || call.arg_count > 0 ||
            scope.target(call) == "pytest.importorskip")
            continue;
        report(
            out, RuleId::skip_without_reason, scope.statement(call.statement).line,
            cat({scope.target(call), "() without a reason: nobody will know when to remove it"}));
    }
}

void check_print_in_test(const TestScope& scope, std::vector<RuleFinding>& out) {
    if (!scope.has(CallKind::print))
        return;
    for (const Call& call : scope.calls) {
        if (scope.kind_of(call) != CallKind::print)
            continue;
        report(out, RuleId::print_in_test, scope.statement(call.statement).line,
               cat({scope.target(call),
                    "() in a test writes output nobody checks; assert on it (capsys) instead"}));
    }
}

}  // namespace qa::detail
