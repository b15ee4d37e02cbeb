// Calls: dotted targets, argument counts, keyword names, literal first arguments, nesting.
#include <gtest/gtest.h>

#include "analysis_helpers.hpp"

namespace qa {
namespace {

using testing::parse;

std::vector<std::string> targets(const ParsedFile& file) {
    std::vector<std::string> out;
    for (const Call& call : file.calls)
        out.emplace_back(file.text(call.target));
    return out;
}

TEST(Calls, DottedTargets) {
    const auto file = parse(
        "self.assertEqual(a, b)\nwith pytest.raises(E):\n    pass\ntime.sleep(1)\n"
        "mock_obj.assert_called_once_with(x=1)\nprint()\n");
    EXPECT_EQ(targets(file),
              (std::vector<std::string>{"self.assertEqual", "pytest.raises", "time.sleep",
                                        "mock_obj.assert_called_once_with", "print"}));
    EXPECT_EQ(file.calls[1].statement, 1u);
}

TEST(Calls, CalleesThatAreNotNames) {
    const auto file =
        parse("client.get('/x').json()\nfactory()()\nhandlers[0](e)\n', '.join(xs)\n");
    EXPECT_EQ(targets(file),
              (std::vector<std::string>{"client.get", "json", "factory", "", "", "join"}));
    EXPECT_FALSE(file.calls[0].flags & kCallOnResult);
    EXPECT_TRUE(file.calls[1].flags & kCallOnResult);
    EXPECT_TRUE(file.calls[3].flags & kCallOnResult);
    EXPECT_TRUE(file.calls[5].flags & kCallOnResult);
}

TEST(Calls, KeywordsAreNotCalls) {
    const auto file = parse("if (a):\n    pass\nassert (x)\nx = not (y)\nreturn (z)\n");
    EXPECT_TRUE(file.calls.empty());
}

TEST(Calls, ArgumentsAndKeywords) {
    const auto file = parse(
        "f()\nf(a)\nf(a, b,)\nf(a, key=1, other=g(x, inner=2))\nf(*args, **kwargs)\n"
        "f(x for x in y)\nf(lambda a, b=1: a, c)\nf(\n    a,\n    b,\n)\n");
    const auto& c = file.calls;
    ASSERT_EQ(c.size(), 9u);
    EXPECT_EQ(c[0].arg_count, 0u);
    EXPECT_EQ(c[1].arg_count, 1u);
    EXPECT_EQ(c[2].arg_count, 2u);
    EXPECT_EQ(c[3].arg_count, 3u);
    ASSERT_EQ(c[3].keyword_count, 2u);
    EXPECT_EQ(file.text(file.keywords_of(c[3])[0]), "key");
    EXPECT_EQ(file.text(file.keywords_of(c[3])[1]), "other");
    EXPECT_EQ(file.text(c[4].target), "g");
    EXPECT_EQ(c[4].parent, 3u);
    ASSERT_EQ(c[4].keyword_count, 1u);
    EXPECT_EQ(file.text(file.keywords_of(c[4])[0]), "inner");
    EXPECT_EQ(c[5].arg_count, 2u);
    EXPECT_TRUE(c[5].flags & kCallStarArgs);
    EXPECT_EQ(c[5].keyword_count, 0u);
    EXPECT_EQ(c[6].arg_count, 1u);
    EXPECT_EQ(c[7].arg_count, 2u);
    EXPECT_EQ(c[7].keyword_count, 0u);
    EXPECT_EQ(c[8].arg_count, 2u);
    EXPECT_EQ(file.text(c[3].args()), "a, key=1, other=g(x, inner=2)");
}

TEST(Calls, FirstArgumentLiteral) {
    const auto file = parse(
        "self.assertTrue(True)\nself.assertEqual(1, x)\nself.assertEqual(-1.5, x)\n"
        "self.assertIn('a' 'b', x)\nself.assertEqual(x, 1)\nf(None)\nf(f'{x}')\nf()\nf(b'x')\n");
    std::vector<LiteralKind> kinds;
    for (const Call& call : file.calls)
        kinds.push_back(call.first_arg_literal);
    EXPECT_EQ(kinds, (std::vector<LiteralKind>{
                         LiteralKind::true_, LiteralKind::number, LiteralKind::number,
                         LiteralKind::string, LiteralKind::none, LiteralKind::none_,
                         LiteralKind::none, LiteralKind::none, LiteralKind::bytes}));
}

TEST(Calls, CallsOfAStatementAndOfABody) {
    const auto file = parse(
        "def test_a(client):\n    r = client.get(url(1))\n    if r.ok:\n        time.sleep(0.1)\n"
        "    assert r.json() == {}\n\ndef test_b():\n    other()\n");
    const Function* a = testing::find_function(file, "test_a");
    ASSERT_NE(a, nullptr);
    const auto all = file.calls_in(file.body_of(*a));
    std::vector<std::string> names;
    for (const Call& call : all)
        names.emplace_back(file.text(call.target));
    EXPECT_EQ(names, (std::vector<std::string>{"client.get", "url", "time.sleep", "r.json"}));
    EXPECT_EQ(file.calls_of(1).size(), 2u);
    EXPECT_EQ(file.calls_of(2).size(), 0u);
}

TEST(Calls, DecoratorArgumentsAreKeptAsTokens) {
    const auto file =
        parse("@pytest.mark.parametrize('x, y', [(1, 2), (3, 4)])\ndef test_p(x, y):\n    pass\n");
    ASSERT_EQ(file.decorators.size(), 1u);
    EXPECT_EQ(file.text(file.decorators[0].args), "'x, y', [(1, 2), (3, 4)]");
}

}  // namespace
}  // namespace qa
