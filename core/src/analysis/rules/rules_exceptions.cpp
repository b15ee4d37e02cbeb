// Rules on exceptions: swallowed ones, and pytest.raises blocks that would pass for the wrong
// error (too broad a type, no match, more than the one statement meant to raise).
#include "test_scope.hpp"

namespace qa::detail {

namespace {

bool is_broad_exception(std::string_view text) {
    return text == "Exception" || text == "BaseException" || text == "builtins.Exception";
}

bool is_pytest_raises(std::string_view target) {
    return target == "pytest.raises" || target == "raises";
}

// A call of raises kind (or assertRaises) that opens an item of the with statement holding it.
bool is_with_context(const TestScope& scope, const Call& call) {
    if (call.parent != kNone || scope.statement(call.statement).kind != StatementKind::with_)
        return false;
    for (const WithItem& item : scope.file.with_items_of(call.statement)) {
        if (item.context.begin == call.target.begin)
            return true;
    }
    return false;
}

TokenRange with_target(const TestScope& scope, const Call& call) {
    for (const WithItem& item : scope.file.with_items_of(call.statement)) {
        if (item.context.begin == call.target.begin)
            return item.target;
    }
    return {};
}

// The test reads `name` after the header of statement `after` (excinfo.value, excinfo.match).
bool used_later(const TestScope& scope, std::uint32_t after, std::string_view name) {
    const std::uint32_t from = scope.statement(after).tokens.end;
    const std::uint32_t to = scope.statement(scope.body.end - 1).tokens.end;
    for (std::uint32_t k = from; k < to; ++k) {
        if (scope.tokens()[k].is_identifier() && scope.file.token_text(k) == name)
            return true;
    }
    return false;
}

std::uint32_t direct_children(const TestScope& scope, std::uint32_t statement) {
    std::uint32_t count = 0;
    const StatementRange body = scope.file.body_of(statement);
    for (std::uint32_t j = body.begin; j < body.end; j = scope.statement(j).subtree_end)
        ++count;
    return count;
}

bool is_trivial_handler_body(const TestScope& scope, std::uint32_t except) {
    const StatementRange body = scope.file.body_of(except);
    if (body.empty())
        return false;
    for (std::uint32_t j = body.begin; j < body.end; ++j) {
        const Statement& s = scope.statement(j);
        const bool trivial =
            s.kind == StatementKind::pass_ || s.kind == StatementKind::continue_ ||
            (s.kind == StatementKind::expression &&
             (s.literal == LiteralKind::ellipsis || s.literal == LiteralKind::string));
        if (!trivial)
            return false;
    }
    return true;
}

}  // namespace

void check_swallowed_exception(const TestScope& scope, std::vector<RuleFinding>& out) {
    if (!scope.has(StatementKind::except_))
        return;
    for (std::uint32_t i = scope.body.begin; i < scope.body.end; ++i) {
        const Statement& s = scope.statement(i);
        if (s.kind != StatementKind::except_)
            continue;
        const std::string_view type = scope.file.text(s.primary);
        if ((!type.empty() && !is_broad_exception(type)) || !is_trivial_handler_body(scope, i))
            continue;
        report(out, RuleId::swallowed_exception, s.line,
               cat({type.empty() ? "a bare `except:`" : cat({"`except ", type, ":`"}),
                    " that does nothing swallows every error, so the test passes whatever "
                    "happens"}));
    }
}

void check_raises_too_broad(const TestScope& scope, std::vector<RuleFinding>& out) {
    if (!scope.has(CallKind::raises) && !scope.has(CallKind::assertion))
        return;  // assertRaises is an assertion call
    for (const Call& call : scope.calls) {
        const std::string_view target = scope.target(call);
        const bool raises =
            is_pytest_raises(target) || last_component(target).starts_with("assertRaises");
        if (!raises || call.arg_count == 0)
            continue;
        TokenRange first[1];
        if (split_arguments(scope.file, call, first) == 0 ||
            !is_broad_exception(scope.file.text(first[0])))
            continue;
        report(out, RuleId::raises_too_broad, scope.statement(call.statement).line,
               cat({target, "(", scope.file.text(first[0]),
                    ") passes for any error, a typo or a wrong argument included"}));
    }
}

void check_raises_without_match(const TestScope& scope, std::vector<RuleFinding>& out) {
    if (!scope.has(CallKind::raises) || !scope.has(StatementKind::with_))
        return;
    for (const Call& call : scope.calls) {
        if (!is_pytest_raises(scope.target(call)) || !is_with_context(scope, call))
            continue;
        bool has_match = false;
        for (const TextSpan keyword : scope.file.keywords_of(call))
            has_match |= scope.file.text(keyword) == "match";
        if (has_match)
            continue;
        const TokenRange target = with_target(scope, call);
        if (target.size() == 1 && used_later(scope, call.statement, scope.file.text(target)))
            continue;  // the message is checked through the ExceptionInfo
        report(out, RuleId::raises_without_match, scope.statement(call.statement).line,
               cat({snippet(scope.file, {call.target.begin, call.close + 1}),
                    " without match=: any error of that type passes, whatever its message"}));
    }
}

void check_multi_statement_raises(const TestScope& scope, std::vector<RuleFinding>& out) {
    if (!scope.has(StatementKind::with_))
        return;
    for (const Call& call : scope.calls) {
        const std::string_view target = scope.target(call);
        const std::string_view last = last_component(target);
        const bool wraps = scope.kind_of(call) == CallKind::raises ||
                           last.starts_with("assertRaises") || last.starts_with("assertWarns");
        if (!wraps || !is_with_context(scope, call))
            continue;
        const std::uint32_t count = direct_children(scope, call.statement);
        if (count > 1) {
            report(out, RuleId::multi_statement_raises, scope.statement(call.statement).line,
                   cat({"the ", target, " block holds ", std::to_string(count),
                        " statements; any of them raising passes the test"}));
        }
    }
}

}  // namespace qa::detail
