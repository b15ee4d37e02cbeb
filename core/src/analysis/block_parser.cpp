// Logical lines and blocks: turns the NEWLINE/INDENT/DEDENT skeleton into parent links and
// subtree ends. Blocks are a stack, so depth costs no native stack.
#include <algorithm>

#include "structure_parser.hpp"

namespace qa::detail {

StructureParser::StructureParser(ParsedFile& file, const ParseLimits& limits)
    : file_(file), tokens_(file.lexed.tokens), scanner_(file, limits), discovery_(file) {}

void StructureParser::run() {
    const auto n = static_cast<std::uint32_t>(tokens_.size());
    std::uint32_t i = 0;
    while (i < n) {
        const Token& token = tokens_[i];
        switch (token.kind) {
            case TokenKind::indent:
                if (awaiting_body_ != kNone) {
                    open_.push_back({awaiting_body_, BlockType::body});
                    awaiting_body_ = kNone;
                } else {
                    report(DiagnosticKind::unexpected_indent, i);
                    open_.push_back({current_parent(), BlockType::phantom});
                }
                ++i;
                break;
            case TokenKind::dedent:
                missing_body();
                close_block();
                ++i;
                break;
            case TokenKind::newline:
                ++i;
                break;
            case TokenKind::end_marker:
                i = n;
                break;
            default:
                missing_body();
                i = parse_line(i);
        }
    }
    missing_body();
    while (!open_.empty())
        close_block();
    if (pending_decorators_ > 0) {
        report(DiagnosticKind::misplaced_decorator, n - 1);
        file_.decorators.resize(file_.decorators.size() - pending_decorators_);
        pending_decorators_ = 0;
    }
    discovery_.finish();
}

// One logical line: a decorator, simple statements separated by ';', or a compound header with
// its body either inline or on the lines that follow. Returns the index after the line.
std::uint32_t StructureParser::parse_line(std::uint32_t i) {
    if (tokens_[i].is(Op::at))
        return decorator_line(i);
    std::uint32_t parent = current_parent();
    std::uint32_t j = i;
    while (!is_layout(tokens_[j])) {
        if (tokens_[j].is(Op::semicolon)) {
            ++j;
            continue;
        }
        Parsed parsed;
        parse_statement(j, parent, parsed);
        j = parsed.next;
        if (!parsed.opens_body)
            continue;
        if (tokens_[j].kind == TokenKind::newline) {
            awaiting_body_ = parsed.statement;  // inline blocks of this line stay open under it
            return j + 1;
        }
        if (is_layout(tokens_[j])) {
            awaiting_body_ = parsed.statement;
            return j;
        }
        file_.statements[parsed.statement].flags |= kStmtInlineBody;
        open_.push_back({parsed.statement, BlockType::inline_body});
        parent = parsed.statement;
    }
    close_inline_blocks();
    return tokens_[j].kind == TokenKind::newline ? j + 1 : j;
}

std::uint32_t StructureParser::decorator_line(std::uint32_t i) {
    std::uint32_t end = i + 1;
    while (!is_layout(tokens_[end]))
        ++end;
    read_decorator(i, end);
    return tokens_[end].kind == TokenKind::newline ? end + 1 : end;
}

void StructureParser::missing_body() {
    if (awaiting_body_ == kNone)
        return;
    report(DiagnosticKind::missing_block, file_.statements[awaiting_body_].tokens.begin);
    file_.statements[awaiting_body_].flags |= kStmtMalformed;
    close(awaiting_body_);
    awaiting_body_ = kNone;
    close_inline_blocks();
}

void StructureParser::close(std::uint32_t statement) {
    auto& statements = file_.statements;
    Statement& closed = statements[statement];
    closed.subtree_end = static_cast<std::uint32_t>(statements.size());
    // The last statement of a subtree is the one that ends last.
    if (closed.subtree_end > statement + 1)
        closed.end_line = std::max(closed.end_line, statements[closed.subtree_end - 1].end_line);
    if (closed.kind == StatementKind::def_)
        discovery_.on_close(statement);
}

void StructureParser::close_block() {
    if (open_.empty())
        return;
    const OpenBlock block = open_.back();
    open_.pop_back();
    if (block.type != BlockType::phantom)
        close(block.statement);
    close_inline_blocks();
}

void StructureParser::close_inline_blocks() {
    while (!open_.empty() && open_.back().type == BlockType::inline_body) {
        const std::uint32_t statement = open_.back().statement;
        open_.pop_back();
        close(statement);
    }
}

void StructureParser::report(DiagnosticKind kind, std::uint32_t token) {
    const Token& at = tokens_[std::min<std::size_t>(token, tokens_.size() - 1)];
    file_.diagnostics.add(kind, at.line, at.begin);
}

}  // namespace qa::detail
