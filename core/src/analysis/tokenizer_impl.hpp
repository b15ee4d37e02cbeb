#pragma once
// The tokenizer's state machine, shared by tokenizer.cpp (the main loop, names, numbers,
// operators), tokenizer_layout.cpp (lines, indentation, brackets) and tokenizer_strings.cpp
// (string and f-string literals). One instance per
// tokenize() call; not thread-safe.

#include <cstdint>
#include <string_view>
#include <vector>

#include "qa/analysis/diagnostic.hpp"
#include "qa/analysis/parse_limits.hpp"
#include "qa/analysis/token.hpp"
#include "qa/analysis/tokenizer.hpp"

namespace qa::detail {

// The Keyword of an identifier (Keyword::identifier when it is none).
Keyword classify_keyword(const char* text, std::uint32_t length);

// StringFlag bits for a string prefix such as "rb" or "F", or -1 when `text` is not one.
int string_prefix_flags(const char* text, std::uint32_t length);

class Tokenizer {
  public:
    Tokenizer(std::string_view source, TokenizedSource& out, Diagnostics& diagnostics,
              const ParseLimits& limits);
    void run();

  private:
    // tokenizer.cpp
    bool start_line();
    bool def_after_unclosed_bracket() const;
    void recover_unclosed_brackets();
    void line_break_token();
    void comment();
    void backslash();
    void name_or_string();
    void number();
    // An operator of `length` bytes at pos_.
    void op(Op op, std::uint32_t length) {
        emit(TokenKind::op, pos_, pos_ + length, static_cast<std::uint8_t>(op));
        pos_ += length;
    }
    // `x` or `x=` (the augmented assignment, or ==, !=, <=, >=, :=).
    void op_or_assign(Op plain, Op assign) {
        if (peek(1) == '=') {
            op(assign, 2);
        } else {
            op(plain, 1);
        }
    }
    // `x`, `x=`, `xx`, `xx=` (**, //, <<, >>).
    void doubled(Op single, Op single_assign, Op twice, Op twice_assign) {
        if (peek(1) == s_[pos_]) {
            op(peek(2) == '=' ? twice_assign : twice, peek(2) == '=' ? 3 : 2);
        } else {
            op_or_assign(single, single_assign);
        }
    }
    char peek(std::uint32_t ahead) const { return pos_ + ahead < n_ ? s_[pos_ + ahead] : '\0'; }
    void open_bracket(char closer);
    void close_bracket(char closer);
    void end_of_file();
    std::uint32_t depth() const {
        return static_cast<std::uint32_t>(brackets_.size()) + untracked_brackets_;
    }

    // tokenizer_strings.cpp
    void string_token(std::uint32_t begin, std::uint32_t quote_at, int flags);
    std::uint32_t scan_plain(std::uint32_t p, char quote, bool triple, bool& terminated);
    std::uint32_t scan_formatted(std::uint32_t p, char quote, bool triple, bool raw,
                                 bool& terminated);

    // Consumes the line break at p ("\r\n" counts once) and records the next line's start.
    std::uint32_t line_break(std::uint32_t p);
    void emit(TokenKind kind, std::uint32_t begin, std::uint32_t end, std::uint8_t code = 0) {
        out_.tokens.push_back(Token{begin, end, line_, kind, code});
        line_has_tokens_ = true;
    }
    void emit_layout(TokenKind kind, std::uint32_t at, std::uint32_t line) {
        out_.tokens.push_back(Token{at, at, line, kind, 0});
    }
    void report(DiagnosticKind kind, std::uint32_t offset) {
        diagnostics_.add(kind, line_, offset);
    }

    struct OpenBracket {
        char closer;
        std::uint32_t line;
        std::uint32_t offset;
    };

    const char* s_;
    std::uint32_t n_;
    std::uint32_t pos_ = 0;
    std::uint32_t line_ = 1;
    TokenizedSource& out_;
    Diagnostics& diagnostics_;
    const ParseLimits& limits_;
    std::vector<std::uint32_t> indents_;      // columns with tab stops of 8
    std::vector<std::uint32_t> alt_indents_;  // the same with tabs as 1 column (TabError check)
    std::vector<OpenBracket> brackets_;
    std::uint32_t untracked_brackets_ = 0;  // open beyond ParseLimits::max_bracket_depth
    bool line_has_tokens_ = false;          // the logical line has a token (needs a NEWLINE)
};

}  // namespace qa::detail
