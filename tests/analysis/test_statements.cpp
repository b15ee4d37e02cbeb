// The statement tree: kinds, nesting, clauses, the parts of each statement, literals,
// comparisons and flags.
#include <gtest/gtest.h>

#include "analysis_helpers.hpp"

namespace qa {
namespace {

using testing::describe_statements;
using testing::parse;

TEST(Statements, KindsOfSimpleStatements) {
    const auto file = parse(
        "def f():\n    x = 1\n    x += 2\n    y: int = 3\n    z: int\n    a = b = 4\n"
        "    call()\n    assert x\n    pass\n    del x\n    global g\n    nonlocal n\n"
        "    import os\n    from a import b\n    raise E from e\n    return x\n"
        "    for i in r:\n        break\n        continue\n");
    EXPECT_EQ(describe_statements(file),
              "def@0 assignment@1 assignment@1 assignment@1 assignment@1 assignment@1 "
              "expression@1 assert@1 pass@1 del@1 global@1 nonlocal@1 import@1 import@1 raise@1 "
              "return@1 for@1 break@2 continue@2");
    const auto& s = file.statements;
    EXPECT_TRUE(s[2].flags & kStmtAugmented);
    EXPECT_TRUE(s[3].flags & kStmtAnnotated);
    EXPECT_EQ(file.text(s[3].secondary), "y: int");
    EXPECT_EQ(file.text(s[3].primary), "3");
    EXPECT_TRUE(s[4].primary.empty());
    EXPECT_EQ(file.text(s[5].secondary), "a = b");
    EXPECT_EQ(file.text(s[5].primary), "4");
    EXPECT_TRUE(s[13].flags & kStmtFromImport);
    EXPECT_EQ(file.text(s[14].primary), "E");
    EXPECT_EQ(file.text(s[14].secondary), "e");
}

TEST(Statements, TreeLinksParentsDepthsAndSubtrees) {
    const auto file = parse("def test_a():\n    if x:\n        y()\n    z()\nw = 1\n");
    const auto& s = file.statements;
    ASSERT_EQ(s.size(), 5u);
    EXPECT_EQ(s[0].subtree_end, 4u);
    EXPECT_EQ(s[1].parent, 0u);
    EXPECT_EQ(s[1].subtree_end, 3u);
    EXPECT_EQ(s[2].parent, 1u);
    EXPECT_EQ(s[2].depth, 2u);
    EXPECT_EQ(s[2].scope, 0u);
    EXPECT_EQ(s[3].parent, 0u);
    EXPECT_EQ(s[4].parent, kNone);
    EXPECT_EQ(s[4].scope, kNone);
    EXPECT_EQ(s[0].end_line, 4u);
    EXPECT_EQ(s[1].end_line, 3u);
    // Direct children by hopping subtrees.
    std::vector<std::uint32_t> children;
    const StatementRange body = file.body_of(0);
    for (std::uint32_t i = body.begin; i < body.end; i = s[i].subtree_end)
        children.push_back(i);
    EXPECT_EQ(children, (std::vector<std::uint32_t>{1, 3}));
}

TEST(Statements, IfElifElseChainsShareAHead) {
    const auto file = parse("if a:\n    x\nelif b:\n    y\nelse:\n    z\n");
    EXPECT_EQ(describe_statements(file),
              "if@0 expression@1 elif@0 expression@1 else@0 expression@1");
    EXPECT_EQ(file.statements[2].head, 0u);
    EXPECT_EQ(file.statements[4].head, 0u);
    EXPECT_EQ(file.text(file.statements[2].primary), "b");
}

TEST(Statements, TryExceptElseFinallyWithHandlerTypes) {
    const auto file = parse(
        "try:\n    run()\nexcept (ValueError, KeyError) as error:\n    log(error)\n"
        "except* OSError:\n    pass\nexcept:\n    raise\nelse:\n    ok()\nfinally:\n    done()\n");
    EXPECT_EQ(describe_statements(file),
              "try@0 expression@1 except@0 expression@1 except@0 pass@1 except@0 raise@1 else@0 "
              "expression@1 finally@0 expression@1");
    const auto& s = file.statements;
    EXPECT_EQ(file.text(s[2].primary), "(ValueError, KeyError)");
    EXPECT_EQ(file.text(s[2].secondary), "error");
    EXPECT_TRUE(s[4].flags & kStmtExceptStar);
    EXPECT_EQ(file.text(s[4].primary), "OSError");
    EXPECT_TRUE(s[6].primary.empty());  // bare except
    for (const std::uint32_t clause : {2u, 4u, 6u, 8u, 10u})
        EXPECT_EQ(s[clause].head, 0u) << clause;
    EXPECT_EQ(file.calls_in(file.body_of(2)).size(), 1u);
}

TEST(Statements, LoopsWithElseAndTheirParts) {
    const auto file = parse(
        "for i, (a, b) in enumerate(pairs):\n    pass\nelse:\n    done()\n"
        "async for x in stream():\n    pass\nwhile not ready():\n    wait()\n");
    const auto& s = file.statements;
    EXPECT_EQ(file.text(s[0].secondary), "i, (a, b)");
    EXPECT_EQ(file.text(s[0].primary), "enumerate(pairs)");
    EXPECT_EQ(s[2].kind, StatementKind::else_);
    EXPECT_EQ(s[2].head, 0u);
    EXPECT_TRUE(s[4].flags & kStmtAsync);
    EXPECT_EQ(s[4].kind, StatementKind::for_);
    EXPECT_EQ(s[6].kind, StatementKind::while_);
    EXPECT_EQ(file.text(s[6].primary), "not ready()");
}

TEST(Statements, WithItemsAndBody) {
    const auto file = parse(
        "with pytest.raises(ValueError, match='bad') as info, open(p) as f:\n    parse(f)\n"
        "with (\n    patch('a.b') as mocked,\n    lock,\n):\n    go()\n");
    const auto& s = file.statements;
    ASSERT_EQ(s[0].kind, StatementKind::with_);
    const auto items = file.with_items_of(0);
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(file.text(items[0].context), "pytest.raises(ValueError, match='bad')");
    EXPECT_EQ(file.text(items[0].target), "info");
    EXPECT_EQ(file.text(items[1].context), "open(p)");
    const auto parenthesized = file.with_items_of(2);
    ASSERT_EQ(parenthesized.size(), 2u);
    EXPECT_EQ(file.text(parenthesized[0].context), "patch('a.b')");
    EXPECT_EQ(file.text(parenthesized[0].target), "mocked");
    EXPECT_EQ(file.text(parenthesized[1].context), "lock");
    EXPECT_TRUE(parenthesized[1].target.empty());
    EXPECT_EQ(file.body_of(2).size(), 1u);
}

TEST(Statements, AssertParts) {
    const auto file = parse(
        "assert x == 1, 'x is one'\nassert (x, 'always true')\nassert (x)\nassert (a) + (b)\n"
        "assert ()\nassert True\nassert not x\n");
    const auto& s = file.statements;
    EXPECT_EQ(file.text(s[0].primary), "x == 1");
    EXPECT_EQ(file.text(s[0].secondary), "'x is one'");
    EXPECT_FALSE(s[0].flags & kStmtParenthesizedTuple);
    EXPECT_TRUE(s[1].flags & kStmtParenthesizedTuple);
    EXPECT_TRUE(s[1].secondary.empty());
    EXPECT_FALSE(s[2].flags & kStmtParenthesizedTuple);
    EXPECT_FALSE(s[3].flags & kStmtParenthesizedTuple);
    EXPECT_FALSE(s[4].flags & kStmtParenthesizedTuple);
    EXPECT_EQ(s[5].literal, LiteralKind::true_);
    EXPECT_EQ(s[6].literal, LiteralKind::none);
}

TEST(Statements, Literals) {
    const auto file =
        parse("1\n-2.5\n'doc' \"string\"\nb'x'\nf'{x}'\nTrue\nFalse\nNone\n...\nx\n(1)\n");
    std::vector<LiteralKind> kinds;
    for (const Statement& s : file.statements)
        kinds.push_back(s.literal);
    EXPECT_EQ(kinds,
              (std::vector<LiteralKind>{
                  LiteralKind::number, LiteralKind::number, LiteralKind::string, LiteralKind::bytes,
                  LiteralKind::none, LiteralKind::true_, LiteralKind::false_, LiteralKind::none_,
                  LiteralKind::ellipsis, LiteralKind::none, LiteralKind::none}));
}

TEST(Statements, ComparisonsWithTheirOperands) {
    const auto file = parse(
        "assert x == x\nassert a < b <= c\nassert f(x) is not None and y not in z, 'm'\n"
        "ok = [v for v in values if v != 0]\nassert d[k] == (1, 2)\n");
    const auto cmp = [&](std::size_t i) {
        const Comparison& c = file.comparisons[i];
        return std::string(file.text(c.left)) + " " + std::string(to_string(c.op)) + " " +
               std::string(file.text(c.right));
    };
    ASSERT_EQ(file.comparisons.size(), 7u);
    EXPECT_EQ(cmp(0), "x == x");
    EXPECT_TRUE(file.same_tokens(file.comparisons[0].left, file.comparisons[0].right));
    EXPECT_EQ(cmp(1), "a < b");
    EXPECT_EQ(cmp(2), "b <= c");
    EXPECT_EQ(cmp(3), "f(x) is not None");
    EXPECT_EQ(cmp(4), "y not in z");
    EXPECT_EQ(cmp(5), "v != 0");  // the comprehension's `in` is not a comparison
    EXPECT_EQ(cmp(6), "d[k] == (1, 2)");
    EXPECT_EQ(file.comparisons_of(2).size(), 2u);
}

TEST(Statements, SameTokensIgnoresSpacing) {
    const auto file = parse("assert f( a ,b )== f(a, b)\nassert f(a) == f(b)\n");
    EXPECT_TRUE(file.same_tokens(file.comparisons[0].left, file.comparisons[0].right));
    EXPECT_FALSE(file.same_tokens(file.comparisons[1].left, file.comparisons[1].right));
}

TEST(Statements, ComprehensionAwaitYieldLambdaFlags) {
    const auto file = parse(
        "xs = [x for x in y]\nys = {k: v for k, v in d.items()}\nany(x for x in y)\n"
        "z = await fetch()\nv = yield\nf = lambda a, b=1: a == b\nplain = [1, 2]\n");
    const auto& s = file.statements;
    EXPECT_TRUE(s[0].flags & kStmtComprehension);
    EXPECT_TRUE(s[1].flags & kStmtComprehension);
    EXPECT_TRUE(s[2].flags & kStmtComprehension);
    EXPECT_TRUE(s[3].flags & kStmtHasAwait);
    EXPECT_TRUE(s[4].flags & kStmtHasYield);
    EXPECT_TRUE(s[5].flags & kStmtHasLambda);
    EXPECT_EQ(file.text(s[5].secondary), "f");  // the lambda's default is not an assignment
    EXPECT_FALSE(s[6].flags & kStmtComprehension);
}

TEST(Statements, InlineBodiesAndSemicolons) {
    const auto file = parse("if x: a(); b()\nelse: c()\ndef f(): return 1\nd = 1; e = 2\n");
    EXPECT_EQ(describe_statements(file),
              "if@0 expression@1 expression@1 else@0 expression@1 def@0 return@1 assignment@0 "
              "assignment@0");
    EXPECT_TRUE(file.statements[0].flags & kStmtInlineBody);
    EXPECT_EQ(file.statements[0].subtree_end, 3u);
    EXPECT_EQ(file.statements[3].head, 0u);
}

TEST(Statements, MatchAndCaseAreSoftKeywords) {
    const auto file = parse(
        "match command:\n    case [x, y]:\n        go(x)\n    case _:\n        pass\n"
        "match = re.match(p, s)\nmatch(x)\ncase: int = 1\n");
    EXPECT_EQ(describe_statements(file),
              "match@0 case@1 expression@2 case@1 pass@2 assignment@0 expression@0 assignment@0");
}

TEST(Statements, DefAndClassHeaders) {
    const auto file = parse(
        "class A(Base, metaclass=M):\n    def m(self, x: int = 1, *args, k, **kw) -> int:\n"
        "        return x\n");
    const auto& s = file.statements;
    EXPECT_EQ(file.text(s[0].primary), "Base, metaclass=M");
    EXPECT_EQ(file.text(s[1].primary), "self, x: int = 1, *args, k, **kw");
    EXPECT_EQ(file.text(s[1].secondary), "int");
    EXPECT_EQ(s[1].scope, 0u);
    EXPECT_EQ(s[2].scope, 1u);
}

TEST(Statements, StatementSourceText) {
    const auto file =
        parse("def test_a():\n    assert compute(1,\n                   2) == 3  # c\n");
    EXPECT_EQ(file.text(file.statements[1].tokens),
              "assert compute(1,\n                   2) == 3");
    EXPECT_EQ(file.statements[1].line, 2u);
    EXPECT_EQ(file.statements[1].end_line, 3u);
}

TEST(Statements, MissingBodyAndStrayClausesAreMarked) {
    const auto file = parse("if x:\ny = 1\nelse:\n    pass\nfor i in\n");
    EXPECT_TRUE(file.diagnostics.contains(DiagnosticKind::missing_block));
    EXPECT_TRUE(file.statements[0].flags & kStmtMalformed);
    EXPECT_TRUE(file.statements[2].flags & kStmtMalformed);  // else after an assignment
    EXPECT_TRUE(file.statements.back().flags & kStmtMalformed);
}

}  // namespace
}  // namespace qa
