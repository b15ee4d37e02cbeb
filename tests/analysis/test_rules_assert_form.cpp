// Rules on how an assertion is written: tautological-assert, constant-false-assert,
// bare-comparison, suboptimal-assert. Each on its own, positive and negative.
#include <gtest/gtest.h>

#include "rule_helpers.hpp"

namespace qa {
namespace {

using testing::fired_at;
using testing::Lines;
using testing::run_rule;

TEST(RuleTautologicalAssert, FiresOnLiteralsTuplesAndSelfComparisons) {
    EXPECT_EQ(fired_at(RuleId::tautological_assert,
                       "def test_a():\n"
                       "    assert True\n"                 // 2
                       "    assert 1\n"                    // 3
                       "    assert 'yes'\n"                // 4
                       "    assert (x, 'message')\n"       // 5
                       "    assert x == x\n"               // 6
                       "    assert obj.a.b is  obj.a.b\n"  // 7
                       "class T(unittest.TestCase):\n"
                       "    def test_u(self):\n"
                       "        self.assertTrue(True)\n"        // 10
                       "        self.assertTrue('x', 'msg')\n"  // 11
                       "        self.assertFalse(0)\n"          // 12
                       "        self.assertIsNone(None)\n"      // 13
                       "        self.assertEqual(v, v)\n"),     // 14
              (Lines{"test_a:2", "test_a:3", "test_a:4", "test_a:5", "test_a:6", "test_a:7",
                     "test_u:10", "test_u:11", "test_u:12", "test_u:13", "test_u:14"}));
}

TEST(RuleTautologicalAssert, QuietOnRealChecks) {
    EXPECT_EQ(fired_at(RuleId::tautological_assert,
                       "def test_a():\n"
                       "    assert x\n"
                       "    assert x, 'message'\n"
                       "    assert (x)\n"
                       "    assert x == y\n"
                       "    assert f() == f()\n"  // calls may differ
                       "    assert x != x\n"      // NaN check
                       "    assert 0 < x < 0\n"
                       "    assert False\n"  // constant-false's business
                       "class T(unittest.TestCase):\n"
                       "    def test_u(self):\n"
                       "        self.assertTrue(x)\n"
                       "        self.assertEqual(v, w)\n"
                       "        self.assertTrue(False)\n"),
              Lines{});
}

TEST(RuleTautologicalAssert, QuietOnValuesBuiltOnTheSpot) {
    EXPECT_EQ(fired_at(RuleId::tautological_assert,
                       "class T(unittest.TestCase):\n    def test_u(self):\n"
                       "        self.assertEqual(Tuple[int], Tuple[int])\n"
                       "        self.assertEqual(make(), make())\n"
                       "def test_p():\n    assert xs[0] == xs[0]\n"),
              Lines{});
}

TEST(RuleTautologicalAssert, SaysWhy) {
    const auto fired =
        run_rule(RuleId::tautological_assert, "def test_a():\n    assert (x == 1, 'x is one')\n");
    ASSERT_EQ(fired.size(), 1u);
    EXPECT_EQ(fired[0].message,
              "assert (x == 1, 'x is one') tests a non-empty tuple, which is always true");
}

// Messages quote the source as one line: blanks collapse to one space, and past 60 bytes the
// quote is cut on a character boundary and ends in "...".
TEST(RuleTautologicalAssert, QuotesTheSourceOnOneLine) {
    const auto fired = run_rule(RuleId::tautological_assert,
                                "def test_a():\n    assert (x  ==\t1,\r\n            'm'  )\n");
    ASSERT_EQ(fired.size(), 1u);
    EXPECT_EQ(fired[0].message,
              "assert (x == 1, 'm' ) tests a non-empty tuple, which is always true");
}

TEST(RuleTautologicalAssert, CutsALongQuoteOnACharacterBoundary) {
    const std::string tail = " tests a non-empty tuple, which is always true";
    auto fired = run_rule(RuleId::tautological_assert,
                          "def test_a():\n    assert (x == 1, '" + std::string(80, 'a') + "')\n");
    ASSERT_EQ(fired.size(), 1u);
    EXPECT_EQ(fired[0].message, "assert (x == 1, '" + std::string(50, 'a') + "..." + tail);

    // 11 bytes, then two-byte characters: byte 60 is the first half of one, which goes.
    std::string accents;
    for (int i = 0; i < 40; ++i)
        accents += "\xC3\xA9";
    fired = run_rule(RuleId::tautological_assert,
                     "def test_a():\n    assert (x == 1, 'a" + accents + "')\n");
    ASSERT_EQ(fired.size(), 1u);
    EXPECT_EQ(fired[0].message, "assert (x == 1, 'a" + accents.substr(0, 48) + "..." + tail);

    // A cut that falls on a space keeps no trailing space.
    fired = run_rule(RuleId::tautological_assert,
                     "def test_a():\n    assert (x == 1, '" + std::string(49, 'b') + " c')\n");
    ASSERT_EQ(fired.size(), 1u);
    EXPECT_EQ(fired[0].message, "assert (x == 1, '" + std::string(49, 'b') + "..." + tail);
}

TEST(RuleConstantFalseAssert, FiresOnFalsyLiterals) {
    EXPECT_EQ(fired_at(RuleId::constant_false_assert,
                       "def test_a():\n"
                       "    assert False\n"
                       "    assert None, 'never'\n"
                       "    assert 0\n"
                       "    assert ''\n"
                       "class T(unittest.TestCase):\n"
                       "    def test_u(self):\n"
                       "        self.assertTrue(False)\n"
                       "        self.assertFalse(True)\n"),
              (Lines{"test_a:2", "test_a:3", "test_a:4", "test_a:5", "test_u:8", "test_u:9"}));
}

TEST(RuleConstantFalseAssert, QuietOnValuesAndTruthyLiterals) {
    EXPECT_EQ(fired_at(RuleId::constant_false_assert,
                       "def test_a():\n    assert x\n    assert 0.5\n    assert not x\n"
                       "    assert ()\n"  // empty parentheses are a tuple, not a literal here
                       "    pytest.fail('why')\n"),
              Lines{});
}

TEST(RuleBareComparison, FiresOnAComparisonStatement) {
    EXPECT_EQ(fired_at(RuleId::bare_comparison,
                       "def test_a():\n    r = f()\n    r.status == 200\n    r.body in allowed\n"
                       "    len(r.items) > 0\n    a < b < c\n"),
              (Lines{"test_a:3", "test_a:4", "test_a:5", "test_a:6"}));
    const auto fired = run_rule(RuleId::bare_comparison, "def test_a():\n    r.status == 200\n");
    ASSERT_EQ(fired.size(), 1u);
    EXPECT_EQ(fired[0].message,
              "`r.status == 200` is computed and thrown away; `assert r.status == 200` was meant");
}

TEST(RuleBareComparison, QuietWhereTheComparisonShouldRaise) {
    EXPECT_EQ(fired_at(RuleId::bare_comparison,
                       "def test_a():\n    with pytest.raises(TypeError):\n        x <= y\n"
                       "    try:\n        x < y\n    except TypeError:\n        pass\n"
                       "class T(unittest.TestCase):\n    def test_u(self):\n"
                       "        with self.assertRaises(TypeError):\n            a == b\n"),
              Lines{});
}

TEST(RuleBareComparison, QuietOnAssertsAssignmentsAndCalls) {
    EXPECT_EQ(fired_at(RuleId::bare_comparison,
                       "def test_a():\n    assert r == 1\n    ok = r == 1\n    check(r == 1)\n"
                       "    r == 1 or fail()\n    [x == 1 for x in xs]\n"),
              Lines{});
}

TEST(RuleSuboptimalAssert, FiresOnUnittestAssertsInPytestCode) {
    EXPECT_EQ(fired_at(RuleId::suboptimal_assert,
                       "from nose.tools import eq_\n"
                       "class TestP:\n    def test_p(self):\n        tc = unittest.TestCase()\n"
                       "        tc.assertEqual(a, b)\n\n"
                       "def test_nose():\n    eq_(a, b)\n    assert_equal(a, b)\n"),
              (Lines{"test_p:5", "test_nose:8", "test_nose:9"}));
}

TEST(RuleSuboptimalAssert, QuietOnSelfAssertsOfUnittestMixins) {
    // A Test* class using self.assertX is a unittest mixin (or a TestCase through a base
    // defined elsewhere): pytest itself gives no self.assertEqual.
    EXPECT_EQ(fired_at(RuleId::suboptimal_assert,
                       "class TestParser(TestBase):\n    def test_p(self):\n"
                       "        self.assertEqual(a, b)\n"
                       "class TestOps:\n    def test_q(self):\n        self.assertIn(a, b)\n"),
              Lines{});
}

TEST(RuleSuboptimalAssert, FiresOnWeakUnittestAndPlainForms) {
    EXPECT_EQ(fired_at(RuleId::suboptimal_assert,
                       "class T(unittest.TestCase):\n    def test_u(self):\n"
                       "        self.assertEqual(x, True)\n"            // 3
                       "        self.assertEqual(None, x)\n"            // 4
                       "        self.assertTrue(a == b)\n"              // 5
                       "        self.assertFalse(a in b)\n"             // 6
                       "        self.assertTrue(isinstance(x, int))\n"  // 7
                       "def test_p():\n"
                       "    assert x == None\n"     // 9
                       "    assert x != None\n"     // 10
                       "    assert x == True\n"     // 11
                       "    assert x == False\n"),  // 12
              (Lines{"test_u:3", "test_u:4", "test_u:5", "test_u:6", "test_u:7", "test_p:9",
                     "test_p:10", "test_p:11", "test_p:12"}));
    const auto fired = run_rule(RuleId::suboptimal_assert,
                                "class T(unittest.TestCase):\n    def test_u(self):\n"
                                "        self.assertFalse(a in b)\n"
                                "def test_p():\n    assert x != None\n    assert x == False\n");
    ASSERT_EQ(fired.size(), 3u);
    EXPECT_EQ(fired[0].message,
              "self.assertFalse(a in b) hides both values on failure; use "
              "assertNotIn");
    EXPECT_EQ(fired[1].message, "assert x != None: compare with None using `x is not None`");
    EXPECT_EQ(fired[2].message, "assert x == False: write `assert not x`");
}

TEST(RuleSuboptimalAssert, QuietOnTheRightAsserts) {
    EXPECT_EQ(fired_at(RuleId::suboptimal_assert,
                       "class T(unittest.TestCase):\n    def test_u(self):\n"
                       "        self.assertEqual(x, 1)\n        self.assertTrue(x)\n"
                       "        self.assertIn(a, b)\n        self.assertIsNone(x)\n"
                       "        self.assertTrue(a == b or c)\n"
                       "def test_p():\n    assert x is None\n    assert x\n    assert x == 1\n"
                       "    assert not x\n    m.assert_called_once()\n"),
              Lines{});
}

}  // namespace
}  // namespace qa
