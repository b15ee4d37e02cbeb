// The tokenizer's main loop: one table lookup and one jump per token, whatever its first byte.
#include "qa/analysis/tokenizer.hpp"

#include <array>

#include "char_class.hpp"
#include "tokenizer_impl.hpp"

namespace qa {
namespace detail {

using chars::is;

namespace {

// What a token's first byte starts. Operators get a value each, so the main loop dispatches once.
enum Dispatch : std::uint8_t {
    kError,
    kSpace,
    kLineBreak,
    kComment,
    kBackslash,
    kQuote,
    kName,
    kDigit,
    kDot,
    kOpenParen,
    kOpenBracket,
    kOpenBrace,
    kCloseParen,
    kCloseBracket,
    kCloseBrace,
    kColon,
    kComma,
    kSemicolon,
    kTilde,
    kPlus,
    kMinus,
    kStar,
    kSlash,
    kLess,
    kGreater,
    kAssign,
    kBang,
    kPercent,
    kAt,
    kPipe,
    kAmp,
    kCaret,
};

constexpr std::array<std::uint8_t, 256> kDispatch = [] {
    std::array<std::uint8_t, 256> table{};  // kError
    for (int c = 0; c < 256; ++c) {
        if (chars::kTable[static_cast<std::size_t>(c)] & chars::kIdentStart)
            table[static_cast<std::size_t>(c)] = kName;
        if (c >= '0' && c <= '9')
            table[static_cast<std::size_t>(c)] = kDigit;
    }
    const auto set = [&](char c, Dispatch d) { table[static_cast<unsigned char>(c)] = d; };
    set(' ', kSpace);
    set('\t', kSpace);
    set('\f', kSpace);
    set('\n', kLineBreak);
    set('\r', kLineBreak);
    set('#', kComment);
    set('\\', kBackslash);
    set('\'', kQuote);
    set('"', kQuote);
    set('.', kDot);
    set('(', kOpenParen);
    set('[', kOpenBracket);
    set('{', kOpenBrace);
    set(')', kCloseParen);
    set(']', kCloseBracket);
    set('}', kCloseBrace);
    set(':', kColon);
    set(',', kComma);
    set(';', kSemicolon);
    set('~', kTilde);
    set('+', kPlus);
    set('-', kMinus);
    set('*', kStar);
    set('/', kSlash);
    set('<', kLess);
    set('>', kGreater);
    set('=', kAssign);
    set('!', kBang);
    set('%', kPercent);
    set('@', kAt);
    set('|', kPipe);
    set('&', kAmp);
    set('^', kCaret);
    return table;
}();

}  // namespace

void Tokenizer::run() {
    out_.line_starts.push_back(0);
    if (n_ >= 3 && s_[0] == '\xEF' && s_[1] == '\xBB' && s_[2] == '\xBF') {
        out_.has_bom = true;
        pos_ = 3;
    }
    indents_.assign(1, 0);
    alt_indents_.assign(1, 0);
    bool at_line_start = true;
    while (pos_ < n_) {
        if (at_line_start) {
            at_line_start = false;
            if (depth() == 0) {
                start_line();
            } else if (def_after_unclosed_bracket()) {
                recover_unclosed_brackets();
                start_line();
            }
            continue;
        }
        switch (static_cast<Dispatch>(kDispatch[static_cast<unsigned char>(s_[pos_])])) {
            case kSpace:
                do {
                    ++pos_;
                } while (pos_ < n_ && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\f'));
                break;
            case kLineBreak:
                line_break_token();
                at_line_start = true;
                break;
            case kComment:
                comment();
                break;
            case kBackslash:
                backslash();
                break;
            case kQuote:
                string_token(pos_, pos_, 0);
                break;
            case kName:
                name_or_string();
                break;
            case kDigit:
                number();
                break;
            case kDot:
                if (is(peek(1), chars::kDigit)) {
                    number();
                } else if (peek(1) == '.' && peek(2) == '.') {
                    op(Op::ellipsis, 3);
                } else {
                    op(Op::dot, 1);
                }
                break;
            case kOpenParen:
                open_bracket(')');
                op(Op::lparen, 1);
                break;
            case kOpenBracket:
                open_bracket(']');
                op(Op::lbracket, 1);
                break;
            case kOpenBrace:
                open_bracket('}');
                op(Op::lbrace, 1);
                break;
            case kCloseParen:
                close_bracket(')');
                op(Op::rparen, 1);
                break;
            case kCloseBracket:
                close_bracket(']');
                op(Op::rbracket, 1);
                break;
            case kCloseBrace:
                close_bracket('}');
                op(Op::rbrace, 1);
                break;
            case kColon:
                op_or_assign(Op::colon, Op::walrus);
                break;
            case kComma:
                op(Op::comma, 1);
                break;
            case kSemicolon:
                op(Op::semicolon, 1);
                break;
            case kTilde:
                op(Op::tilde, 1);
                break;
            case kPlus:
                op_or_assign(Op::plus, Op::plus_assign);
                break;
            case kMinus:
                if (peek(1) == '>') {
                    op(Op::arrow, 2);
                } else {
                    op_or_assign(Op::minus, Op::minus_assign);
                }
                break;
            case kStar:
                doubled(Op::star, Op::star_assign, Op::power, Op::power_assign);
                break;
            case kSlash:
                doubled(Op::slash, Op::slash_assign, Op::floor_div, Op::floor_div_assign);
                break;
            case kLess:
                doubled(Op::less, Op::less_eq, Op::lshift, Op::lshift_assign);
                break;
            case kGreater:
                doubled(Op::greater, Op::greater_eq, Op::rshift, Op::rshift_assign);
                break;
            case kAssign:
                op_or_assign(Op::assign, Op::eq);
                break;
            case kBang:
                op_or_assign(Op::bang, Op::ne);
                break;
            case kPercent:
                op_or_assign(Op::percent, Op::percent_assign);
                break;
            case kAt:
                op_or_assign(Op::at, Op::at_assign);
                break;
            case kPipe:
                op_or_assign(Op::pipe, Op::pipe_assign);
                break;
            case kAmp:
                op_or_assign(Op::amp, Op::amp_assign);
                break;
            case kCaret:
                op_or_assign(Op::caret, Op::caret_assign);
                break;
            case kError:
                report(DiagnosticKind::invalid_character, pos_);
                emit(TokenKind::error, pos_, pos_ + 1);
                ++pos_;
                break;
        }
    }
    end_of_file();
}

void Tokenizer::name_or_string() {
    const std::uint32_t begin = pos_;
    const std::uint32_t p = chars::identifier_end(s_, pos_ + 1, n_);
    if (p < n_ && p - begin <= 2 && chars::is_quote(s_[p])) {
        const int flags = string_prefix_flags(s_ + begin, p - begin);
        if (flags >= 0) {
            string_token(begin, p, flags);
            return;
        }
    }
    emit(TokenKind::name, begin, p,
         static_cast<std::uint8_t>(classify_keyword(s_ + begin, p - begin)));
    pos_ = p;
}

void Tokenizer::number() {
    const auto digits = [&](std::uint32_t p, bool hex) {
        while (p < n_ && (is(s_[p], chars::kDigit) || s_[p] == '_' ||
                          (hex && ((s_[p] | 0x20) >= 'a' && (s_[p] | 0x20) <= 'f'))))
            ++p;
        return p;
    };
    std::uint32_t p = pos_;
    const char radix = p + 1 < n_ ? static_cast<char>(s_[p + 1] | 0x20) : '\0';
    if (s_[p] == '0' && (radix == 'x' || radix == 'o' || radix == 'b')) {
        p = digits(p + 2, true);
    } else {
        p = digits(p, false);
        if (p < n_ && s_[p] == '.')
            p = digits(p + 1, false);
        if (p < n_ && (s_[p] | 0x20) == 'e') {
            std::uint32_t q = p + 1;
            if (q < n_ && (s_[q] == '+' || s_[q] == '-'))
                ++q;
            if (q < n_ && is(s_[q], chars::kDigit))
                p = digits(q, false);
        }
        if (p < n_ && (s_[p] | 0x20) == 'j')
            ++p;
    }
    emit(TokenKind::number, pos_, p);
    pos_ = p;
}

}  // namespace detail

void tokenize(std::string_view source, TokenizedSource& out, Diagnostics& diagnostics,
              const ParseLimits& limits) {
    out.tokens.clear();
    out.line_starts.clear();
    out.comments.clear();
    out.has_bom = false;
    if (source.size() > kMaxSourceBytes) {
        diagnostics.add(DiagnosticKind::too_large, 1, 0);
        out.line_starts.push_back(0);
        out.tokens.push_back(Token{0, 0, 1, TokenKind::end_marker, 0});
        return;
    }
    // About one token per 5 bytes of typical test code; growth covers denser input.
    out.tokens.reserve(source.size() / 5 + 16);
    out.line_starts.reserve(source.size() / 32 + 16);
    detail::Tokenizer(source, out, diagnostics, limits).run();
}

}  // namespace qa
