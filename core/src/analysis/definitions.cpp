// The parts of statements that name things: decorators, def and class headers, parameters,
// imports and with items.
#include "structure_parser.hpp"

namespace qa::detail {

namespace {

TextSpan span_of(const std::vector<Token>& tokens, std::uint32_t begin, std::uint32_t end) {
    if (begin >= end)
        return {};
    return {tokens[begin].begin, tokens[end - 1].end};
}

// The end of the item starting at k: the next ',' outside brackets (and outside a lambda's
// parameters), or `end`.
std::uint32_t item_end(const std::vector<Token>& tokens, std::uint32_t k, std::uint32_t end) {
    std::uint32_t depth = 0;
    std::uint32_t lambdas = 0;
    for (; k < end; ++k) {
        const Token& token = tokens[k];
        if (token.kind == TokenKind::op) {
            const Op op = token.op();
            if (is_opening_bracket(op)) {
                ++depth;
            } else if (is_closing_bracket(op)) {
                depth -= depth > 0 ? 1 : 0;
            } else if (depth == 0 && op == Op::colon && lambdas > 0) {
                --lambdas;
            } else if (depth == 0 && op == Op::comma && lambdas == 0) {
                return k;
            }
        } else if (depth == 0 && token.is(Keyword::lambda)) {
            ++lambdas;
        }
    }
    return end;
}

// The first token at bracket depth 0 of [k, end) that satisfies `wanted`, or `end`.
template <class Predicate>
std::uint32_t find_top_level(const std::vector<Token>& tokens, std::uint32_t k, std::uint32_t end,
                             Predicate wanted) {
    std::uint32_t depth = 0;
    for (; k < end; ++k) {
        const Token& token = tokens[k];
        if (token.kind == TokenKind::op && is_opening_bracket(token.op())) {
            ++depth;
        } else if (token.kind == TokenKind::op && is_closing_bracket(token.op())) {
            depth -= depth > 0 ? 1 : 0;
        } else if (depth == 0 && wanted(token)) {
            return k;
        }
    }
    return end;
}

}  // namespace

void StructureParser::read_decorator(std::uint32_t at, std::uint32_t end) {
    Decorator decorator;
    decorator.line = tokens_[at].line;
    decorator.expression = {at + 1, end};
    std::uint32_t k = at + 1;
    if (k < end && tokens_[k].kind == TokenKind::name) {
        ++k;
        while (k + 1 < end && tokens_[k].is(Op::dot) && tokens_[k + 1].kind == TokenKind::name)
            k += 2;
        decorator.name = span_of(tokens_, at + 1, k);
        if (k < end && tokens_[k].is(Op::lparen)) {
            decorator.is_call = true;
            decorator.args = {k + 1, matching_close(tokens_, k, end)};
        }
    }
    file_.decorators.push_back(decorator);
    ++pending_decorators_;
}

void StructureParser::read_definition(std::uint32_t index, std::uint32_t keyword,
                                      std::uint32_t colon) {
    Statement& s = file_.statements[index];
    const bool is_def = s.kind == StatementKind::def_;
    std::uint32_t k = keyword + 1;
    if (!tokens_[k].is_identifier()) {
        s.flags |= kStmtMalformed;
        report(DiagnosticKind::malformed_statement, k);
        return;
    }
    ++k;
    if (tokens_[k].is(Op::lbracket))  // 3.12 type parameters: def f[T](x: T)
        k = matching_close(tokens_, k, colon) + 1;
    if (k < colon && tokens_[k].is(Op::lparen)) {
        const std::uint32_t close = matching_close(tokens_, k, colon);
        s.primary = {k + 1, close};
        if (is_def)
            read_parameters(index, s.primary);
        k = close + 1;
    }
    if (is_def && k < colon && tokens_[k].is(Op::arrow))
        s.secondary = {k + 1, colon};
    const TokenRange primary = s.primary;
    const TokenRange secondary = s.secondary;
    std::uint16_t found = scanner_.scan(primary, index);
    found |= scanner_.scan(secondary, index);
    file_.statements[index].flags |= found;
    discovery_.on_definition(index, keyword + 1);
}

void StructureParser::read_parameters(std::uint32_t statement, TokenRange inside) {
    auto& parameters = file_.parameters;
    const std::size_t first = parameters.size();
    bool keyword_only = false;
    for (std::uint32_t k = inside.begin; k < inside.end;) {
        const std::uint32_t end = item_end(tokens_, k, inside.end);
        std::uint32_t name = k;
        ParameterKind kind = keyword_only ? ParameterKind::keyword_only : ParameterKind::normal;
        if (tokens_[k].is(Op::slash)) {
            for (std::size_t p = first; p < parameters.size(); ++p) {
                if (parameters[p].kind == ParameterKind::normal)
                    parameters[p].kind = ParameterKind::positional_only;
            }
            name = kNone;
        } else if (tokens_[k].is(Op::star)) {
            keyword_only = true;
            name = k + 1;  // a bare '*' has no name and records nothing
            kind = ParameterKind::var_positional;
        } else if (tokens_[k].is(Op::power)) {
            name = k + 1;
            kind = ParameterKind::var_keyword;
        }
        if (name != kNone && name < end && tokens_[name].kind == TokenKind::name) {
            Parameter parameter;
            parameter.statement = statement;
            parameter.name = {tokens_[name].begin, tokens_[name].end};
            parameter.kind = kind;
            parameter.has_annotation = name + 1 < end && tokens_[name + 1].is(Op::colon);
            parameter.has_default = find_top_level(tokens_, name + 1, end, [](const Token& t) {
                                        return t.is(Op::assign);
                                    }) != end;
            parameters.push_back(parameter);
        }
        k = end + 1;
    }
}

void StructureParser::read_imports(std::uint32_t statement, TokenRange range, bool from) {
    const std::uint32_t line = tokens_[range.begin].line;
    const std::uint32_t end = range.end;
    const auto is_as = [](const Token& t) { return t.is(Keyword::as); };
    if (!from) {
        // import a.b as c, d
        for (std::uint32_t k = range.begin + 1; k < end;) {
            const std::uint32_t item = item_end(tokens_, k, end);
            const std::uint32_t as = find_top_level(tokens_, k, item, is_as);
            Import entry;
            entry.statement = statement;
            entry.line = line;
            entry.module = span_of(tokens_, k, as);
            if (as + 1 < item)
                entry.alias = span_of(tokens_, as + 1, as + 2);
            if (!entry.module.empty())
                file_.imports.push_back(entry);
            k = item + 1;
        }
        return;
    }
    // from .pkg.mod import (a as b, c)
    std::uint32_t k = range.begin + 1;
    const std::uint32_t import =
        find_top_level(tokens_, k, end, [](const Token& t) { return t.is(Keyword::import); });
    if (import == end)
        return;
    const TextSpan module = span_of(tokens_, k, import);
    k = import + 1;
    std::uint32_t names_end = end;
    if (k < end && tokens_[k].is(Op::lparen)) {
        names_end = matching_close(tokens_, k, end);
        ++k;
    }
    while (k < names_end) {
        const std::uint32_t item = item_end(tokens_, k, names_end);
        const std::uint32_t as = find_top_level(tokens_, k, item, is_as);
        Import entry;
        entry.statement = statement;
        entry.line = line;
        entry.module = module;
        entry.is_from = true;
        entry.name = span_of(tokens_, k, as);
        if (as + 1 < item)
            entry.alias = span_of(tokens_, as + 1, as + 2);
        if (!entry.name.empty())
            file_.imports.push_back(entry);
        k = item + 1;
    }
}

void StructureParser::read_with_items(std::uint32_t statement, TokenRange range) {
    // 3.10 parenthesized items: with (open(a) as f, open(b) as g):
    if (range.size() >= 2 && tokens_[range.begin].is(Op::lparen) &&
        matching_close(tokens_, range.begin, range.end) == range.end - 1) {
        const TokenRange inside{range.begin + 1, range.end - 1};
        const auto splits = [](const Token& t) { return t.is(Op::comma) || t.is(Keyword::as); };
        if (find_top_level(tokens_, inside.begin, inside.end, splits) != inside.end)
            range = inside;
    }
    for (std::uint32_t k = range.begin; k < range.end;) {
        const std::uint32_t item = item_end(tokens_, k, range.end);
        const std::uint32_t as =
            find_top_level(tokens_, k, item, [](const Token& t) { return t.is(Keyword::as); });
        WithItem entry;
        entry.statement = statement;
        entry.context = {k, as};
        if (as < item)
            entry.target = {as + 1, item};
        if (!entry.context.empty())
            file_.with_items.push_back(entry);
        k = item + 1;
    }
}

}  // namespace qa::detail
