// The uncertain rules: smells the rules can point at but not judge (logic in a test, a test of
// many methods at once, a test that reaches outside the process). They only shortlist.
#include <algorithm>
#include <array>

#include "test_scope.hpp"

namespace qa::detail {

namespace {

bool is_branch_or_loop(StatementKind kind) {
    return kind == StatementKind::if_ || kind == StatementKind::elif_ ||
           kind == StatementKind::for_ || kind == StatementKind::while_ ||
           kind == StatementKind::match_;
}

std::string_view keyword_of(StatementKind kind) {
    return kind == StatementKind::match_ ? "match" : to_string(kind);
}

// The receiver is a module the file imports (`json.dumps`, `os.path.join`), not an object.
bool is_imported_module(const ParsedFile& file, std::string_view receiver) {
    const std::string_view first = first_component(receiver);
    return std::ranges::any_of(file.imports, [&](const Import& import) {
        if (import.is_from)
            return !import.alias.empty() ? file.text(import.alias) == first
                                         : file.text(import.name) == first;
        return !import.alias.empty() ? file.text(import.alias) == first
                                     : first_component(file.text(import.module)) == first;
    });
}

bool isolating_parameter(std::string_view name) {
    static constexpr std::array<std::string_view, 8> kNames{
        "monkeypatch", "mocker",    "fs",         "requests_mock",
        "httpx_mock",  "responses", "httpserver", "respx_mock"};
    return std::ranges::find(kNames, name) != kNames.end() ||
           name.find("tmp") != std::string_view::npos ||
           name.find("mock") != std::string_view::npos ||
           name.find("fake") != std::string_view::npos;
}

bool mentions_temporary(std::string_view text) {
    return text.find("tmp") != std::string_view::npos ||
           text.find("temp") != std::string_view::npos ||
           text.find("Temporary") != std::string_view::npos;
}

// The test replaces what it touches: a temporary directory, monkeypatch or a mock.
bool is_isolated(const TestScope& scope) {
    const ParsedFile& file = scope.file;
    for (const Parameter& parameter : file.parameters_of(scope.function)) {
        if (isolating_parameter(file.text(parameter.name)))
            return true;
    }
    for (const Decorator& decorator : file.decorators_of(scope.function)) {
        if (classify_call(file.text(decorator.name)) == CallKind::mock)
            return true;
    }
    for (const Call& call : scope.calls) {
        if (scope.kind_of(call) == CallKind::mock || mentions_temporary(scope.target(call)))
            return true;
    }
    return false;
}

bool imports_os(const ParsedFile& file) {
    return std::ranges::any_of(file.imports, [&](const Import& import) {
        return !import.is_from && file.text(import.module) == "os";
    });
}

// os.environ read or written in the body. A token scan that looks at a name's text only when its
// length is right: cheaper than searching the source for "environ" first, which stops at
// every 'e'.
std::uint32_t environ_line(const TestScope& scope) {
    const auto& tokens = scope.tokens();
    if (scope.body.empty() || !imports_os(scope.file))
        return 0;
    const std::uint32_t from = scope.statement(scope.body.begin).tokens.begin;
    const std::uint32_t to = scope.statement(scope.body.end - 1).tokens.end;
    for (std::uint32_t k = from + 2; k < to; ++k) {
        if (tokens[k].is_identifier() && tokens[k].end - tokens[k].begin == 7 &&
            scope.file.token_text(k) == "environ" && tokens[k - 1].is(Op::dot) &&
            scope.file.token_text(k - 2) == "os")
            return tokens[k].line;
    }
    return 0;
}

}  // namespace

void check_conditional_logic(const TestScope& scope, std::vector<RuleFinding>& out) {
    if (!scope.has(StatementKind::if_) && !scope.has(StatementKind::for_) &&
        !scope.has(StatementKind::while_) && !scope.has(StatementKind::match_))
        return;  // an elif always follows an if
    std::uint32_t count = 0;
    std::uint32_t first = kNone;
    for (std::uint32_t i = scope.body.begin; i < scope.body.end; ++i) {
        if (is_branch_or_loop(scope.statement(i).kind)) {
            first = count == 0 ? i : first;
            ++count;
        }
    }
    if (count == 0)
        return;
    const Statement& s = scope.statement(first);
    report(out, RuleId::conditional_logic, s.line,
           cat({scope.name(), " has ", std::to_string(count),
                count == 1 ? " branch or loop" : " branches or loops", " (first: `",
                keyword_of(s.kind), "`); what it checks may depend on the path taken"}));
}

void check_eager_test(const TestScope& scope, std::vector<RuleFinding>& out) {
    const std::uint32_t threshold = scope.thresholds.eager_min_methods;
    if (threshold == 0 || scope.calls.size() < threshold)
        return;
    auto& pairs = scope.scratch.pairs;  // (receiver, method)
    pairs.clear();
    for (const Call& call : scope.calls) {
        if (scope.kind_of(call) != CallKind::other || (call.flags & kCallOnResult) != 0)
            continue;
        const std::string_view target = scope.target(call);
        const std::size_t dot = target.rfind('.');
        if (dot == std::string_view::npos)
            continue;
        const std::string_view receiver = target.substr(0, dot);
        if (receiver == "self" || receiver == "cls")
            continue;  // the test class's own helpers
        pairs.emplace_back(receiver, target.substr(dot + 1));
    }
    if (pairs.size() < threshold)
        return;
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    std::string_view busiest;
    std::uint32_t most = 0;
    for (std::size_t k = 0; k < pairs.size();) {
        std::size_t end = k;
        while (end < pairs.size() && pairs[end].first == pairs[k].first)
            ++end;
        const auto count = static_cast<std::uint32_t>(end - k);
        if (count >= threshold && count > most && !is_imported_module(scope.file, pairs[k].first)) {
            most = count;
            busiest = pairs[k].first;
        }
        k = end;
    }
    if (most == 0)
        return;
    report(out, RuleId::eager_test, scope.function.def_line,
           cat({scope.name(), " calls ", std::to_string(most), " methods of `", busiest,
                "`; it may check several behaviours at once"}));
}

void check_mystery_guest(const TestScope& scope, std::vector<RuleFinding>& out) {
    const Call* first_io = nullptr;
    std::uint32_t io_calls = 0;
    for (const Call& call : scope.has(CallKind::io) ? scope.calls : std::span<const Call>()) {
        if (scope.kind_of(call) != CallKind::io || mentions_temporary(scope.file.text(call.args())))
            continue;
        first_io = first_io == nullptr ? &call : first_io;
        ++io_calls;
    }
    const std::uint32_t environ = first_io == nullptr ? environ_line(scope) : 0;
    if ((first_io == nullptr && environ == 0) || is_isolated(scope))
        return;
    std::string what =
        first_io != nullptr ? cat({scope.target(*first_io), "()"}) : std::string("os.environ");
    if (io_calls > 1)
        what += cat({" and ", std::to_string(io_calls - 1), " more"});
    const std::uint32_t line =
        first_io != nullptr ? scope.statement(first_io->statement).line : environ;
    report(out, RuleId::mystery_guest, line,
           cat({scope.name(), " uses ", what,
                " without tmp_path, monkeypatch or a mock; it may depend on the machine"}));
}

}  // namespace qa::detail
