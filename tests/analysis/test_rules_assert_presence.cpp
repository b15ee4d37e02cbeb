// Rules on whether a test checks anything: empty-test, no-assertion, helper-may-assert,
// assertion-roulette, duplicate-assert, assert-in-except. Each on its own, positive and negative.
#include <gtest/gtest.h>

#include "rule_helpers.hpp"

namespace qa {
namespace {

using testing::fired_at;
using testing::Lines;

TEST(RuleEmptyTest, FiresOnPassEllipsisAndDocstringOnly) {
    EXPECT_EQ(fired_at(RuleId::empty_test,
                       "def test_pass():\n    pass\n\n"
                       "def test_dots():\n    ...\n\n"
                       "def test_doc():\n    \"\"\"Nothing yet.\"\"\"\n\n"
                       "class TestX:\n    def test_m(self):\n        pass\n"),
              (Lines{"test_pass:1", "test_dots:4", "test_doc:7", "test_m:11"}));
}

TEST(RuleEmptyTest, QuietOnAnyRealStatement) {
    EXPECT_EQ(fired_at(RuleId::empty_test,
                       "def test_a():\n    \"\"\"Doc.\"\"\"\n    x = 1\n\n"
                       "def test_b():\n    assert f()\n\n"
                       "def helper():\n    pass\n"),
              Lines{});
}

TEST(RuleNoAssertion, FiresWhenNothingIsChecked) {
    EXPECT_EQ(fired_at(RuleId::no_assertion,
                       "def test_runs():\n    result = compute(1)\n    result.save()\n\n"
                       "class TestC(unittest.TestCase):\n    def test_m(self):\n"
                       "        self.thing.run()\n"),
              (Lines{"test_runs:1", "test_m:6"}));
}

TEST(RuleNoAssertion, RecognisesEveryFormOfAssertion) {
    EXPECT_EQ(fired_at(RuleId::no_assertion,
                       "def test_assert():\n    assert f()\n\n"
                       "def test_fail():\n    if g():\n        pytest.fail('no')\n\n"
                       "def test_raises():\n    with pytest.raises(ValueError):\n        f()\n\n"
                       "def test_warns():\n    with pytest.warns(UserWarning):\n        f()\n\n"
                       "def test_mock(m):\n    f(m)\n    m.assert_called_once_with(1)\n\n"
                       "def test_np():\n    np.testing.assert_allclose(f(), 1.0)\n\n"
                       "class T(unittest.TestCase):\n    def test_u(self):\n"
                       "        self.assertEqual(f(), 1)\n"
                       "    def test_f(self):\n        self.fail('x')\n"
                       "    def test_r(self):\n        with self.assertRaises(KeyError):\n"
                       "            f()\n"),
              Lines{});
}

TEST(RuleNoAssertion, AcceptsALocalHelperThatAsserts) {
    EXPECT_EQ(fired_at(RuleId::no_assertion,
                       "def assert_valid(x):\n    assert x.ok\n\n"
                       "def check_it(x):\n    assert x\n\n"
                       "def test_helper():\n    check_it(make())\n\n"
                       "class TestK:\n    def _verify(self, x):\n        assert x\n"
                       "    def test_m(self):\n        self._verify(make())\n"),
              Lines{});
}

TEST(RuleNoAssertion, QuietWhenAHelperMightAssert) {
    // helper-may-assert's business, not a certain no-assertion.
    EXPECT_EQ(fired_at(RuleId::no_assertion,
                       "from tests.helpers import login\n\n"
                       "def test_a():\n    verify_order(make())\n\n"
                       "def test_b():\n    login(client)\n"),
              Lines{});
}

TEST(RuleNoAssertion, AliasesOfAssertionsCount) {
    EXPECT_EQ(fired_at(RuleId::no_assertion,
                       "class T(unittest.TestCase):\n    def test_u(self):\n"
                       "        eq = self.assertEqual\n        eq(f(1), 2)\n"
                       "    def test_v(self):\n        same = self.ndiffAssertEqual\n"
                       "        same(g(), 'x')\n"
                       "    def test_w(self):\n        run = self.runner.run\n        run()\n"),
              (Lines{"test_w:8"}));
}

TEST(RuleNoAssertion, DoctestsAndBaseClassHelpersCount) {
    EXPECT_EQ(fired_at(RuleId::no_assertion,
                       "def test_doc():\n    \"\"\"\n    >>> add(1, 2)\n    3\n    \"\"\"\n\n"
                       "class Base:\n    def _check(self, x):\n        assert x\n"
                       "class TestDerived(Base):\n    def test_m(self):\n        self._check(1)\n"),
              Lines{});
    EXPECT_EQ(fired_at(RuleId::empty_test,
                       "def test_doc():\n    \"\"\"\n    >>> add(1, 2)\n    3\n    \"\"\"\n"),
              Lines{});
}

TEST(RuleHelperMayAssert, FiresOnInheritedHelpersAndOwnDecorators) {
    const std::string source =
        "class TestFormat(BaseFormatTest):\n    def test_m(self):\n"
        "        self._test_format('%d', 1, out='1')\n\n"
        "@jump_test(1, 5, [])\ndef test_jump(output):\n    output.append(1)\n\n"
        "@pytest.mark.slow\n@mock.patch('a.b')\ndef test_plain(b):\n    run()\n";
    EXPECT_EQ(fired_at(RuleId::helper_may_assert, source), (Lines{"test_m:2", "test_jump:6"}));
    EXPECT_EQ(fired_at(RuleId::no_assertion, source), (Lines{"test_plain:11"}));
}

TEST(RuleHelperMayAssert, FiresOnCheckersAndSupportImports) {
    EXPECT_EQ(fired_at(RuleId::helper_may_assert,
                       "from tests.helpers import login\nfrom app import run\n\n"
                       "def test_a():\n    verify_order(make())\n\n"
                       "def test_b():\n    login(client)\n\n"
                       "def test_c():\n    run()\n"),
              (Lines{"test_a:4", "test_b:7"}));
}

TEST(RuleHelperMayAssert, QuietWithAnAssertionOrALocalAssertingHelper) {
    EXPECT_EQ(fired_at(RuleId::helper_may_assert,
                       "def check(x):\n    assert x\n\n"
                       "def test_a():\n    verify_order(make())\n    assert True\n\n"
                       "def test_b():\n    check(1)\n\n"
                       "def test_c():\n    pass\n"),
              Lines{});
}

TEST(RuleHelperMayAssert, FollowsALocalHelperThatCallsAChecker) {
    EXPECT_EQ(fired_at(RuleId::helper_may_assert,
                       "def run_and_check(x):\n    verify(x)\n\n"
                       "def test_a():\n    run_and_check(1)\n"),
              (Lines{"test_a:4"}));
}

TEST(RuleAssertionRoulette, FiresFromTheThresholdOfAnonymousAssertions) {
    const std::string five =
        "def test_many():\n    r = f()\n    assert r.a\n    assert r.b\n    assert r.c\n"
        "    assert r.d\n    assert r.e\n";
    EXPECT_EQ(fired_at(RuleId::assertion_roulette, five), (Lines{"test_many:1"}));
    EXPECT_EQ(fired_at(RuleId::assertion_roulette, five, RuleThresholds{6, 4}), Lines{});
    EXPECT_EQ(fired_at(RuleId::assertion_roulette, five, RuleThresholds{0, 4}), Lines{});
    EXPECT_EQ(fired_at(RuleId::assertion_roulette,
                       "class T(unittest.TestCase):\n    def test_u(self):\n"
                       "        self.assertEqual(a, 1)\n        self.assertTrue(b)\n"
                       "        self.assertIn(c, d)\n        self.assertIsNone(e)\n"
                       "        self.assertEqual(f, 2)\n"),
              (Lines{"test_u:2"}));
}

TEST(RuleAssertionRoulette, QuietWhenAssertionsCarryMessages) {
    EXPECT_EQ(fired_at(RuleId::assertion_roulette,
                       "def test_msgs():\n    assert a, 'a'\n    assert b, 'b'\n    assert c\n"
                       "    assert d\n    assert e, 'e'\n\n"
                       "class T(unittest.TestCase):\n    def test_u(self):\n"
                       "        self.assertEqual(a, 1, 'a')\n        self.assertTrue(b, 'b')\n"
                       "        self.assertIn(c, d, msg='c')\n        self.assertIsNone(e)\n"
                       "        self.assertEqual(f, 2)\n"),
              Lines{});
}

TEST(RuleDuplicateAssert, FiresOnRepeatsWithOnlyAssertionsBetween) {
    EXPECT_EQ(fired_at(RuleId::duplicate_assert,
                       "def test_dup():\n    r = f()\n    assert r.ok\n    assert r.n == 1\n"
                       "    assert r.ok\n    assert  r.n==1\n\n"
                       "class T(unittest.TestCase):\n    def test_u(self):\n"
                       "        self.assertTrue(x)\n        self.assertTrue(x)\n"),
              (Lines{"test_dup:5", "test_dup:6", "test_u:11"}));
}

TEST(RuleDuplicateAssert, PureCallsRepeatButCallsWithEffectsMayNot) {
    EXPECT_EQ(fired_at(RuleId::duplicate_assert,
                       "class T(unittest.TestCase):\n    def test_u(self):\n"
                       "        self.assertEqual(int(' 7 '), 7)\n"
                       "        self.assertEqual(int(' 7 '), 7)\n"
                       "        self.assertRaises(StopIteration, next, it)\n"
                       "        self.assertRaises(StopIteration, next, it)\n"
                       "        self.assertEqual(f.readline(), b'')\n"
                       "        self.assertEqual(f.readline(), b'')\n"),
              (Lines{"test_u:4"}));
}

TEST(RuleDuplicateAssert, QuietAcrossAStateChangeAndInLoops) {
    EXPECT_EQ(fired_at(RuleId::duplicate_assert,
                       "def test_state():\n    q = Queue()\n    assert q.empty()\n    q.put(1)\n"
                       "    q.get()\n    assert q.empty()\n\n"
                       "def test_loop():\n    for x in xs:\n        assert x\n        assert x\n\n"
                       "def test_branches():\n    if a:\n        assert x\n    else:\n"
                       "        assert x\n"),
              Lines{});
}

TEST(RuleAssertInExcept, FiresOnAssertionsInHandlers) {
    EXPECT_EQ(fired_at(RuleId::assert_in_except,
                       "def test_e():\n    try:\n        f()\n    except ValueError as e:\n"
                       "        assert 'bad' in str(e)\n\n"
                       "class T(unittest.TestCase):\n    def test_u(self):\n        try:\n"
                       "            f()\n        except KeyError:\n"
                       "            if x:\n                self.assertTrue(y)\n"),
              (Lines{"test_e:5", "test_u:13"}));
}

TEST(RuleAssertInExcept, QuietWhenTheNoErrorPathFailsToo) {
    EXPECT_EQ(fired_at(RuleId::assert_in_except,
                       "class T(unittest.TestCase):\n"
                       "    def test_else(self):\n        try:\n            d[1]\n"
                       "        except KeyError as err:\n"
                       "            self.assertEqual(err.args[0], 1)\n"
                       "        else:\n            self.fail('expected KeyError')\n"
                       "    def test_fail_in_try(self):\n        try:\n            f()\n"
                       "            self.fail('no error')\n        except ValueError as e:\n"
                       "            self.assertIn('bad', str(e))\n"
                       "    def test_must_not_raise(self):\n        try:\n            f()\n"
                       "        except OverflowError:\n            self.fail('overflow')\n"
                       "def test_p():\n    try:\n        f()\n        pytest.fail('no error')\n"
                       "    except ValueError as e:\n        assert 'bad' in str(e)\n"
                       "    try:\n        g()\n    except KeyError:\n        assert False\n"),
              Lines{});
}

TEST(RuleAssertInExcept, QuietOutsideHandlers) {
    EXPECT_EQ(fired_at(RuleId::assert_in_except,
                       "def test_ok():\n    try:\n        r = f()\n    except ValueError:\n"
                       "        r = None\n    else:\n        assert r\n    finally:\n"
                       "        assert done()\n    assert r is None\n"),
              Lines{});
}

}  // namespace
}  // namespace qa
