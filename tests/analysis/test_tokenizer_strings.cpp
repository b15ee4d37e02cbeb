// Every Python 3 string form is one STRING token, whatever it contains.
#include <gtest/gtest.h>

#include "analysis_helpers.hpp"

namespace qa {
namespace {

using testing::describe_tokens;
using testing::parse;
using testing::texts_of;

struct StringCase {
    const char* source;  // one literal on its own line
    std::uint8_t flags;  // expected StringFlag bits (without unterminated)
};

void PrintTo(const StringCase& c, std::ostream* out) {
    *out << c.source;
}

class OneStringToken : public ::testing::TestWithParam<StringCase> {};

TEST_P(OneStringToken, IsOneTokenWithItsFlags) {
    const std::string literal = GetParam().source;
    const auto file = parse("x = " + literal + "\n");
    ASSERT_EQ(file.tokens().size(), 5u) << describe_tokens(file);
    const Token& token = file.tokens()[2];
    EXPECT_EQ(token.kind, TokenKind::string);
    EXPECT_EQ(file.token_text(2), literal);
    EXPECT_EQ(token.code, GetParam().flags) << literal;
    EXPECT_TRUE(file.diagnostics.empty()) << testing::diagnostics_text(file);
}

INSTANTIATE_TEST_SUITE_P(
    Forms, OneStringToken,
    ::testing::Values(StringCase{"'single'", 0}, StringCase{"\"double\"", 0},
                      StringCase{"'''triple single'''", kStringTriple},
                      StringCase{"\"\"\"triple double\"\"\"", kStringTriple},
                      StringCase{"'it\\'s'", 0}, StringCase{"\"say \\\"hi\\\"\"", 0},
                      StringCase{"'a \" b'", 0}, StringCase{"\"\"", 0}, StringCase{"''", 0},
                      StringCase{"r'\\d+'", kStringRaw}, StringCase{"R\"\\\"\"", kStringRaw},
                      StringCase{"b'\\x00'", kStringBytes}, StringCase{"B\"x\"", kStringBytes},
                      StringCase{"u'text'", kStringUnicode}, StringCase{"U'text'", kStringUnicode},
                      StringCase{"rb'x'", kStringRaw | kStringBytes},
                      StringCase{"Br'x'", kStringRaw | kStringBytes},
                      StringCase{"bR'x'", kStringRaw | kStringBytes},
                      StringCase{"RB'x'", kStringRaw | kStringBytes},
                      StringCase{"f'{x}'", kStringFormatted},
                      StringCase{"F'{x}'", kStringFormatted},
                      StringCase{"rf'{x}\\d'", kStringRaw | kStringFormatted},
                      StringCase{"fR'{x}'", kStringRaw | kStringFormatted},
                      StringCase{"Rf'{x}'", kStringRaw | kStringFormatted},
                      StringCase{"rb'''a\nb'''", kStringRaw | kStringBytes | kStringTriple},
                      StringCase{"'''it's \"\" ''x'''", kStringTriple},
                      StringCase{"\"\"\"a \\\"\"\" b\"\"\"", kStringTriple}));

TEST(Strings, ImplicitConcatenationIsSeveralTokens) {
    const auto file = parse("msg = ('a' \"b\"\n       f'{c}' rb'd')\n");
    EXPECT_EQ(texts_of(file, TokenKind::string),
              (std::vector<std::string>{"'a'", "\"b\"", "f'{c}'", "rb'd'"}));
    ASSERT_EQ(file.statements.size(), 1u);
    EXPECT_EQ(file.statements[0].kind, StatementKind::assignment);
}

TEST(Strings, NotAPrefixMakesANameThenAString) {
    // `ur` is Python 2 only; `bf` is no prefix at all.
    const auto file = parse("ur'x'\nbf'y'\n");
    EXPECT_EQ(describe_tokens(file), "NAME:ur STRING:'x' NEWLINE NAME:bf STRING:'y' NEWLINE END");
}

TEST(Strings, TripleQuotedSpansLinesAndKeepsLineNumbers) {
    const auto file = parse("s = '''one\ntwo\nthree'''\ny = 1\n");
    const auto& tokens = file.tokens();
    EXPECT_EQ(tokens[2].line, 1u);
    EXPECT_EQ(tokens[3].kind, TokenKind::newline);
    EXPECT_EQ(tokens[3].line, 3u);
    EXPECT_EQ(tokens[4].line, 4u);  // y
    EXPECT_EQ(file.statements[0].end_line, 3u);
}

TEST(Strings, BackslashNewlineContinuesASingleQuotedString) {
    const auto file = parse("s = 'one \\\ntwo'\n");
    EXPECT_EQ(texts_of(file, TokenKind::string), (std::vector<std::string>{"'one \\\ntwo'"}));
    EXPECT_TRUE(file.diagnostics.empty());
}

TEST(FStrings, NestedQuotesOfTheOtherKind) {
    const auto file = parse("x = f\"{d['key']} and {f'{y!r:>{width}}'}\"\n");
    EXPECT_EQ(texts_of(file, TokenKind::string).size(), 1u) << describe_tokens(file);
    EXPECT_TRUE(file.diagnostics.empty());
}

TEST(FStrings, SameQuoteNestingOfPython312) {
    const auto file = parse("x = f\"{d[\"key\"]} {f\"{f\"{1}\"}\"}\"\ny = 2\n");
    EXPECT_EQ(texts_of(file, TokenKind::string).size(), 1u) << describe_tokens(file);
    EXPECT_EQ(file.statements.size(), 2u);
    EXPECT_TRUE(file.diagnostics.empty()) << testing::diagnostics_text(file);
}

TEST(FStrings, DoubledBracesAreText) {
    const auto file = parse("x = f'{{literal}} {value} }}'\n");
    EXPECT_EQ(texts_of(file, TokenKind::string).size(), 1u);
    EXPECT_TRUE(file.diagnostics.empty());
}

TEST(FStrings, BracesAndColonsInsideFieldExpressions) {
    const auto file = parse("x = f'{ {\"a\": 1}[\"a\"] } {a[1:2]} {x:{w}.{p}f} {y!s}'\nz = 1\n");
    EXPECT_EQ(texts_of(file, TokenKind::string).size(), 1u) << describe_tokens(file);
    EXPECT_EQ(file.statements.size(), 2u);
}

TEST(FStrings, NamedUnicodeEscapeIsNotAField) {
    const auto file = parse("x = f'\\N{EM DASH} {y}'\nz = 1\n");
    EXPECT_EQ(texts_of(file, TokenKind::string).size(), 1u);
    EXPECT_TRUE(file.diagnostics.empty());
}

TEST(FStrings, TripleQuotedFieldSpansLines) {
    const auto file = parse("x = f'''{\n  a +\n  b\n}'''\ny = 1\n");
    EXPECT_EQ(texts_of(file, TokenKind::string).size(), 1u);
    EXPECT_EQ(file.statements.size(), 2u);
    EXPECT_EQ(file.statements[1].line, 5u);
}

TEST(FStrings, Python312MultiLineFieldInsideBrackets) {
    const auto file = parse("x = f\"{', '.join([\n    'a',  # a comment\n    'b'])}\"\ny = 1\n");
    EXPECT_EQ(texts_of(file, TokenKind::string).size(), 1u) << describe_tokens(file);
    EXPECT_EQ(file.statements.size(), 2u);
}

TEST(FStrings, UnterminatedFieldCostsOnlyItsLine) {
    const auto file = parse("x = f'{y'\nz = 1\n");
    EXPECT_TRUE(file.diagnostics.contains(DiagnosticKind::unterminated_string));
    ASSERT_EQ(file.statements.size(), 2u);
    EXPECT_EQ(file.text(file.statements[1].tokens), "z = 1");
}

TEST(Strings, UnterminatedSingleQuotedStopsAtItsLine) {
    const auto file = parse("a = 'oops\nb = 2\n");
    ASSERT_EQ(file.statements.size(), 2u);
    EXPECT_TRUE(file.tokens()[2].has_string_flag(kStringUnterminated));
    EXPECT_EQ(file.token_text(2), "'oops");
    EXPECT_EQ(file.diagnostics.items.at(0).kind, DiagnosticKind::unterminated_string);
    EXPECT_EQ(file.diagnostics.items.at(0).line, 1u);
}

TEST(Strings, UnterminatedTripleQuotedRunsToTheEnd) {
    const auto file = parse("def test_a():\n    s = \"\"\"never closed\n    assert x\n");
    EXPECT_TRUE(file.diagnostics.contains(DiagnosticKind::unterminated_triple_string));
    EXPECT_EQ(file.tokens().back().kind, TokenKind::end_marker);
    ASSERT_EQ(file.functions.size(), 1u);
    EXPECT_TRUE(file.functions[0].is_test());
}

TEST(Strings, UnterminatedAtEndOfFileWithoutNewline) {
    for (const char* source : {"'", "\"", "'''", "f'", "f'{", "f'{'", "rb\"\\", "f\"{x:"}) {
        const auto file = parse(source);
        EXPECT_EQ(file.tokens().back().kind, TokenKind::end_marker) << source;
        EXPECT_FALSE(file.diagnostics.empty()) << source;
    }
}

}  // namespace
}  // namespace qa
