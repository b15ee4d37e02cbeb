// Lines and layout: indentation (INDENT/DEDENT with tab stops of 8), line breaks, comments,
// explicit continuation, bracket depth, and recovery from brackets left open.
#include "char_class.hpp"
#include "tokenizer_impl.hpp"

namespace qa::detail {

using chars::is;

Tokenizer::Tokenizer(std::string_view source, TokenizedSource& out, Diagnostics& diagnostics,
                     const ParseLimits& limits)
    : s_(source.data()),
      n_(static_cast<std::uint32_t>(source.size())),
      out_(out),
      diagnostics_(diagnostics),
      limits_(limits) {}

// Measures the indentation of a line outside brackets and emits INDENT/DEDENT. Returns false
// for a blank or comment-only line, which does not count for indentation.
bool Tokenizer::start_line() {
    std::uint32_t col = 0;
    std::uint32_t alt = 0;
    std::uint32_t p = pos_;
    for (; p < n_; ++p) {
        const char c = s_[p];
        if (c == ' ') {
            ++col;
            ++alt;
        } else if (c == '\t') {
            col = (col / 8 + 1) * 8;
            ++alt;
        } else if (c == '\f') {
            col = alt = 0;  // as CPython: a form feed resets the column
        } else {
            break;
        }
    }
    pos_ = p;
    if (p == n_ || s_[p] == '#' || chars::is_line_break(s_[p]))
        return false;
    if (col > indents_.back()) {
        if (alt <= alt_indents_.back())
            report(DiagnosticKind::inconsistent_tabs, p);
        if (indents_.size() - 1 >= limits_.max_indent_depth) {
            report(DiagnosticKind::too_deep, p);  // flattened into the deepest level
            return true;
        }
        indents_.push_back(col);
        alt_indents_.push_back(alt);
        emit_layout(TokenKind::indent, p, line_);
        return true;
    }
    while (indents_.size() > 1 && indents_[indents_.size() - 2] >= col) {
        indents_.pop_back();
        alt_indents_.pop_back();
        emit_layout(TokenKind::dedent, p, line_);
    }
    if (indents_.back() != col) {
        // Between two levels: CPython refuses the file. Reading the line as part of the inner
        // block (rebased to this column) keeps the lines after it consistent.
        report(DiagnosticKind::inconsistent_dedent, p);
        indents_.back() = col;
        alt_indents_.back() = alt;
    } else if (alt != alt_indents_.back()) {
        report(DiagnosticKind::inconsistent_tabs, p);
    }
    return true;
}

// `def` and `class` cannot appear inside brackets, so a line inside brackets that starts with
// one means a bracket was left open: recovering there keeps the rest of the file's structure.
bool Tokenizer::def_after_unclosed_bracket() const {
    std::uint32_t p = pos_;
    while (p < n_ && (s_[p] == ' ' || s_[p] == '\t' || s_[p] == '\f'))
        ++p;
    const auto word_then_space = [&](std::string_view word) {
        if (n_ - p < word.size() + 2 || std::string_view(s_ + p, word.size()) != word)
            return false;
        const char after = s_[p + word.size()];
        return (after == ' ' || after == '\t') && is(s_[p + word.size() + 1], chars::kIdentStart);
    };
    // Not `async` alone: `async for` may start a line of a comprehension.
    return word_then_space("def") || word_then_space("class") || word_then_space("async def");
}

void Tokenizer::recover_unclosed_brackets() {
    if (!brackets_.empty()) {
        diagnostics_.add(DiagnosticKind::unclosed_bracket, brackets_.front().line,
                         brackets_.front().offset);
    } else {
        report(DiagnosticKind::unclosed_bracket, pos_);
    }
    brackets_.clear();
    untracked_brackets_ = 0;
    if (line_has_tokens_) {
        emit_layout(TokenKind::newline, pos_, line_ - 1);
        line_has_tokens_ = false;
    }
}

void Tokenizer::line_break_token() {
    const std::uint32_t begin = pos_;
    const std::uint32_t line = line_;
    pos_ = line_break(pos_);
    if (depth() == 0 && line_has_tokens_) {
        out_.tokens.push_back(Token{begin, pos_, line, TokenKind::newline, 0});
        line_has_tokens_ = false;
    }
}

std::uint32_t Tokenizer::line_break(std::uint32_t p) {
    p += (s_[p] == '\r' && p + 1 < n_ && s_[p + 1] == '\n') ? 2 : 1;
    if (p < n_)
        out_.line_starts.push_back(p);
    ++line_;
    return p;
}

void Tokenizer::comment() {
    std::uint32_t p = pos_;
    while (p < n_ && !chars::is_line_break(s_[p]))
        ++p;
    out_.comments.push_back(TextSpan{pos_, p});
    pos_ = p;
}

void Tokenizer::backslash() {
    if (pos_ + 1 < n_ && chars::is_line_break(s_[pos_ + 1])) {
        pos_ = line_break(pos_ + 1);  // explicit continuation: the logical line goes on
        return;
    }
    report(DiagnosticKind::invalid_character, pos_);
    emit(TokenKind::error, pos_, pos_ + 1);
    ++pos_;
}

void Tokenizer::open_bracket(char closer) {
    if (brackets_.size() < limits_.max_bracket_depth) {
        brackets_.push_back(OpenBracket{closer, line_, pos_});
    } else if (untracked_brackets_++ == 0) {
        report(DiagnosticKind::too_deep, pos_);
    }
}

void Tokenizer::close_bracket(char closer) {
    if (untracked_brackets_ > 0) {
        --untracked_brackets_;
    } else if (brackets_.empty()) {
        report(DiagnosticKind::unmatched_bracket, pos_);
    } else {
        if (brackets_.back().closer != closer)
            report(DiagnosticKind::unmatched_bracket, pos_);
        brackets_.pop_back();
    }
}

void Tokenizer::end_of_file() {
    if (depth() > 0) {
        if (!brackets_.empty()) {
            diagnostics_.add(DiagnosticKind::unclosed_bracket, brackets_.front().line,
                             brackets_.front().offset);
        } else {
            report(DiagnosticKind::unclosed_bracket, n_);
        }
    }
    // After a final line break there is no further line: the closing tokens sit on the last one.
    const auto last_line = static_cast<std::uint32_t>(out_.line_starts.size());
    if (line_has_tokens_)
        emit_layout(TokenKind::newline, n_, last_line);
    for (std::size_t level = indents_.size(); level > 1; --level)
        emit_layout(TokenKind::dedent, n_, last_line);
    emit_layout(TokenKind::end_marker, n_, last_line);
}

}  // namespace qa::detail
