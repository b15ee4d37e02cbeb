// The words enums are reported with (diagnostics, rule messages, JSON).
#include "qa/analysis/definitions.hpp"
#include "qa/analysis/diagnostic.hpp"
#include "qa/analysis/statement.hpp"

#include <iterator>

namespace qa {

std::string_view to_string(DiagnosticKind kind) {
    switch (kind) {
        case DiagnosticKind::invalid_utf8:
            return "invalid_utf8";
        case DiagnosticKind::invalid_character:
            return "invalid_character";
        case DiagnosticKind::unterminated_string:
            return "unterminated_string";
        case DiagnosticKind::unterminated_triple_string:
            return "unterminated_triple_string";
        case DiagnosticKind::unclosed_bracket:
            return "unclosed_bracket";
        case DiagnosticKind::unmatched_bracket:
            return "unmatched_bracket";
        case DiagnosticKind::inconsistent_dedent:
            return "inconsistent_dedent";
        case DiagnosticKind::inconsistent_tabs:
            return "inconsistent_tabs";
        case DiagnosticKind::too_deep:
            return "too_deep";
        case DiagnosticKind::unexpected_indent:
            return "unexpected_indent";
        case DiagnosticKind::missing_block:
            return "missing_block";
        case DiagnosticKind::misplaced_decorator:
            return "misplaced_decorator";
        case DiagnosticKind::malformed_statement:
            return "malformed_statement";
        case DiagnosticKind::too_large:
            return "too_large";
    }
    return "unknown";
}

std::string_view to_string(StatementKind kind) {
    static constexpr std::string_view names[] = {
        "expression", "assignment", "assert", "pass", "break", "continue", "return", "raise", "del",
        "global",     "nonlocal",   "import", "if",   "elif",  "else",     "for",    "while", "try",
        "except",     "finally",    "with",   "def",  "class", "match",    "case"};
    const auto index = static_cast<std::size_t>(kind);
    return index < std::size(names) ? names[index] : "unknown";
}

std::string_view to_string(LiteralKind kind) {
    static constexpr std::string_view names[] = {"none", "number", "string", "bytes",
                                                 "True", "False",  "None",   "Ellipsis"};
    const auto index = static_cast<std::size_t>(kind);
    return index < std::size(names) ? names[index] : "unknown";
}

std::string_view to_string(CompareOp op) {
    static constexpr std::string_view names[] = {
        "==", "!=", "<", ">", "<=", ">=", "is", "is not", "in", "not in"};
    const auto index = static_cast<std::size_t>(op);
    return index < std::size(names) ? names[index] : "unknown";
}

std::string_view to_string(FunctionRole role) {
    switch (role) {
        case FunctionRole::test:
            return "test";
        case FunctionRole::fixture:
            return "fixture";
        case FunctionRole::helper:
            return "helper";
        case FunctionRole::method:
            return "method";
    }
    return "unknown";
}

std::string_view to_string(TestStyle style) {
    switch (style) {
        case TestStyle::none:
            return "none";
        case TestStyle::pytest_function:
            return "pytest_function";
        case TestStyle::pytest_method:
            return "pytest_method";
        case TestStyle::unittest_method:
            return "unittest_method";
    }
    return "unknown";
}

}  // namespace qa
