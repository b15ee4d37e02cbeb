// The facts and helpers the rules share.
#include "test_scope.hpp"

#include <algorithm>
#include <array>

namespace qa::detail {

namespace {

// Resolving callees to helpers is a search over the file's functions and imports; it stops
// after this many calls so an enormous assertion-free test stays linear.
constexpr std::size_t kMaxResolvedCalls = 32;

// A docstring holding a doctest (">>> "): the doctest module checks its output.
bool is_doctest(const ParsedFile& file, const Statement& s) {
    return s.kind == StatementKind::expression && s.literal == LiteralKind::string &&
           file.text(s.primary).find(">>>") != std::string_view::npos;
}

bool is_trivial(const ParsedFile& file, const Statement& s) {
    return s.kind == StatementKind::pass_ ||
           (s.kind == StatementKind::expression &&
            (s.literal == LiteralKind::ellipsis ||
             (s.literal == LiteralKind::string && !is_doctest(file, s))));
}

// Decorators that do not check anything themselves: marks, skips, patches, fixtures.
bool is_plain_decorator(std::string_view name) {
    static constexpr std::array<std::string_view, 8> kPrefixes{
        "pytest.mark.",    "mark.",          "unittest.skip", "skip", "unittest.expectedFailure",
        "expectedFailure", "pytest.fixture", "fixture"};
    return std::ranges::any_of(kPrefixes,
                               [&](std::string_view p) { return name.starts_with(p); }) ||
           name == "staticmethod" || name == "classmethod" || classify_call(name) == CallKind::mock;
}

bool is_assertion_kind(CallKind kind) {
    return kind == CallKind::assertion || kind == CallKind::fail || kind == CallKind::raises;
}

const Function* resolve_local(const ParsedFile& file, const Function& test,
                              std::string_view target);

// Helpers are followed this deep (a test calls a helper that calls a helper...), each level
// looking at this many calls, so the search stays small whatever the file.
constexpr int kMaxHelperDepth = 3;
constexpr std::size_t kMaxHelperCalls = 16;

// What a helper of this file does about assertions: asserts itself (or through helpers of its
// own), or calls something that may.
AssertionSource helper_source(const ParsedFile& file, const Function& helper, int depth) {
    const StatementRange body = file.body_of(helper);
    for (std::uint32_t i = body.begin; i < body.end; ++i) {
        if (file.statements[i].kind == StatementKind::assert_)
            return AssertionSource::local_helper;
    }
    bool maybe = false;
    const auto calls = file.calls_in(body);
    for (const Call& call : calls.first(std::min(calls.size(), kMaxHelperCalls))) {
        const std::string_view target = file.text(call.target);
        const CallKind kind = classify_call(target);
        if (is_assertion_kind(kind))
            return AssertionSource::local_helper;
        maybe |= kind == CallKind::check_helper;
        if (kind != CallKind::other || depth <= 1)
            continue;
        if (const Function* next = resolve_local(file, helper, target)) {
            const AssertionSource source = helper_source(file, *next, depth - 1);
            if (source == AssertionSource::local_helper)
                return source;
            maybe |= source == AssertionSource::maybe_helper;
        }
    }
    return maybe ? AssertionSource::maybe_helper : AssertionSource::none;
}

// The def of this file that `target` names from inside `test`: a module-level function for a
// bare name; for self.x / cls.x a method of the test's class, else of another class of the file
// (a base defined here, most likely).
const Function* resolve_local(const ParsedFile& file, const Function& test,
                              std::string_view target) {
    const bool on_self = target.starts_with("self.") || target.starts_with("cls.");
    const std::string_view name = on_self ? target.substr(target.find('.') + 1) : target;
    if (name.find('.') != std::string_view::npos || (on_self && test.class_index == kNone))
        return nullptr;
    const Function* elsewhere = nullptr;
    for (const Function& candidate : file.functions) {
        if (&candidate == &test || file.text(candidate.name) != name)
            continue;
        if (candidate.class_index == (on_self ? test.class_index : kNone))
            return &candidate;
        if (on_self && candidate.class_index != kNone && elsewhere == nullptr)
            elsewhere = &candidate;
    }
    return elsewhere;
}

// A bare name imported from a module that sounds like test support (helpers, conftest...).
bool imported_from_support(const ParsedFile& file, std::string_view name) {
    static constexpr std::array<std::string_view, 8> kSupportWords{
        "test", "helper", "assert", "check", "conftest", "util", "support", "fixture"};
    for (const Import& import : file.imports) {
        const std::string_view bound =
            !import.alias.empty() ? file.text(import.alias) : file.text(import.name);
        if (bound != name)
            continue;
        const std::string_view module = file.text(import.module);
        return std::ranges::any_of(kSupportWords, [&](std::string_view word) {
            return module.find(word) != std::string_view::npos;
        });
    }
    return false;
}

bool all_zero_digits(std::string_view digits, bool hex) {
    for (const char c : digits) {
        const bool digit = c >= '0' && c <= '9';
        const bool hex_digit = hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
        if ((digit && c != '0') || hex_digit)
            return false;
    }
    return true;
}

// A number literal's text is zero: 0, 0.0, -0, 0x0, 0e5, 0j.
bool is_zero_number(std::string_view text) {
    while (!text.empty() && (text.front() == '-' || text.front() == '+' || text.front() == ' '))
        text.remove_prefix(1);
    if (text.size() > 2 && text[0] == '0') {
        const char base = static_cast<char>(text[1] | 0x20);
        if (base == 'x')
            return all_zero_digits(text.substr(2), true);
        if (base == 'o' || base == 'b')
            return all_zero_digits(text.substr(2), false);
    }
    const std::size_t exponent = text.find_first_of("eEjJ");
    return all_zero_digits(text.substr(0, exponent), false);
}

// The characters between a string literal's quotes are none.
bool is_empty_string_token(std::string_view text) {
    std::size_t prefix = 0;
    while (prefix < text.size() && text[prefix] != '"' && text[prefix] != '\'')
        ++prefix;
    const std::size_t quotes = text.size() - prefix;
    const bool triple =
        quotes >= 6 && text[prefix] == text[prefix + 1] && text[prefix] == text[prefix + 2];
    return quotes == (triple ? 6u : 2u);
}

}  // namespace

namespace {

// Per statement: its calls and comparisons (both tables are sorted by statement, so one merge
// walk finds them), the call that is the whole statement, and whether it asserts.
void index_statements(TestScope& scope) {
    auto& facts = scope.scratch.statement_facts;
    facts.assign(scope.body.size(), StatementFacts{});
    for (std::size_t k = 0; k < scope.calls.size(); ++k) {
        StatementFacts& f = facts[scope.calls[k].statement - scope.body.begin];
        if (f.call_count++ == 0)
            f.first_call = static_cast<std::uint32_t>(k);
    }
    for (std::size_t k = 0; k < scope.comparisons.size(); ++k) {
        StatementFacts& f = facts[scope.comparisons[k].statement - scope.body.begin];
        if (f.comparison_count++ == 0)
            f.first_comparison = static_cast<std::uint32_t>(k);
    }
    for (std::uint32_t i = scope.body.begin; i < scope.body.end; ++i) {
        const Statement& s = scope.statement(i);
        StatementFacts& f = facts[i - scope.body.begin];
        if (s.kind == StatementKind::assert_) {
            f.assertion = true;
            continue;
        }
        if (s.kind != StatementKind::expression || s.primary.empty() || f.call_count == 0)
            continue;
        // Calls are recorded at their '(' in source order, so the outermost comes first.
        const Call& first = scope.calls[f.first_call];
        if (!first.target.empty() && first.target.begin == s.primary.begin &&
            first.close + 1 == s.primary.end && (first.flags & kCallUnclosed) == 0) {
            f.whole_call = f.first_call;
            const CallKind kind = scope.call_kinds[f.first_call];
            f.assertion = kind == CallKind::assertion || kind == CallKind::fail;
        }
    }
}

}  // namespace

// `eq = self.assertEqual`, then `eq(a, b)`: calls of such an alias are assertions too.
void mark_assertion_aliases(TestScope& scope) {
    std::array<std::string_view, 8> aliases;
    std::size_t count = 0;
    for (std::uint32_t i = scope.body.begin; i < scope.body.end && count < aliases.size(); ++i) {
        const Statement& s = scope.statement(i);
        // A dotted name is name(.name)*: an odd number of tokens, a name last.
        if (s.kind != StatementKind::assignment || (s.flags & kStmtAugmented) != 0 ||
            s.secondary.size() != 1 || !scope.tokens()[s.secondary.begin].is_identifier() ||
            s.primary.size() % 2 == 0 || s.primary.size() > 9 ||
            !scope.tokens()[s.primary.end - 1].is_identifier())
            continue;
        const std::string_view value = scope.file.text(s.primary);
        const std::string_view last = last_component(value);
        const bool dotted_name = value.find_first_of("([ ") == std::string_view::npos;
        if (dotted_name && (last.find("assert") != std::string_view::npos ||
                            last.find("Assert") != std::string_view::npos))
            aliases[count++] = scope.file.text(s.secondary);
    }
    for (std::size_t k = 0; count > 0 && k < scope.calls.size(); ++k) {
        const std::string_view target = scope.target(scope.calls[k]);
        if (scope.call_kinds[k] == CallKind::other &&
            std::find(aliases.begin(), aliases.begin() + count, target) != aliases.begin() + count)
            scope.scratch.call_kinds[k] = CallKind::assertion;
    }
}

void gather_facts(TestScope& scope) {
    mark_assertion_aliases(scope);
    index_statements(scope);
    scope.statement_facts = scope.scratch.statement_facts;
    scope.empty = true;
    scope.direct_assertions = 0;
    scope.statement_kinds = 0;
    scope.call_kinds_seen = 0;
    for (std::uint32_t i = scope.body.begin; i < scope.body.end; ++i) {
        const Statement& s = scope.statement(i);
        scope.statement_kinds |= std::uint32_t{1} << static_cast<unsigned>(s.kind);
        scope.empty &= is_trivial(scope.file, s);
        scope.direct_assertions +=
            s.kind == StatementKind::assert_ || is_doctest(scope.file, s) ? 1 : 0;
    }
    for (const CallKind kind : scope.call_kinds) {
        scope.call_kinds_seen |= std::uint32_t{1} << static_cast<unsigned>(kind);
        scope.direct_assertions += is_assertion_kind(kind) ? 1 : 0;
    }

    scope.maybe_helper = {};
    if (scope.direct_assertions > 0) {
        scope.assertion_source = AssertionSource::direct;
        return;
    }
    scope.assertion_source = AssertionSource::none;
    if (scope.empty)
        return;
    const std::size_t limit = std::min(scope.calls.size(), kMaxResolvedCalls);
    for (std::size_t k = 0; k < limit; ++k) {
        const std::string_view target = scope.target(scope.calls[k]);
        const CallKind kind = scope.call_kinds[k];
        if (kind != CallKind::other && kind != CallKind::check_helper)
            continue;
        // A helper of this file is read, not guessed at; a checker from elsewhere may assert.
        // So may a method the test's class inherits from a base defined elsewhere.
        AssertionSource source = AssertionSource::none;
        if (const Function* helper = resolve_local(scope.file, scope.function, target)) {
            source = helper_source(scope.file, *helper, kMaxHelperDepth);
        } else if (kind == CallKind::check_helper || imported_from_support(scope.file, target) ||
                   (target.starts_with("self.") && target.find('.', 5) == std::string_view::npos &&
                    class_has_bases(scope.file, scope.function.class_index))) {
            source = AssertionSource::maybe_helper;
        }
        if (source == AssertionSource::local_helper) {
            scope.assertion_source = source;
            scope.maybe_helper = {};
            return;
        }
        if (source == AssertionSource::maybe_helper &&
            scope.assertion_source == AssertionSource::none) {
            scope.assertion_source = source;
            scope.maybe_helper = target;
        }
    }
    // A decorator of its own (@jump_test(...)) may run the test and check what it did.
    if (scope.assertion_source == AssertionSource::none) {
        for (const Decorator& decorator : scope.file.decorators_of(scope.function)) {
            const std::string_view name = scope.file.text(decorator.name);
            if (!is_plain_decorator(name)) {
                scope.assertion_source = AssertionSource::maybe_helper;
                scope.maybe_helper = name;
                break;
            }
        }
    }
}

bool class_has_bases(const ParsedFile& file, std::uint32_t class_index) {
    if (class_index == kNone || class_index >= file.classes.size())
        return false;
    const std::string_view bases =
        file.text(file.statements[file.classes[class_index].statement].primary);
    return !bases.empty() && bases != "object";
}

bool has_ancestor(const TestScope& scope, std::uint32_t statement, StatementKind kind,
                  StatementKind also) {
    const std::uint32_t stop = scope.function.statement;
    for (std::uint32_t up = scope.statement(statement).parent; up != kNone && up != stop;
         up = scope.statement(up).parent) {
        const StatementKind k = scope.statement(up).kind;
        if (k == kind || (also != StatementKind::expression && k == also))
            return true;
    }
    return false;
}

const Call* statement_call(const TestScope& scope, std::uint32_t statement) {
    const std::uint32_t whole = scope.facts(statement).whole_call;
    return whole == kNone ? nullptr : &scope.calls[whole];
}

bool is_assertion_statement(const TestScope& scope, std::uint32_t statement) {
    return scope.facts(statement).assertion;
}

std::size_t split_arguments(const ParsedFile& file, const Call& call, std::span<TokenRange> out) {
    const auto& tokens = file.lexed.tokens;
    std::size_t count = 0;
    std::uint32_t start = call.open + 1;
    std::uint32_t depth = 0;
    const auto emit = [&](std::uint32_t end) {
        if (start >= end || count >= out.size())
            return false;
        const Token& first = tokens[start];
        const bool keyword =
            end > start + 1 && first.kind == TokenKind::name && tokens[start + 1].is(Op::assign);
        const bool starred = first.is(Op::star) || first.is(Op::power);
        if (keyword || starred)
            return true;  // positional arguments only, and none after a keyword
        out[count++] = {start, end};
        return false;
    };
    for (std::uint32_t k = call.open + 1; k < call.close && k < tokens.size(); ++k) {
        const Token& token = tokens[k];
        if (token.kind != TokenKind::op)
            continue;
        if (is_opening_bracket(token.op())) {
            ++depth;
        } else if (is_closing_bracket(token.op())) {
            depth -= depth > 0 ? 1 : 0;
        } else if (depth == 0 && token.is(Op::comma)) {
            if (emit(k))
                return count;
            start = k + 1;
        }
    }
    emit(call.close);
    return count;
}

std::optional<bool> literal_truth(const ParsedFile& file, TokenRange range, LiteralKind kind) {
    switch (kind) {
        case LiteralKind::true_:
        case LiteralKind::ellipsis:
            return true;
        case LiteralKind::false_:
        case LiteralKind::none_:
            return false;
        case LiteralKind::number:
            return !is_zero_number(file.text(range));
        case LiteralKind::string:
        case LiteralKind::bytes:
            for (std::uint32_t k = range.begin; k < range.end; ++k) {
                if (!is_empty_string_token(file.token_text(k)))
                    return true;
            }
            return false;
        case LiteralKind::none:
            return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace qa::detail
