// Small questions about a range of tokens, shared by the statement parser and the scanner.
#include "structure_parser.hpp"

namespace qa::detail {

std::uint32_t matching_close(const std::vector<Token>& tokens, std::uint32_t open,
                             std::uint32_t limit) {
    std::uint32_t depth = 0;
    for (std::uint32_t k = open; k < limit; ++k) {
        const Token& token = tokens[k];
        if (token.kind != TokenKind::op)
            continue;
        if (is_opening_bracket(token.op())) {
            ++depth;
        } else if (is_closing_bracket(token.op()) && depth > 0 && --depth == 0) {
            return k;
        }
    }
    return limit;
}

LiteralKind literal_kind(const std::vector<Token>& tokens, TokenRange range) {
    if (range.empty())
        return LiteralKind::none;
    const Token& first = tokens[range.begin];
    if (range.size() == 2 && (first.is(Op::minus) || first.is(Op::plus)) &&
        tokens[range.begin + 1].kind == TokenKind::number) {
        return LiteralKind::number;
    }
    if (range.size() == 1) {
        switch (first.kind) {
            case TokenKind::number:
                return LiteralKind::number;
            case TokenKind::op:
                return first.is(Op::ellipsis) ? LiteralKind::ellipsis : LiteralKind::none;
            case TokenKind::name:
                switch (first.keyword()) {
                    case Keyword::true_:
                        return LiteralKind::true_;
                    case Keyword::false_:
                        return LiteralKind::false_;
                    case Keyword::none_:
                        return LiteralKind::none_;
                    default:
                        return LiteralKind::none;
                }
            default:
                break;
        }
    }
    // One string or an implicit concatenation of several; an f-string is not a constant.
    bool bytes = false;
    for (std::uint32_t k = range.begin; k < range.end; ++k) {
        const Token& token = tokens[k];
        if (token.kind != TokenKind::string || (token.code & kStringFormatted) != 0)
            return LiteralKind::none;
        bytes = bytes || (token.code & kStringBytes) != 0;
    }
    return bytes ? LiteralKind::bytes : LiteralKind::string;
}

bool is_parenthesized_tuple(const std::vector<Token>& tokens, TokenRange range) {
    if (range.size() < 3 || !tokens[range.begin].is(Op::lparen) ||
        !tokens[range.end - 1].is(Op::rparen)) {
        return false;
    }
    std::uint32_t depth = 0;
    bool comma = false;
    for (std::uint32_t k = range.begin; k < range.end; ++k) {
        const Token& token = tokens[k];
        if (token.kind != TokenKind::op)
            continue;
        if (is_opening_bracket(token.op())) {
            ++depth;
        } else if (is_closing_bracket(token.op())) {
            if (depth > 0 && --depth == 0 && k + 1 != range.end)
                return false;  // (a) + (b): the first parenthesis closes early
        } else if (token.is(Op::comma) && depth == 1) {
            comma = true;
        }
    }
    return comma;
}

}  // namespace qa::detail
