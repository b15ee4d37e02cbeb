#include "qa/analysis/parsed_file.hpp"

#include <algorithm>

#include "qa/analysis/utf8.hpp"
#include "structure_parser.hpp"

namespace qa {

namespace {

// The entries of a vector sorted by `statement` whose statement lies in [begin, end).
template <class T>
std::span<const T> by_statement(const std::vector<T>& items, std::uint32_t begin,
                                std::uint32_t end) {
    const auto first = std::ranges::lower_bound(items, begin, {}, &T::statement);
    const auto last = std::ranges::lower_bound(first, items.end(), end, {}, &T::statement);
    return {first, last};
}

}  // namespace

std::uint32_t ParsedFile::line_count() const {
    return static_cast<std::uint32_t>(lexed.line_starts.size());
}

std::uint32_t ParsedFile::line_of(std::uint32_t offset) const {
    const auto& starts = lexed.line_starts;
    const auto after = std::upper_bound(starts.begin(), starts.end(), offset);
    return static_cast<std::uint32_t>(std::max<std::ptrdiff_t>(after - starts.begin(), 1));
}

std::string_view ParsedFile::line_text(std::uint32_t line) const {
    const auto& starts = lexed.line_starts;
    if (line == 0 || line > starts.size())
        return {};
    const std::uint32_t begin = starts[line - 1];
    std::uint32_t end =
        line < starts.size() ? starts[line] : static_cast<std::uint32_t>(source.size());
    // Every break starts a line, so the only CR or LF in the range is its own break.
    while (end > begin && (source[end - 1] == '\n' || source[end - 1] == '\r'))
        --end;
    return std::string_view(source).substr(begin, end - begin);
}

bool ParsedFile::same_tokens(TokenRange a, TokenRange b) const {
    if (a.size() != b.size() || a.empty())
        return false;
    for (std::uint32_t k = 0; k < a.size(); ++k) {
        const Token& x = lexed.tokens[a.begin + k];
        const Token& y = lexed.tokens[b.begin + k];
        if (x.kind != y.kind || token_text(a.begin + k) != token_text(b.begin + k))
            return false;
    }
    return true;
}

StatementRange ParsedFile::body_of(std::uint32_t statement) const {
    if (statement >= statements.size())
        return {};
    return {statement + 1, statements[statement].subtree_end};
}

std::span<const Call> ParsedFile::calls_of(std::uint32_t statement) const {
    return by_statement(calls, statement, statement + 1);
}

std::span<const Call> ParsedFile::calls_in(StatementRange range) const {
    return by_statement(calls, range.begin, range.end);
}

std::span<const Comparison> ParsedFile::comparisons_of(std::uint32_t statement) const {
    return by_statement(comparisons, statement, statement + 1);
}

std::span<const Comparison> ParsedFile::comparisons_in(StatementRange range) const {
    return by_statement(comparisons, range.begin, range.end);
}

std::span<const WithItem> ParsedFile::with_items_of(std::uint32_t statement) const {
    return by_statement(with_items, statement, statement + 1);
}

std::span<const TextSpan> ParsedFile::keywords_of(const Call& call) const {
    return std::span<const TextSpan>(keyword_names).subspan(call.first_keyword, call.keyword_count);
}

std::span<const Decorator> ParsedFile::decorators_of(const Function& function) const {
    return std::span<const Decorator>(decorators)
        .subspan(function.first_decorator, function.decorator_count);
}

std::span<const Decorator> ParsedFile::decorators_of(std::uint32_t statement) const {
    return by_statement(decorators, statement, statement + 1);
}

std::span<const Parameter> ParsedFile::parameters_of(const Function& function) const {
    return std::span<const Parameter>(parameters)
        .subspan(function.first_parameter, function.parameter_count);
}

void reparse(ParsedFile& file, const ParseLimits& limits) {
    file.diagnostics.items.clear();
    file.diagnostics.dropped = 0;
    file.diagnostics.limit = limits.max_diagnostics;
    file.invalid_utf8_offset = kNone;
    file.statements.clear();
    file.calls.clear();
    file.keyword_names.clear();
    file.comparisons.clear();
    file.with_items.clear();
    file.decorators.clear();
    file.parameters.clear();
    file.classes.clear();
    file.functions.clear();
    file.imports.clear();

    tokenize(file.source, file.lexed, file.diagnostics, limits);
    if (file.source.size() > kMaxSourceBytes)
        return;
    if (const auto invalid = find_invalid_utf8(file.source)) {
        file.invalid_utf8_offset = static_cast<std::uint32_t>(*invalid);
        file.diagnostics.add(DiagnosticKind::invalid_utf8, file.line_of(file.invalid_utf8_offset),
                             file.invalid_utf8_offset);
    }
    file.statements.reserve(file.lexed.tokens.size() / 8 + 8);
    detail::StructureParser(file, limits).run();
}

ParsedFile parse_python_source(std::string source, std::string path, const ParseLimits& limits) {
    ParsedFile file;
    file.path = std::move(path);
    file.source = std::move(source);
    reparse(file, limits);
    return file;
}

}  // namespace qa
