// Calls and comparisons inside one statement's tokens, in one left-to-right pass with a stack of
// bracket levels (no recursion). An operand of a comparison runs between the nearest tokens of
// lower precedence at its bracket level: ',', ':', '=', `and`, `or`, `not`, `if`, `else`,
// `for`, `lambda`, another comparison.
#include <algorithm>

#include "structure_parser.hpp"

namespace qa::detail {

namespace {

constexpr std::uint16_t saturate16(std::uint32_t value) {
    return static_cast<std::uint16_t>(std::min<std::uint32_t>(value, 0xFFFF));
}

bool ends_callee(const Token& token) {
    return token.is_identifier() || token.is(Op::rparen) || token.is(Op::rbracket);
}

}  // namespace

ExpressionScanner::ExpressionScanner(ParsedFile& file, const ParseLimits& limits)
    : file_(file), tokens_(file.lexed.tokens), max_depth_(limits.max_bracket_depth) {}

std::uint16_t ExpressionScanner::scan(TokenRange range, std::uint32_t statement) {
    statement_ = statement;
    untracked_ = 0;
    levels_.clear();
    keyword_stack_.clear();
    levels_.push_back(Level{range.begin, kNone, kNone, kNone, kNone, kNone, 0, 0, 0, false});
    std::uint16_t flags = 0;
    for (std::uint32_t k = range.begin; k < range.end; ++k) {
        const Token& token = tokens_[k];
        if (token.kind == TokenKind::op) {
            const Op op = token.op();
            if (is_opening_bracket(op)) {
                if (levels_.back().arg_first == kNone)
                    levels_.back().arg_first = k;
                open(k, range);
                continue;
            }
            if (is_closing_bracket(op)) {
                close(k);
                continue;
            }
            Level& level = levels_.back();
            if (op == Op::comma && level.lambdas == 0) {
                boundary(level, k + 1);
                if (level.call != kNone && level.arg_first != kNone) {
                    ++level.args;
                    if (level.first_arg_end == kNone)
                        level.first_arg_end = k;
                }
                level.arg_first = kNone;
                continue;
            }
            if (level.arg_first == kNone) {
                level.arg_first = k;
                if ((op == Op::star || op == Op::power) && level.call != kNone)
                    file_.calls[level.call].flags |= kCallStarArgs;
            }
            switch (op) {
                case Op::eq:
                    compare(level, k, 1, CompareOp::eq);
                    break;
                case Op::ne:
                    compare(level, k, 1, CompareOp::ne);
                    break;
                case Op::less:
                    compare(level, k, 1, CompareOp::less);
                    break;
                case Op::greater:
                    compare(level, k, 1, CompareOp::greater);
                    break;
                case Op::less_eq:
                    compare(level, k, 1, CompareOp::less_eq);
                    break;
                case Op::greater_eq:
                    compare(level, k, 1, CompareOp::greater_eq);
                    break;
                case Op::assign:
                    // `name=` right at the start of an argument: a keyword argument.
                    if (level.call != kNone && level.lambdas == 0 && level.arg_first != kNone &&
                        level.arg_first + 1 == k && tokens_[k - 1].kind == TokenKind::name) {
                        keyword_stack_.push_back({tokens_[k - 1].begin, tokens_[k - 1].end});
                    }
                    boundary(level, k + 1);
                    break;
                case Op::colon:
                    if (level.lambdas > 0)
                        --level.lambdas;
                    boundary(level, k + 1);
                    break;
                case Op::walrus:
                case Op::semicolon:
                case Op::arrow:
                case Op::comma:  // inside a lambda's parameters
                    boundary(level, k + 1);
                    break;
                default:
                    if (is_augmented_assign(op))
                        boundary(level, k + 1);
                    break;
            }
            continue;
        }
        Level& level = levels_.back();
        if (level.arg_first == kNone)
            level.arg_first = k;
        if (token.kind != TokenKind::name)
            continue;
        const bool has_next = k + 1 < range.end;
        switch (token.keyword()) {
            case Keyword::identifier:
            case Keyword::true_:
            case Keyword::false_:
            case Keyword::none_:
                break;
            case Keyword::await:
                flags |= kStmtHasAwait;
                break;
            case Keyword::not_:
                if (has_next && tokens_[k + 1].is(Keyword::in)) {
                    compare(level, k, 2, CompareOp::not_in);
                    ++k;
                } else {
                    boundary(level, k + 1);
                }
                break;
            case Keyword::is:
                if (has_next && tokens_[k + 1].is(Keyword::not_)) {
                    compare(level, k, 2, CompareOp::is_not);
                    ++k;
                } else {
                    compare(level, k, 1, CompareOp::is);
                }
                break;
            case Keyword::in:
                if (level.for_pending) {
                    level.for_pending = false;
                    boundary(level, k + 1);
                } else {
                    compare(level, k, 1, CompareOp::in);
                }
                break;
            case Keyword::for_:
                if (levels_.size() > 1 || untracked_ > 0)
                    flags |= kStmtComprehension;
                level.for_pending = true;
                boundary(level, k + 1);
                break;
            case Keyword::lambda:
                flags |= kStmtHasLambda;
                ++level.lambdas;
                boundary(level, k + 1);
                break;
            case Keyword::yield:
                flags |= kStmtHasYield;
                boundary(level, k + 1);
                break;
            default:  // and, or, if, else, from, as, return...
                boundary(level, k + 1);
                break;
        }
    }
    while (levels_.size() > 1) {
        Level level = levels_.back();
        levels_.pop_back();
        end_pending(level, range.end);
        if (level.call != kNone)
            finish_call(level, range.end, false);
    }
    end_pending(levels_.back(), range.end);
    return flags;
}

void ExpressionScanner::end_pending(Level& level, std::uint32_t end) {
    if (level.pending != kNone) {
        file_.comparisons[level.pending].right.end = end;
        level.pending = kNone;
    }
}

void ExpressionScanner::boundary(Level& level, std::uint32_t next) {
    end_pending(level, next - 1);
    level.operand_start = next;
}

void ExpressionScanner::compare(Level& level, std::uint32_t at, std::uint32_t length,
                                CompareOp op) {
    end_pending(level, at);
    level.pending = static_cast<std::uint32_t>(file_.comparisons.size());
    file_.comparisons.push_back(
        Comparison{statement_, {level.operand_start, at}, {at + length, at + length}, op});
    level.operand_start = at + length;
}

void ExpressionScanner::open(std::uint32_t at, TokenRange range) {
    if (levels_.size() > max_depth_ || untracked_ > 0) {
        ++untracked_;  // too deep: counted so the closers pair up, not recorded
        return;
    }
    const Level& outer = levels_.back();
    const std::uint32_t enclosing = outer.call != kNone ? outer.call : outer.enclosing_call;
    std::uint32_t call = kNone;
    if (tokens_[at].is(Op::lparen) && at > range.begin && ends_callee(tokens_[at - 1])) {
        Call record;
        record.statement = statement_;
        record.open = at;
        record.close = at;
        record.parent = enclosing;
        if (tokens_[at - 1].is_identifier()) {
            // The dotted name before '(': walk back over `.name` pairs.
            std::uint32_t first = at - 1;
            while (first >= range.begin + 2 && tokens_[first - 1].is(Op::dot) &&
                   tokens_[first - 2].is_identifier())
                first -= 2;
            record.target = {first, at};
            if (first >= range.begin + 1 && tokens_[first - 1].is(Op::dot))
                record.flags |= kCallOnResult;
        } else {
            record.target = {at, at};
            record.flags |= kCallOnResult;
        }
        call = static_cast<std::uint32_t>(file_.calls.size());
        file_.calls.push_back(record);
    }
    levels_.push_back(Level{at + 1, kNone, call, enclosing, kNone, kNone,
                            static_cast<std::uint32_t>(keyword_stack_.size()), 0, 0, false});
}

void ExpressionScanner::close(std::uint32_t at) {
    if (untracked_ > 0) {
        --untracked_;
        return;
    }
    if (levels_.size() == 1)
        return;  // a closer without its opener
    Level level = levels_.back();
    levels_.pop_back();
    end_pending(level, at);
    if (level.call != kNone)
        finish_call(level, at, true);
    if (levels_.back().arg_first == kNone)
        levels_.back().arg_first = at;
}

void ExpressionScanner::finish_call(const Level& level, std::uint32_t close, bool closed) {
    Call& call = file_.calls[level.call];
    const std::uint32_t args = level.args + (level.arg_first != kNone ? 1 : 0);
    call.close = close;
    call.arg_count = saturate16(args);
    if (!closed)
        call.flags |= kCallUnclosed;
    if (args > 0) {
        const std::uint32_t first_end = level.first_arg_end != kNone ? level.first_arg_end : close;
        call.first_arg_literal = literal_kind(tokens_, {call.open + 1, first_end});
    }
    call.first_keyword = static_cast<std::uint32_t>(file_.keyword_names.size());
    call.keyword_count =
        saturate16(static_cast<std::uint32_t>(keyword_stack_.size()) - level.keyword_mark);
    file_.keyword_names.insert(file_.keyword_names.end(),
                               keyword_stack_.begin() + level.keyword_mark, keyword_stack_.end());
    keyword_stack_.resize(level.keyword_mark);
}

}  // namespace qa::detail
