// Lines, indentation, brackets and encodings: where logical lines start and end.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "analysis_helpers.hpp"

namespace qa {
namespace {

using testing::describe_tokens;
using testing::diagnostics_text;
using testing::parse;

// Names are scanned 16 bytes at a time: whatever the name's length, it ends exactly at the first
// byte that cannot continue it, and non-ASCII bytes continue it.
TEST(Layout, ANameEndsAtTheFirstByteThatCannotContinueIt) {
    const std::string alphabet = "zAbY_09q\xC3\xA9";
    for (std::size_t length = 1; length <= 40; ++length) {
        std::string name;
        for (std::size_t i = 0; i < length; ++i)
            name += alphabet[i % alphabet.size()];
        for (int byte = 0; byte < 0x80; ++byte) {
            const char stop = static_cast<char>(byte);
            if (std::isalnum(byte) || stop == '_')
                continue;
            const auto file = parse(name + stop + " x\n");
            ASSERT_FALSE(file.lexed.tokens.empty());
            EXPECT_EQ(file.lexed.tokens[0].kind, TokenKind::name) << length << " " << byte;
            EXPECT_EQ(file.token_text(0), name) << length << " " << byte;
        }
    }
}

TEST(Layout, CommentsAreKeptAsideAndMakeNoTokens) {
    const auto file = parse("# header\nx = 1  # trailing\n    # indented comment line\ny = 2\n");
    EXPECT_EQ(describe_tokens(file),
              "NAME:x OP:= NUMBER:1 NEWLINE NAME:y OP:= NUMBER:2 NEWLINE END");
    ASSERT_EQ(file.lexed.comments.size(), 3u);
    EXPECT_EQ(file.text(file.lexed.comments[1]), "# trailing");
}

TEST(Layout, BackslashContinuationJoinsLines) {
    const auto file = parse("x = 1 + \\\n    2\nassert x == \\\n  3, \\\n  'msg'\n");
    ASSERT_EQ(file.statements.size(), 2u);
    EXPECT_EQ(file.statements[1].kind, StatementKind::assert_);
    EXPECT_EQ(file.statements[1].line, 3u);
    EXPECT_EQ(file.statements[1].end_line, 5u);
    EXPECT_EQ(file.text(file.statements[1].secondary), "'msg'");
    EXPECT_TRUE(file.diagnostics.empty()) << diagnostics_text(file);
}

TEST(Layout, StrayBackslashIsAnErrorToken) {
    const auto file = parse("x = 1 \\ 2\ny = 3\n");
    EXPECT_TRUE(file.diagnostics.contains(DiagnosticKind::invalid_character));
    EXPECT_EQ(file.statements.size(), 2u);
}

TEST(Layout, BracketsSpanLinesWithoutIndentTokens) {
    const auto file = parse(
        "def test_a():\n    result = call(\n1,\n        [2,\n  3],\n    {'k':\n'v'})\n"
        "    assert result\n");
    const auto indents = std::count_if(file.tokens().begin(), file.tokens().end(),
                                       [](const Token& t) { return t.kind == TokenKind::indent; });
    EXPECT_EQ(indents, 1);
    EXPECT_EQ(testing::describe_statements(file), "def@0 assignment@1 assert@1");
    EXPECT_EQ(file.statements[1].end_line, 7u);
    EXPECT_TRUE(file.diagnostics.empty()) << diagnostics_text(file);
}

TEST(Layout, IndentAndDedentBalance) {
    const auto file = parse("if a:\n    if b:\n        c\n    d\ne\n");
    EXPECT_EQ(describe_tokens(file),
              "NAME:if NAME:a OP:: NEWLINE INDENT NAME:if NAME:b OP:: NEWLINE INDENT NAME:c "
              "NEWLINE DEDENT NAME:d NEWLINE DEDENT NAME:e NEWLINE END");
}

TEST(Layout, DedentsAtEndOfFileWithoutNewline) {
    const auto file = parse("class A:\n    def f(self):\n        return 1");
    EXPECT_TRUE(describe_tokens(file).ends_with("NUMBER:1 NEWLINE DEDENT DEDENT END"))
        << describe_tokens(file);
    EXPECT_EQ(file.statements.back().end_line, 3u);
}

TEST(Layout, TabsUseStopsOfEight) {
    // A tab reaches column 8; eight spaces are the same level. CPython accepts this.
    const auto file = parse("if a:\n\tb = 1\n        c = 2\n");
    EXPECT_EQ(testing::describe_statements(file), "if@0 assignment@1 assignment@1");
    EXPECT_FALSE(file.diagnostics.contains(DiagnosticKind::inconsistent_dedent));
}

TEST(Layout, TabsAndSpacesThatDependOnTabSizeAreReported) {
    // One tab vs four spaces: the same level only with tab size 4 (CPython's TabError).
    const auto file = parse("if a:\n    b = 1\n\tc = 2\n");
    EXPECT_TRUE(file.diagnostics.contains(DiagnosticKind::inconsistent_tabs))
        << diagnostics_text(file);
    EXPECT_EQ(file.tokens().back().kind, TokenKind::end_marker);
}

TEST(Layout, CrLfAndLoneCrEndLines) {
    const auto crlf = parse("x = 1\r\ndef f():\r\n    return 2\r\n");
    const auto cr = parse("x = 1\rdef f():\r    return 2\r");
    for (const ParsedFile* file : {&crlf, &cr}) {
        EXPECT_EQ(testing::describe_statements(*file), "assignment@0 def@0 return@1");
        EXPECT_EQ(file->statements[2].line, 3u);
        EXPECT_EQ(file->line_text(2), "def f():");
        EXPECT_EQ(file->line_count(), 3u);
        EXPECT_TRUE(file->diagnostics.empty()) << diagnostics_text(*file);
    }
    const auto mixed = parse("a = 1\r\nb = 2\rc = 3\nd = '''x\r\ny\rz'''\ne = 4\n");
    EXPECT_EQ(mixed.statements.back().line, 7u);
}

TEST(Layout, Utf8ByteOrderMarkIsSkipped) {
    const auto file = parse("\xEF\xBB\xBFimport os\ndef test_a():\n    pass\n");
    EXPECT_TRUE(file.lexed.has_bom);
    EXPECT_EQ(file.token_text(0), "import");
    ASSERT_EQ(file.imports.size(), 1u);
    EXPECT_EQ(file.text(file.imports[0].module), "os");
    EXPECT_TRUE(file.diagnostics.empty());
}

TEST(Layout, NonAsciiIdentifiersAndStrings) {
    const auto file = parse("def test_données():\n    café = 'naïve ✓'\n    assert café\n");
    ASSERT_EQ(file.functions.size(), 1u);
    EXPECT_EQ(file.text(file.functions[0].name), "test_données");
    EXPECT_TRUE(file.diagnostics.empty());
}

TEST(Layout, InvalidUtf8IsReportedAndTolerated) {
    const auto file = parse("x = 'caf\xE9'\n\xFF\xFE = 2\ndef test_a():\n    pass\n");
    ASSERT_FALSE(file.diagnostics.items.empty());
    EXPECT_EQ(file.diagnostics.items.back().kind, DiagnosticKind::invalid_utf8);
    EXPECT_EQ(file.diagnostics.items.back().line, 1u);
    EXPECT_EQ(file.invalid_utf8_offset, 8u);
    EXPECT_EQ(file.functions.size(), 1u);
}

TEST(Layout, NulAndOtherStrayBytesAreErrorTokens) {
    const char source[] = "x = $ ? `\0 1\ny = 2\n";
    const auto file = parse(std::string(source, sizeof source - 1));
    EXPECT_TRUE(file.diagnostics.contains(DiagnosticKind::invalid_character));
    EXPECT_EQ(file.statements.size(), 2u);
}

TEST(Layout, InconsistentDedentIsRebasedNotFatal) {
    const auto file = parse("if a:\n        b\n    c\nd\n");
    EXPECT_TRUE(file.diagnostics.contains(DiagnosticKind::inconsistent_dedent));
    EXPECT_EQ(testing::describe_statements(file), "if@0 expression@1 expression@1 expression@0");
}

TEST(Layout, UnexpectedIndentKeepsTheTreeWhole) {
    const auto file = parse("a = 1\n    b = 2\nc = 3\n");
    EXPECT_TRUE(file.diagnostics.contains(DiagnosticKind::unexpected_indent));
    EXPECT_EQ(testing::describe_statements(file), "assignment@0 assignment@0 assignment@0");
}

TEST(Layout, UnclosedBracketAtEndOfFile) {
    const auto file = parse("def test_a():\n    x = call(1,\n        2\n");
    EXPECT_TRUE(file.diagnostics.contains(DiagnosticKind::unclosed_bracket));
    EXPECT_EQ(file.diagnostics.items[0].line, 2u);
    EXPECT_EQ(file.tokens().back().kind, TokenKind::end_marker);
    ASSERT_EQ(file.functions.size(), 1u);
    ASSERT_EQ(file.calls.size(), 1u);
    EXPECT_TRUE(file.calls[0].flags & kCallUnclosed);
}

TEST(Layout, UnclosedBracketRecoversAtTheNextDef) {
    const auto file = parse(
        "def test_a():\n    x = call(1,\n\ndef test_b():\n    assert True\n\n"
        "class TestC:\n    def test_c(self):\n        assert [1\n    def test_d(self):\n"
        "        pass\n");
    EXPECT_TRUE(file.diagnostics.contains(DiagnosticKind::unclosed_bracket));
    std::vector<std::string> tests;
    for (const Function& f : file.functions) {
        if (f.is_test())
            tests.emplace_back(file.text(f.name));
    }
    EXPECT_EQ(tests, (std::vector<std::string>{"test_a", "test_b", "test_c", "test_d"}));
    EXPECT_EQ(file.functions[1].def_line, 4u);
}

TEST(Layout, AsyncForInsideBracketsIsNotARecoveryPoint) {
    const auto file =
        parse("async def f():\n    xs = [x\n        async for x in gen()]\n    return xs\n");
    EXPECT_TRUE(file.diagnostics.empty()) << diagnostics_text(file);
    EXPECT_EQ(testing::describe_statements(file), "def@0 assignment@1 return@1");
    EXPECT_TRUE(file.statements[1].flags & kStmtComprehension);
}

TEST(Layout, UnmatchedClosersAreReportedAndIgnored) {
    const auto file = parse("x = (1]\ny = 2)\nz = 3\n");
    EXPECT_TRUE(file.diagnostics.contains(DiagnosticKind::unmatched_bracket));
    EXPECT_EQ(file.statements.size(), 3u);
}

TEST(Layout, NumbersInEveryForm) {
    const auto file = parse(
        "n = [0, 10, 1_000, 0x1F, 0o17, 0b1010, 1.5, .5, 1., 1e10, 1.5E-3, 3j, "
        "1_0.0_1e+1_0J, 0xE+1]\n");
    EXPECT_EQ(
        testing::texts_of(file, TokenKind::number),
        (std::vector<std::string>{"0", "10", "1_000", "0x1F", "0o17", "0b1010", "1.5", ".5", "1.",
                                  "1e10", "1.5E-3", "3j", "1_0.0_1e+1_0J", "0xE", "1"}));
}

TEST(Layout, OperatorsLongestMatch) {
    const auto file = parse("a **= b // c >>= d -> e := f ... g != h <= i << j @= k\n");
    EXPECT_EQ(
        testing::texts_of(file, TokenKind::op),
        (std::vector<std::string>{"**=", "//", ">>=", "->", ":=", "...", "!=", "<=", "<<", "@="}));
}

TEST(Layout, EmptyAndBlankSources) {
    for (const char* source :
         {"", "\n", "\n\n   \n", "# only a comment", "\xEF\xBB\xBF", "\r", "    \n\t\n"}) {
        const auto file = parse(source);
        EXPECT_EQ(describe_tokens(file), "END") << source;
        EXPECT_TRUE(file.statements.empty());
    }
}

TEST(Layout, KeywordsAreClassified) {
    const auto file = parse("async def f(): await x; yield y; return not None\n");
    EXPECT_EQ(file.tokens()[0].keyword(), Keyword::async);
    EXPECT_EQ(file.tokens()[1].keyword(), Keyword::def);
    EXPECT_TRUE(file.tokens()[2].is_identifier());
    EXPECT_TRUE(file.tokens()[6].is(Keyword::await));
}

}  // namespace
}  // namespace qa
