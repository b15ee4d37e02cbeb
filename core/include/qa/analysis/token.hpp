#pragma once
// Tokens of Python 3 source. A token is a byte range of the source plus a kind, never a copy of
// its text, so a file's tokens cost 16 bytes each and no allocation of their own.

#include <cstdint>

namespace qa {

// "No index": a missing statement, call, class or token.
inline constexpr std::uint32_t kNone = 0xFFFFFFFFu;

// A half-open byte range [begin, end) of the source.
struct TextSpan {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;

    constexpr std::uint32_t size() const { return end - begin; }
    constexpr bool empty() const { return begin == end; }
};

// A half-open range [begin, end) of token indices.
struct TokenRange {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;

    constexpr std::uint32_t size() const { return end - begin; }
    constexpr bool empty() const { return begin >= end; }
};

enum class TokenKind : std::uint8_t {
    name,        // identifier or keyword; Token::code is a Keyword
    number,      // integer, float or imaginary literal
    string,      // one literal with prefix and quotes; Token::code holds StringFlag bits
    op,          // operator or delimiter; Token::code is an Op
    newline,     // end of a logical line
    indent,      // zero width, before the first token of a deeper line
    dedent,      // zero width, one per closed indentation level
    end_marker,  // zero width, always the last token
    error,       // a byte that starts no token ('$', '?', NUL, a stray backslash)
};

// Hard keywords. Soft keywords (match, case, type, _) are identifiers: the parser looks at them
// by position.
enum class Keyword : std::uint8_t {
    identifier = 0,  // not a keyword
    false_,
    none_,
    true_,
    and_,
    as,
    assert_,
    async,
    await,
    break_,
    class_,
    continue_,
    def,
    del,
    elif,
    else_,
    except,
    finally,
    for_,
    from,
    global,
    if_,
    import,
    in,
    is,
    lambda,
    nonlocal,
    not_,
    or_,
    pass,
    raise,
    return_,
    try_,
    while_,
    with,
    yield,
};

// Operators and delimiters. The augmented assignments are contiguous (see is_augmented_assign).
enum class Op : std::uint8_t {
    lparen,
    rparen,
    lbracket,
    rbracket,
    lbrace,
    rbrace,
    colon,
    comma,
    semicolon,
    dot,
    ellipsis,
    at,
    arrow,
    walrus,
    bang,
    assign,  // =
    eq,
    ne,
    less,
    greater,
    less_eq,
    greater_eq,
    plus,
    minus,
    star,
    slash,
    floor_div,
    percent,
    power,
    pipe,
    amp,
    caret,
    tilde,
    lshift,
    rshift,
    plus_assign,
    minus_assign,
    star_assign,
    slash_assign,
    floor_div_assign,
    percent_assign,
    power_assign,
    at_assign,
    pipe_assign,
    amp_assign,
    caret_assign,
    lshift_assign,
    rshift_assign,
};

constexpr bool is_augmented_assign(Op op) {
    return op >= Op::plus_assign && op <= Op::rshift_assign;
}
constexpr bool is_opening_bracket(Op op) {
    return op == Op::lparen || op == Op::lbracket || op == Op::lbrace;
}
constexpr bool is_closing_bracket(Op op) {
    return op == Op::rparen || op == Op::rbracket || op == Op::rbrace;
}

// Bits of Token::code for a string token.
enum StringFlag : std::uint8_t {
    kStringRaw = 1,            // r or R
    kStringBytes = 2,          // b or B
    kStringFormatted = 4,      // f or F (also t, the 3.14 template strings)
    kStringUnicode = 8,        // u or U
    kStringTriple = 16,        // ''' or """
    kStringUnterminated = 32,  // no closing quote before the end of its line (or of the file)
};

struct Token {
    std::uint32_t begin = 0;  // byte offset in the source
    std::uint32_t end = 0;    // one past the last byte
    std::uint32_t line = 0;   // 1-based line of `begin`
    TokenKind kind = TokenKind::error;
    std::uint8_t code = 0;  // Keyword, Op or StringFlag bits, by kind

    constexpr Keyword keyword() const {
        return kind == TokenKind::name ? static_cast<Keyword>(code) : Keyword::identifier;
    }
    constexpr bool is(Keyword k) const {
        return kind == TokenKind::name && code == std::uint8_t(k);
    }
    constexpr bool is(Op o) const { return kind == TokenKind::op && code == std::uint8_t(o); }
    constexpr Op op() const { return static_cast<Op>(code); }
    // A name that is not a hard keyword.
    constexpr bool is_identifier() const { return kind == TokenKind::name && code == 0; }
    constexpr bool has_string_flag(StringFlag flag) const {
        return kind == TokenKind::string && (code & flag) != 0;
    }
};

}  // namespace qa
