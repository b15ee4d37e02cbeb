#pragma once
// The light statement tree of a parsed file: one flat vector of Statements in source order, each
// with its parent, its depth and the end of its subtree, plus side tables (calls, comparisons,
// with items) that name their statement and are sorted by it. Walk a body as a range of indices;
// no pointers, so a ParsedFile can be moved and copied freely.

#include <cstdint>
#include <string_view>

#include "qa/analysis/token.hpp"

namespace qa {

enum class StatementKind : std::uint8_t {
    expression,  // an expression on its own (a call, a docstring, `...`, `yield x`, `await f()`)
    assignment,  // `a = b`, `a += b`, `a: T = b` (flags say which)
    assert_,
    pass_,
    break_,
    continue_,
    return_,
    raise_,
    del_,
    global_,
    nonlocal_,
    import_,  // `import a` or `from a import b` (kStmtFromImport)
    // Compound statements: their header; the body follows as children.
    if_,
    elif_,
    else_,  // of if, for, while or try (Statement::head says which)
    for_,
    while_,
    try_,
    except_,
    finally_,
    with_,
    def_,
    class_,
    match_,
    case_,
};

std::string_view to_string(StatementKind kind);

constexpr bool is_compound(StatementKind kind) {
    return kind >= StatementKind::if_;
}

// Bits of Statement::flags.
enum StatementFlag : std::uint16_t {
    kStmtAsync = 1,                // async def / async for / async with
    kStmtAugmented = 2,            // x += 1
    kStmtAnnotated = 4,            // x: int = 1
    kStmtFromImport = 8,           // from a import b
    kStmtParenthesizedTuple = 16,  // assert (x, "message"): the test is a non-empty tuple
    kStmtComprehension = 32,       // a list/set/dict comprehension or generator expression
    kStmtInlineBody = 64,          // a compound statement whose body is on its header's line
    kStmtExceptStar = 128,         // except* E:
    kStmtMalformed = 256,          // could not be read fully (see ParsedFile::diagnostics)
    kStmtHasAwait = 512,
    kStmtHasYield = 1024,
    kStmtHasLambda = 2048,
};

// A constant written as a literal.
enum class LiteralKind : std::uint8_t {
    none,    // not a literal
    number,  // 1, -2.5, 0x1F, 3j
    string,  // "x", 'a' 'b' (implicit concatenation); not an f-string
    bytes,   // b"x"
    true_,
    false_,
    none_,     // None
    ellipsis,  // ...
};

std::string_view to_string(LiteralKind kind);

struct Statement {
    StatementKind kind = StatementKind::expression;
    LiteralKind literal = LiteralKind::none;  // `primary` is exactly one literal
    std::uint16_t flags = 0;                  // StatementFlag bits
    std::uint32_t depth = 0;        // 0 at module level; a def's body is one deeper than the def
    std::uint32_t parent = kNone;   // the compound statement whose body holds this one
    std::uint32_t scope = kNone;    // the nearest enclosing def or class statement
    std::uint32_t head = kNone;     // elif/else/except/finally: the if/for/while/try it continues;
                                    // any other statement: itself
    std::uint32_t subtree_end = 0;  // one past its last descendant: the body is (index, end)
    std::uint32_t line = 0;         // first line
    std::uint32_t end_line = 0;     // last line, body included
    TokenRange tokens;              // the statement itself: up to ';'/NEWLINE, or a header
                                    // through its ':'
    // What `primary` and `secondary` hold, by kind (empty when absent):
    //   assert_      test                       message
    //   expression   the expression             -
    //   assignment   value (after the last '=')  targets (before it, annotation included)
    //   return_      value                      -
    //   raise_       exception                  cause (after `from`)
    //   del_, global_, nonlocal_, import_       what follows the keyword
    //   if_, elif_, while_   condition          -
    //   for_         iterable                   target
    //   with_        all items (see with_items) -
    //   except_      exception type             name after `as`
    //   def_         parameters (inside parens) return annotation
    //   class_       bases (inside parens)      -
    //   match_, case_  subject / pattern        -
    TokenRange primary;
    TokenRange secondary;
};

// A half-open range [begin, end) of statement indices.
struct StatementRange {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;

    constexpr std::uint32_t size() const { return end - begin; }
    constexpr bool empty() const { return begin >= end; }
};

// Bits of Call::flags.
enum CallFlag : std::uint8_t {
    kCallOnResult = 1,  // the callee is an attribute of an expression: f().x(), "".join()
    kCallStarArgs = 2,  // has *args or **kwargs
    kCallUnclosed = 4,  // no ')' before the statement ended
};

// A call found in a statement's own tokens (not in its body). Calls nested in arguments are
// calls too, each with its `parent`; calls in f-string fields are not seen (an f-string is one
// token).
struct Call {
    std::uint32_t statement = kNone;
    TokenRange target;                // the dotted name before '(' ("self.assertEqual"); for
                                      // f().x() just "x"; empty when the callee is f()() or a[0]()
    std::uint32_t open = 0;           // token index of '('
    std::uint32_t close = 0;          // token index of ')' (or the statement's end when unclosed)
    std::uint32_t parent = kNone;     // the call whose arguments hold this one
    std::uint32_t first_keyword = 0;  // into ParsedFile::keyword_names
    std::uint16_t arg_count = 0;      // positional + keyword + starred (saturates)
    std::uint16_t keyword_count = 0;
    LiteralKind first_arg_literal = LiteralKind::none;
    std::uint8_t flags = 0;  // CallFlag bits

    constexpr TokenRange args() const { return {open + 1, close}; }
};

enum class CompareOp : std::uint8_t {
    eq,
    ne,
    less,
    greater,
    less_eq,
    greater_eq,
    is,
    is_not,
    in,
    not_in
};

std::string_view to_string(CompareOp op);

// One comparison; `a < b < c` gives two (a < b and b < c).
struct Comparison {
    std::uint32_t statement = kNone;
    TokenRange left;
    TokenRange right;
    CompareOp op = CompareOp::eq;
};

// One item of a with statement: `context as target`.
struct WithItem {
    std::uint32_t statement = kNone;
    TokenRange context;
    TokenRange target;  // empty without `as`
};

}  // namespace qa
