// Rules on test hygiene: sleepy-test, skip-without-reason, print-in-test. Each on its own,
// positive and negative.
#include <gtest/gtest.h>

#include "rule_helpers.hpp"

namespace qa {
namespace {

using testing::fired_at;
using testing::Lines;
using testing::run_rule;

TEST(RuleSleepyTest, FiresOnConstantSleeps) {
    EXPECT_EQ(fired_at(RuleId::sleepy_test,
                       "import time\nimport asyncio\n"
                       "def test_a():\n    time.sleep(2)\n    sleep(0.5)\n    assert x\n"
                       "async def test_b():\n    await asyncio.sleep(1)\n"),
              (Lines{"test_a:4", "test_a:5", "test_b:8"}));
    const auto fired = run_rule(RuleId::sleepy_test, "def test_a():\n    time.sleep(2)\n");
    ASSERT_EQ(fired.size(), 1u);
    EXPECT_EQ(fired[0].message, "time.sleep(2) makes the test slower and dependent on timing");
}

TEST(RuleSleepyTest, QuietOnZeroOrComputedDelays) {
    EXPECT_EQ(fired_at(RuleId::sleepy_test,
                       "async def test_a():\n    await asyncio.sleep(0)\n"
                       "    time.sleep(delay)\n    clock.sleep(5)\n"),
              Lines{});
}

TEST(RuleSkipWithoutReason, FiresOnDecoratorsAndCalls) {
    EXPECT_EQ(fired_at(RuleId::skip_without_reason,
                       "@pytest.mark.skip\ndef test_a():\n    pass\n\n"    // 1
                       "@pytest.mark.skip()\ndef test_b():\n    pass\n\n"  // 5
                       "@pytest.mark.skipif(sys.platform == 'win32')\n"    // 9
                       "def test_c():\n    pass\n\n"
                       "@pytest.mark.xfail\ndef test_d():\n    pass\n\n"  // 13
                       "def test_e():\n    pytest.skip()\n\n"             // 18
                       "class T(unittest.TestCase):\n"
                       "    @unittest.skip\n    def test_u(self):\n        pass\n"  // 21
                       "    def test_v(self):\n        self.skipTest()\n"),         // 25
              (Lines{"test_a:1", "test_b:5", "test_c:9", "test_d:13", "test_e:18", "test_u:21",
                     "test_v:25"}));
}

TEST(RuleSkipWithoutReason, QuietWhenAReasonIsGiven) {
    EXPECT_EQ(fired_at(RuleId::skip_without_reason,
                       "@pytest.mark.skip(reason='flaky on CI, #12')\ndef test_a():\n    pass\n"
                       "@pytest.mark.skip('slow')\ndef test_b():\n    pass\n"
                       "@pytest.mark.skipif(sys.platform == 'win32', reason='posix only')\n"
                       "def test_c():\n    pass\n"
                       "@pytest.mark.xfail(raises=KeyError, reason='bug 7')\n"
                       "def test_d():\n    pass\n"
                       "def test_e():\n    pytest.skip('no network')\n"
                       "    pytest.importorskip('numpy')\n"
                       "class T(unittest.TestCase):\n"
                       "    @unittest.skip('later')\n    def test_u(self):\n        pass\n"
                       "    @unittest.skipIf(old, 'needs 3.12')\n    def test_w(self):\n"
                       "        pass\n"
                       "    def test_v(self):\n        self.skipTest('why')\n"),
              Lines{});
}

TEST(RulePrintInTest, FiresOnPrints) {
    EXPECT_EQ(fired_at(RuleId::print_in_test,
                       "def test_a():\n    r = f()\n    print(r)\n    assert r\n"
                       "    pprint.pprint(r)\n"),
              (Lines{"test_a:3", "test_a:5"}));
}

TEST(RulePrintInTest, QuietWithoutPrints) {
    EXPECT_EQ(fired_at(RuleId::print_in_test,
                       "def test_a(capsys):\n    show(r)\n    out = capsys.readouterr().out\n"
                       "    assert 'x' in out\n    logger.print_summary()\n"),
              Lines{});
}

}  // namespace
}  // namespace qa
