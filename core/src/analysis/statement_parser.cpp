// One statement: its kind from its first token, its extent and depth-0 landmarks, and what its
// parts (primary, secondary) hold.
#include <algorithm>
#include <string_view>

#include "structure_parser.hpp"

namespace qa::detail {

namespace {

struct KindInfo {
    StatementKind kind;
    bool compound;
};

KindInfo kind_of(Keyword keyword) {
    switch (keyword) {
        case Keyword::assert_:
            return {StatementKind::assert_, false};
        case Keyword::pass:
            return {StatementKind::pass_, false};
        case Keyword::break_:
            return {StatementKind::break_, false};
        case Keyword::continue_:
            return {StatementKind::continue_, false};
        case Keyword::return_:
            return {StatementKind::return_, false};
        case Keyword::raise:
            return {StatementKind::raise_, false};
        case Keyword::del:
            return {StatementKind::del_, false};
        case Keyword::global:
            return {StatementKind::global_, false};
        case Keyword::nonlocal:
            return {StatementKind::nonlocal_, false};
        case Keyword::import:
        case Keyword::from:
            return {StatementKind::import_, false};
        case Keyword::if_:
            return {StatementKind::if_, true};
        case Keyword::elif:
            return {StatementKind::elif_, true};
        case Keyword::else_:
            return {StatementKind::else_, true};
        case Keyword::for_:
            return {StatementKind::for_, true};
        case Keyword::while_:
            return {StatementKind::while_, true};
        case Keyword::try_:
            return {StatementKind::try_, true};
        case Keyword::except:
            return {StatementKind::except_, true};
        case Keyword::finally:
            return {StatementKind::finally_, true};
        case Keyword::with:
            return {StatementKind::with_, true};
        case Keyword::def:
            return {StatementKind::def_, true};
        case Keyword::class_:
            return {StatementKind::class_, true};
        default:
            return {StatementKind::expression, false};
    }
}

// The clauses a clause may follow.
bool continues(StatementKind clause, StatementKind previous) {
    using K = StatementKind;
    switch (clause) {
        case K::elif_:
            return previous == K::if_ || previous == K::elif_;
        case K::else_:
            return previous == K::if_ || previous == K::elif_ || previous == K::for_ ||
                   previous == K::while_ || previous == K::except_;
        case K::except_:
            return previous == K::try_ || previous == K::except_;
        case K::finally_:
            return previous == K::try_ || previous == K::except_ || previous == K::else_;
        default:
            return false;
    }
}

}  // namespace

StructureParser::Landmarks StructureParser::find_landmarks(std::uint32_t i, bool header) const {
    Landmarks marks;
    std::uint32_t depth = 0;
    std::uint32_t lambdas = 0;  // a depth-0 ':' after `lambda` is the lambda's
    std::uint32_t k = i;
    for (;; ++k) {
        const Token& token = tokens_[k];
        if (is_layout(token))
            break;
        if (token.kind == TokenKind::op) {
            const Op op = token.op();
            marks.worth_scanning |= op == Op::lparen || (op >= Op::eq && op <= Op::greater_eq);
            if (is_opening_bracket(op)) {
                ++depth;
            } else if (is_closing_bracket(op)) {
                depth -= depth > 0 ? 1 : 0;
            } else if (depth > 0) {
                continue;
            } else if (op == Op::semicolon) {
                break;
            } else if (op == Op::colon) {
                if (lambdas > 0) {
                    --lambdas;
                } else if (header) {
                    marks.colon = k;
                    break;
                } else if (marks.colon == kNone) {
                    marks.colon = k;
                }
            } else if (op == Op::assign && lambdas == 0) {
                if (marks.first_assign == kNone)
                    marks.first_assign = k;
                marks.last_assign = k;
            } else if (is_augmented_assign(op) && marks.augmented == kNone) {
                marks.augmented = k;
            } else if (op == Op::comma && marks.first_comma == kNone && lambdas == 0) {
                marks.first_comma = k;
            }
        } else if (token.kind == TokenKind::name) {
            const Keyword keyword = token.keyword();
            if (keyword == Keyword::identifier)
                continue;  // most names: nothing below is about them
            marks.worth_scanning |= keyword == Keyword::for_ || keyword == Keyword::lambda ||
                                    keyword == Keyword::await || keyword == Keyword::yield ||
                                    keyword == Keyword::is || keyword == Keyword::in ||
                                    keyword == Keyword::not_;
            if (depth > 0)
                continue;
            switch (keyword) {
                case Keyword::lambda:
                    ++lambdas;
                    break;
                case Keyword::from:
                    if (marks.from == kNone)
                        marks.from = k;
                    break;
                case Keyword::as:
                    if (marks.as == kNone)
                        marks.as = k;
                    break;
                case Keyword::in:
                    if (marks.in == kNone)
                        marks.in = k;
                    break;
                default:
                    break;
            }
        }
    }
    marks.end = k;
    return marks;
}

std::uint32_t StructureParser::new_statement(StatementKind kind, std::uint16_t flags,
                                             std::uint32_t parent, std::uint32_t first) {
    auto& statements = file_.statements;
    const auto index = static_cast<std::uint32_t>(statements.size());
    Statement statement;
    statement.kind = kind;
    statement.flags = flags;
    statement.parent = parent;
    if (parent != kNone) {
        const Statement& up = statements[parent];
        statement.depth = up.depth + 1;
        const bool defines = up.kind == StatementKind::def_ || up.kind == StatementKind::class_;
        statement.scope = defines ? parent : up.scope;
    }
    statement.head = index;
    statement.subtree_end = index + 1;
    statement.line = tokens_[first].line;
    statements.push_back(statement);
    return index;
}

// elif/else/except/finally continue the statement before them at the same level.
void StructureParser::link_clause(std::uint32_t index) {
    auto& statements = file_.statements;
    Statement& clause = statements[index];
    const std::uint32_t parent = clause.parent;
    std::uint32_t previous = index == 0 ? kNone : index - 1;
    while (previous != kNone && previous != parent && statements[previous].parent != parent)
        previous = statements[previous].parent;
    if (previous != kNone && previous != parent &&
        continues(clause.kind, statements[previous].kind)) {
        clause.head = statements[previous].head;
    } else {
        clause.flags |= kStmtMalformed;
        report(DiagnosticKind::malformed_statement, clause.tokens.begin);
    }
}

void StructureParser::attach_decorators(std::uint32_t index) {
    const StatementKind kind = file_.statements[index].kind;
    if (pending_decorators_ == 0)
        return;
    auto& decorators = file_.decorators;
    if (kind == StatementKind::def_ || kind == StatementKind::class_) {
        for (std::size_t d = decorators.size() - pending_decorators_; d < decorators.size(); ++d)
            decorators[d].statement = index;
    } else {
        report(DiagnosticKind::misplaced_decorator, file_.statements[index].tokens.begin);
        decorators.resize(decorators.size() - pending_decorators_);
    }
    pending_decorators_ = 0;
}

// Fills `parsed` in place: returning the struct by value made every caller stall on
// store-to-load forwarding.
void StructureParser::parse_statement(std::uint32_t i, std::uint32_t parent, Parsed& parsed) {
    std::uint16_t flags = 0;
    std::uint32_t keyword = i;  // the token naming the statement (after `async`)
    const Keyword next_keyword = tokens_[i + 1].keyword();
    if (tokens_[i].is(Keyword::async) &&
        (next_keyword == Keyword::def || next_keyword == Keyword::for_ ||
         next_keyword == Keyword::with)) {
        flags |= kStmtAsync;
        keyword = i + 1;
    }
    auto [kind, compound] = kind_of(tokens_[keyword].keyword());
    Landmarks marks = find_landmarks(keyword, compound);
    if (!compound && tokens_[i].is_identifier() && marks.colon != kNone) {
        // match/case are soft keywords: `match x:` opens a block, `match = 1` does not.
        const std::string_view word = file_.token_text(i);
        const Token& second = tokens_[i + 1];
        const bool subject = !(second.kind == TokenKind::op &&
                               (second.is(Op::colon) || second.is(Op::assign) ||
                                second.is(Op::dot) || is_augmented_assign(second.op())));
        if ((word == "match" || word == "case") && subject && marks.first_assign == kNone &&
            marks.augmented == kNone) {
            kind = word == "match" ? StatementKind::match_ : StatementKind::case_;
            compound = true;
            marks = find_landmarks(i, true);
        }
    }
    if (compound && marks.colon == kNone) {
        flags |= kStmtMalformed;  // a header without its ':'
        report(DiagnosticKind::malformed_statement, i);
        compound = false;
    }
    if (kind == StatementKind::import_ && tokens_[keyword].is(Keyword::from))
        flags |= kStmtFromImport;

    const std::uint32_t index = new_statement(kind, flags, parent, i);
    const std::uint32_t end = compound ? marks.colon + 1 : marks.end;
    Statement& statement = file_.statements[index];
    statement.tokens = {i, end};
    const Token& last = tokens_[compound ? marks.colon : marks.end];
    // A NEWLINE or ';' sits on the statement's last line, after any multi-line string.
    const bool on_last_line = last.kind == TokenKind::newline || last.kind == TokenKind::op;
    statement.end_line = std::max(statement.line, on_last_line ? last.line : tokens_[end - 1].line);
    attach_decorators(index);
    if (kind == StatementKind::elif_ || kind == StatementKind::else_ ||
        kind == StatementKind::except_ || kind == StatementKind::finally_) {
        link_clause(index);
    }
    if (compound) {
        fill_compound(index, keyword, marks);
    } else {
        fill_simple(index, keyword, marks);
    }
    parsed.statement = index;
    parsed.next = end;
    parsed.opens_body = compound;
}

void StructureParser::fill_simple(std::uint32_t index, std::uint32_t keyword,
                                  const Landmarks& marks) {
    Statement& s = file_.statements[index];
    const std::uint32_t first = s.tokens.begin;
    const std::uint32_t end = marks.end;
    std::uint16_t found = 0;
    switch (s.kind) {
        case StatementKind::expression:
            if (marks.first_assign != kNone || marks.augmented != kNone || marks.colon != kNone) {
                s.kind = StatementKind::assignment;
                if (marks.augmented != kNone &&
                    (marks.first_assign == kNone || marks.augmented < marks.first_assign)) {
                    s.flags |= kStmtAugmented;
                    s.secondary = {first, marks.augmented};
                    s.primary = {marks.augmented + 1, end};
                } else if (marks.colon != kNone &&
                           (marks.first_assign == kNone || marks.colon < marks.first_assign)) {
                    s.flags |= kStmtAnnotated;
                    s.secondary = {first, marks.first_assign == kNone ? end : marks.first_assign};
                    s.primary = {marks.first_assign == kNone ? end : marks.first_assign + 1, end};
                } else {
                    s.secondary = {first, marks.last_assign};
                    s.primary = {marks.last_assign + 1, end};
                }
            } else {
                s.primary = {first, end};
            }
            break;
        case StatementKind::assert_:
            s.primary = {keyword + 1, marks.first_comma == kNone ? end : marks.first_comma};
            if (marks.first_comma != kNone)
                s.secondary = {marks.first_comma + 1, end};
            if (is_parenthesized_tuple(tokens_, s.primary))
                s.flags |= kStmtParenthesizedTuple;
            break;
        case StatementKind::raise_:
            s.primary = {keyword + 1, marks.from == kNone ? end : marks.from};
            if (marks.from != kNone)
                s.secondary = {marks.from + 1, end};
            break;
        case StatementKind::import_:
            s.primary = {keyword + 1, end};
            if (s.scope == kNone)
                read_imports(index, {keyword, end}, (s.flags & kStmtFromImport) != 0);
            return;  // names only, nothing to scan
        case StatementKind::pass_:
        case StatementKind::break_:
        case StatementKind::continue_:
            return;
        default:  // return, del, global, nonlocal; and a compound header without its ':'
            s.primary = {keyword + 1, end};
            break;
    }
    s.literal = literal_kind(tokens_, s.primary);
    if (marks.worth_scanning)
        found = scanner_.scan({first, end}, index);
    file_.statements[index].flags |= found;
    if (file_.statements[index].kind == StatementKind::assignment)
        discovery_.on_assignment(index);
}

void StructureParser::fill_compound(std::uint32_t index, std::uint32_t keyword,
                                    const Landmarks& marks) {
    Statement& s = file_.statements[index];
    const std::uint32_t colon = marks.colon;
    std::uint16_t found = 0;
    switch (s.kind) {
        case StatementKind::if_:
        case StatementKind::elif_:
        case StatementKind::while_:
        case StatementKind::match_:
        case StatementKind::case_:
            s.primary = {keyword + 1, colon};
            break;
        case StatementKind::for_:
            if (marks.in != kNone && marks.in < colon) {
                s.secondary = {keyword + 1, marks.in};
                s.primary = {marks.in + 1, colon};
                found = scanner_.scan(s.secondary, index);
                found |= scanner_.scan(s.primary, index);
                file_.statements[index].flags |= found;
                return;
            }
            s.primary = {keyword + 1, colon};
            s.flags |= kStmtMalformed;
            break;
        case StatementKind::with_:
            s.primary = {keyword + 1, colon};
            read_with_items(index, s.primary);
            break;
        case StatementKind::except_: {
            std::uint32_t begin = keyword + 1;
            if (tokens_[begin].is(Op::star)) {
                s.flags |= kStmtExceptStar;
                ++begin;
            }
            const bool alias = marks.as != kNone && marks.as < colon;
            s.primary = {begin, alias ? marks.as : colon};
            if (alias)
                s.secondary = {marks.as + 1, colon};
            break;
        }
        case StatementKind::def_:
        case StatementKind::class_:
            read_definition(index, keyword, colon);
            return;
        default:  // else, try, finally
            return;
    }
    Statement& filled = file_.statements[index];
    filled.literal = literal_kind(tokens_, filled.primary);
    if (marks.worth_scanning)
        found = scanner_.scan(filled.primary, index);
    file_.statements[index].flags |= found;
}

}  // namespace qa::detail
