// The uncertain rules that shortlist for the LLM: conditional-logic, eager-test, mystery-guest
// (helper-may-assert and assertion-roulette are with the assertion rules). Each on its own,
// positive and negative.
#include <gtest/gtest.h>

#include "rule_helpers.hpp"

namespace qa {
namespace {

using testing::fired_at;
using testing::Lines;
using testing::run_rule;

TEST(RuleConditionalLogic, FiresOncePerTestAtTheFirstBranch) {
    EXPECT_EQ(fired_at(RuleId::conditional_logic,
                       "def test_a():\n    r = f()\n    if r:\n        assert r.x\n"
                       "    else:\n        assert r.y\n    for i in r:\n        assert i\n\n"
                       "def test_b():\n    while not done():\n        step()\n    assert ok()\n"),
              (Lines{"test_a:3", "test_b:11"}));
    const auto fired = run_rule(RuleId::conditional_logic,
                                "def test_a():\n    for i in r:\n        if i:\n"
                                "            assert i\n");
    ASSERT_EQ(fired.size(), 1u);
    EXPECT_EQ(fired[0].message,
              "test_a has 2 branches or loops (first: `for`); what it checks may depend on the "
              "path taken");
}

TEST(RuleConditionalLogic, QuietOnStraightLineTests) {
    EXPECT_EQ(fired_at(RuleId::conditional_logic,
                       "def test_a():\n    xs = [f(i) for i in range(3) if i]\n"
                       "    y = a if b else c\n    with ctx():\n        assert xs\n"
                       "    try:\n        g()\n    except KeyError:\n        pass\n"),
              Lines{});
}

TEST(RuleEagerTest, FiresOnManyMethodsOfOneReceiver) {
    EXPECT_EQ(fired_at(RuleId::eager_test,
                       "def test_a():\n    cart = Cart()\n    cart.add(1)\n    cart.remove(1)\n"
                       "    cart.clear()\n    cart.checkout()\n    assert cart.total() == 0\n"),
              (Lines{"test_a:1"}));
    EXPECT_EQ(fired_at(RuleId::eager_test,
                       "def test_a():\n    cart.add(1)\n    cart.remove(1)\n    cart.clear()\n",
                       RuleThresholds{5, 3}),
              (Lines{"test_a:1"}));
}

TEST(RuleEagerTest, QuietOnFewMethodsModulesAndRepeats) {
    EXPECT_EQ(fired_at(RuleId::eager_test,
                       "import json\nimport os\n"
                       "def test_a():\n    cart.add(1)\n    cart.add(2)\n    cart.add(3)\n"
                       "    cart.add(4)\n    cart.total()\n"
                       "    json.dumps(1)\n    json.loads('1')\n    json.dump(1, f)\n"
                       "    json.load(f)\n    json.JSONDecoder()\n"
                       "    self.a()\n    self.b()\n    self.c()\n    self.d()\n"),
              Lines{});
}

TEST(RuleMysteryGuest, FiresOnUnisolatedFilesNetworkAndEnvironment) {
    EXPECT_EQ(fired_at(RuleId::mystery_guest,
                       "import os\n"
                       "def test_file():\n    data = open('fixtures/data.json').read()\n"
                       "    assert data\n\n"
                       "def test_net():\n    r = requests.get('https://example.com')\n"
                       "    assert r.ok\n\n"
                       "def test_env():\n    assert os.environ['HOME']\n\n"
                       "def test_db():\n    c = sqlite3.connect('prod.db')\n    assert c\n\n"
                       "def test_path():\n    assert Path('x.txt').read_text() == 'x'\n"),
              (Lines{"test_file:3", "test_net:7", "test_env:11", "test_db:14", "test_path:18"}));
}

TEST(RuleMysteryGuest, QuietWhenTheTestOwnsWhatItTouches) {
    EXPECT_EQ(fired_at(RuleId::mystery_guest,
                       "def test_tmp(tmp_path):\n    (tmp_path / 'a').write_text('x')\n"
                       "    assert open(tmp_path / 'a').read() == 'x'\n\n"
                       "def test_env(monkeypatch):\n    monkeypatch.setenv('A', '1')\n"
                       "    assert os.environ['A'] == '1'\n\n"
                       "@mock.patch('requests.get')\ndef test_mocked(get):\n"
                       "    requests.get('u')\n    get.assert_called_once()\n\n"
                       "def test_patch():\n    with patch('app.open') as o:\n"
                       "        open('x')\n    assert o.called\n\n"
                       "def test_tempdir():\n    with tempfile.TemporaryDirectory() as d:\n"
                       "        open(os.path.join(d, 'x'), 'w')\n\n"
                       "def test_pure():\n    assert os.path.join('a', 'b') == 'a/b'\n"),
              Lines{});
}

}  // namespace
}  // namespace qa
