#pragma once
// The structure parser: tokens in, the statement tree and definitions of a ParsedFile out.
// Split by job: block_parser.cpp (logical lines and blocks), statement_parser.cpp (one statement),
// definitions.cpp (decorators, parameters, imports, with items), expression_scan.cpp (calls and
// comparisons) and discovery.cpp (which defs are tests). Iterative throughout: every stack is a
// vector bounded by ParseLimits or by the input's size. One instance per parse; not thread-safe.

#include <cstdint>
#include <vector>

#include "qa/analysis/parse_limits.hpp"
#include "qa/analysis/parsed_file.hpp"

namespace qa::detail {

// Index of the bracket that closes the one at `open`, or `limit` when none does before it.
std::uint32_t matching_close(const std::vector<Token>& tokens, std::uint32_t open,
                             std::uint32_t limit);
// The literal `range` holds exactly (a number with an optional sign, strings, True...).
LiteralKind literal_kind(const std::vector<Token>& tokens, TokenRange range);
// `(a, b)`: parenthesized as a whole, with a comma at the top level inside.
bool is_parenthesized_tuple(const std::vector<Token>& tokens, TokenRange range);

// Records the calls and comparisons of expressions; see expression_scan.cpp.
class ExpressionScanner {
  public:
    ExpressionScanner(ParsedFile& file, const ParseLimits& limits);
    // Scans tokens [range) of `statement`; returns the StatementFlag bits it saw
    // (comprehension, await, yield, lambda).
    std::uint16_t scan(TokenRange range, std::uint32_t statement);

  private:
    struct Level {
        std::uint32_t operand_start;   // first token of the operand being read
        std::uint32_t pending;         // comparison waiting for the end of its right operand
        std::uint32_t call;            // the call whose arguments this bracket holds
        std::uint32_t enclosing_call;  // the innermost call around this bracket
        std::uint32_t arg_first;       // first token of the current argument, kNone before it
        std::uint32_t first_arg_end;   // the ',' ending the first argument, kNone before it
        std::uint32_t keyword_mark;    // keyword_stack_ size when the call opened
        std::uint32_t args;            // arguments completed by a ','
        std::uint32_t lambdas;         // lambdas waiting for their ':'
        bool for_pending;              // a comprehension's `for` waiting for its `in`
    };
    void boundary(Level& level, std::uint32_t next);
    void end_pending(Level& level, std::uint32_t end);
    void compare(Level& level, std::uint32_t at, std::uint32_t length, CompareOp op);
    void open(std::uint32_t at, TokenRange range);
    void close(std::uint32_t at);
    void finish_call(const Level& level, std::uint32_t close, bool closed);

    ParsedFile& file_;
    const std::vector<Token>& tokens_;
    std::uint32_t max_depth_;
    std::uint32_t statement_ = kNone;
    std::uint32_t untracked_ = 0;  // brackets beyond max_depth_
    std::vector<Level> levels_;
    std::vector<TextSpan> keyword_stack_;
};

// Records classes and functions as the parser meets them, and settles test roles at the end;
// see discovery.cpp.
class Discovery {
  public:
    explicit Discovery(ParsedFile& file);
    // A def or class statement whose header (decorators, parameters) is fully recorded.
    void on_definition(std::uint32_t statement, std::uint32_t name_token);
    // An assignment statement (for `__test__ = False` in a class body).
    void on_assignment(std::uint32_t statement);
    // A statement whose body is complete (its end line is known).
    void on_close(std::uint32_t statement);
    void finish();

  private:
    std::uint32_t owner_class(const Statement& statement) const;
    ParsedFile& file_;
};

class StructureParser {
  public:
    StructureParser(ParsedFile& file, const ParseLimits& limits);
    void run();

  private:
    enum class BlockType : std::uint8_t {
        body,         // an indented block
        phantom,      // an unexpected indent: its lines belong to the block around it
        inline_body,  // `if x: y`; closes with its line, or with the block of a header after it
    };
    struct OpenBlock {
        std::uint32_t statement;
        BlockType type;
    };
    struct Parsed {
        std::uint32_t statement;
        std::uint32_t next;  // the token after the statement (its terminator, or after a ':')
        bool opens_body;
    };
    // The depth-0 landmarks of one statement's tokens.
    struct Landmarks {
        std::uint32_t end = 0;  // the terminator, or a header's ':'
        std::uint32_t colon = kNone;
        std::uint32_t first_assign = kNone;
        std::uint32_t last_assign = kNone;
        std::uint32_t augmented = kNone;
        std::uint32_t first_comma = kNone;
        std::uint32_t from = kNone;
        std::uint32_t as = kNone;
        std::uint32_t in = kNone;
        // Something the expression scanner records: '(' (a call), a comparison, or for, lambda,
        // await, yield, is, in, not. Most statements without one are skipped by the scanner.
        bool worth_scanning = false;
    };

    // block_parser.cpp
    std::uint32_t parse_line(std::uint32_t i);
    std::uint32_t decorator_line(std::uint32_t i);
    void missing_body();
    void close(std::uint32_t statement);
    void close_block();
    void close_inline_blocks();
    std::uint32_t current_parent() const { return open_.empty() ? kNone : open_.back().statement; }
    static_assert(TokenKind::indent > TokenKind::newline && TokenKind::dedent > TokenKind::indent &&
                  TokenKind::end_marker > TokenKind::dedent);
    static bool is_layout(const Token& token) {
        return token.kind >= TokenKind::newline && token.kind <= TokenKind::end_marker;
    }

    // statement_parser.cpp
    void parse_statement(std::uint32_t i, std::uint32_t parent, Parsed& parsed);
    Landmarks find_landmarks(std::uint32_t i, bool header) const;
    std::uint32_t new_statement(StatementKind kind, std::uint16_t flags, std::uint32_t parent,
                                std::uint32_t first);
    void link_clause(std::uint32_t statement);
    void attach_decorators(std::uint32_t statement);
    void fill_simple(std::uint32_t index, std::uint32_t keyword, const Landmarks& marks);
    void fill_compound(std::uint32_t index, std::uint32_t keyword, const Landmarks& marks);

    // definitions.cpp
    void read_decorator(std::uint32_t at, std::uint32_t end);
    void read_definition(std::uint32_t index, std::uint32_t keyword, std::uint32_t colon);
    void read_parameters(std::uint32_t statement, TokenRange inside);
    void read_imports(std::uint32_t statement, TokenRange range, bool from);
    void read_with_items(std::uint32_t statement, TokenRange range);
    void report(DiagnosticKind kind, std::uint32_t token);

    ParsedFile& file_;
    const std::vector<Token>& tokens_;
    ExpressionScanner scanner_;
    std::vector<OpenBlock> open_;
    std::uint32_t awaiting_body_ = kNone;   // a header whose body should follow on the next INDENT
    std::uint32_t pending_decorators_ = 0;  // at the end of file_.decorators, not yet attached
    Discovery discovery_;
};

}  // namespace qa::detail
