// Rules on exceptions: swallowed-exception, raises-too-broad, raises-without-match,
// multi-statement-raises. Each on its own, positive and negative.
#include <gtest/gtest.h>

#include "rule_helpers.hpp"

namespace qa {
namespace {

using testing::fired_at;
using testing::Lines;
using testing::run_rule;

TEST(RuleSwallowedException, FiresOnHandlersThatDoNothing) {
    EXPECT_EQ(fired_at(RuleId::swallowed_exception,
                       "def test_a():\n    try:\n        f()\n    except:\n        pass\n\n"
                       "def test_b():\n    for x in xs:\n        try:\n            f(x)\n"
                       "        except Exception:\n            continue\n\n"
                       "def test_c():\n    try:\n        f()\n    except BaseException: ...\n"),
              (Lines{"test_a:4", "test_b:11", "test_c:17"}));
    const auto fired = run_rule(RuleId::swallowed_exception,
                                "def test_a():\n    try:\n        f()\n    except Exception:\n"
                                "        pass\n");
    ASSERT_EQ(fired.size(), 1u);
    EXPECT_EQ(fired[0].message,
              "`except Exception:` that does nothing swallows every error, so the test passes "
              "whatever happens");
}

TEST(RuleSwallowedException, QuietOnSpecificTypesOrRealHandlers) {
    EXPECT_EQ(fired_at(RuleId::swallowed_exception,
                       "def test_a():\n    try:\n        f()\n    except KeyError:\n"
                       "        pass\n\n"
                       "def test_b():\n    try:\n        f()\n    except Exception:\n"
                       "        log()\n        raise\n\n"
                       "def test_c():\n    try:\n        f()\n    except Exception as e:\n"
                       "        pytest.fail(str(e))\n"),
              Lines{});
}

TEST(RuleRaisesTooBroad, FiresOnExceptionAndBaseException) {
    EXPECT_EQ(fired_at(RuleId::raises_too_broad,
                       "def test_a():\n    with pytest.raises(Exception):\n        f()\n"
                       "    pytest.raises(BaseException, f)\n"
                       "class T(unittest.TestCase):\n    def test_u(self):\n"
                       "        with self.assertRaises(Exception):\n            f()\n"),
              (Lines{"test_a:2", "test_a:4", "test_u:7"}));
}

TEST(RuleRaisesTooBroad, QuietOnSpecificTypes) {
    EXPECT_EQ(fired_at(RuleId::raises_too_broad,
                       "def test_a():\n    with pytest.raises(ValueError):\n        f()\n"
                       "    with pytest.raises((KeyError, IndexError)):\n        g()\n"
                       "    with pytest.warns(Warning):\n        h()\n"),
              Lines{});
}

TEST(RuleRaisesWithoutMatch, FiresOnContextsWithoutMatch) {
    EXPECT_EQ(fired_at(RuleId::raises_without_match,
                       "from pytest import raises\n"
                       "def test_a():\n    with pytest.raises(ValueError):\n        f()\n"
                       "    with raises(KeyError) as info:\n        g()\n"),
              (Lines{"test_a:3", "test_a:5"}));
}

TEST(RuleRaisesWithoutMatch, QuietWithMatchOrACheckedExceptionInfo) {
    EXPECT_EQ(fired_at(RuleId::raises_without_match,
                       "def test_a():\n    with pytest.raises(ValueError, match='bad'):\n"
                       "        f()\n"
                       "    with pytest.raises(KeyError) as info:\n        g()\n"
                       "    assert info.value.args == ('k',)\n"
                       "    pytest.raises(ValueError, f, 1)\n"),  // call form takes no match
              Lines{});
}

TEST(RuleMultiStatementRaises, FiresOnBlocksOfSeveralStatements) {
    EXPECT_EQ(fired_at(RuleId::multi_statement_raises,
                       "def test_a():\n    with pytest.raises(ValueError, match='x'):\n"
                       "        obj = make()\n        obj.run()\n"
                       "    with pytest.warns(UserWarning):\n        a = 1\n"
                       "        if a:\n            warn()\n"
                       "class T(unittest.TestCase):\n    def test_u(self):\n"
                       "        with self.assertRaises(KeyError):\n            x = {}\n"
                       "            x['k']\n"),
              (Lines{"test_a:2", "test_a:5", "test_u:11"}));
}

TEST(RuleMultiStatementRaises, QuietOnOneStatementBlocks) {
    EXPECT_EQ(fired_at(RuleId::multi_statement_raises,
                       "def test_a():\n    obj = make()\n"
                       "    with pytest.raises(ValueError, match='x'):\n"
                       "        obj.run(\n            1,\n            2)\n"
                       "    with pytest.raises(KeyError): obj['k']\n"
                       "    with open(p) as f:\n        a = f.read()\n        b = 2\n"
                       "class T(unittest.TestCase):\n    def test_u(self):\n"
                       "        with self.assertLogs() as logs:\n            f()\n"
                       "            g()\n"),
              Lines{});
}

}  // namespace
}  // namespace qa
