// Prompt building: the system prompt states the task and the answer schema; the user prompt
// carries the test's numbered source and the context it uses (imports, fixtures, helpers), and
// never exceeds its size cap.
#include <gtest/gtest.h>

#include "analysis_helpers.hpp"
#include "qa/analysis/prompt_builder.hpp"

namespace qa {
namespace {

using testing::find_function;

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

const char* const kModule =
    "import os\n"
    "import json as js\n"
    "from app.orders import make_order, unused_name\n"
    "from app.money import Money\n"
    "import pytest\n"
    "\n"
    "@pytest.fixture\n"
    "def client(tmp_path):\n"
    "    return make_client(tmp_path)\n"
    "\n"
    "@pytest.fixture\n"
    "def unrelated():\n"
    "    return 1\n"
    "\n"
    "def build_orders(n):\n"
    "    return [make_order(i) for i in range(n)]\n"
    "\n"
    "def other_helper():\n"
    "    return 2\n"
    "\n"
    "def test_total(client, monkeypatch):\n"
    "    orders = build_orders(3)\n"
    "    if orders:\n"
    "        assert js.dumps(client.total(orders)) == '30'\n";

TEST(SystemPrompt, StatesTheTaskAndTheAnswerSchema) {
    const std::string_view prompt = analysis_system_prompt();
    for (const char* part : {"test", "JSON", "\"issues\"", "\"category\"", "\"severity\"",
                             "\"line\"", "\"message\"", "\"suggestion\"", "{\"issues\": []}"}) {
        EXPECT_TRUE(contains(prompt, part)) << part;
    }
}

TEST(UserPrompt, HoldsTheNumberedSourceAndWhyItWasFlagged) {
    const ParsedFile file = parse_python_source(kModule, "tests/test_orders.py");
    const Function* test = find_function(file, "test_total");
    ASSERT_NE(test, nullptr);
    const std::vector<RuleFinding> reasons{
        {RuleId::conditional_logic, 23, "test_total has 1 branch or loop"}};
    const std::string prompt = build_user_prompt(file, *test, reasons);
    EXPECT_TRUE(contains(prompt, "File: tests/test_orders.py\n"));
    EXPECT_TRUE(contains(prompt, "Test: test_total (pytest function, lines 21-24)\n"));
    EXPECT_TRUE(contains(prompt, "- conditional-logic: test_total has 1 branch or loop\n"));
    EXPECT_TRUE(contains(prompt,
                         "  1 | def test_total(client, monkeypatch):\n"
                         "  2 |     orders = build_orders(3)\n"
                         "  3 |     if orders:\n"
                         "  4 |         assert js.dumps(client.total(orders)) == '30'\n"));
}

TEST(UserPrompt, IncludesOnlyTheContextTheTestUses) {
    const ParsedFile file = parse_python_source(kModule, "tests/test_orders.py");
    const std::string prompt = build_user_prompt(file, *find_function(file, "test_total"), {});
    EXPECT_TRUE(contains(prompt, "Imports it uses:\nimport json as js\n\n"));
    EXPECT_FALSE(contains(prompt, "import os"));
    EXPECT_FALSE(contains(prompt, "from app.money"));
    EXPECT_FALSE(contains(prompt, "from app.orders"));  // make_order is the helper's, not its
    EXPECT_TRUE(contains(prompt,
                         "Fixtures it uses:\n@pytest.fixture\ndef client(tmp_path):\n"
                         "    return make_client(tmp_path)\n"));
    EXPECT_TRUE(contains(prompt, "# defined elsewhere (conftest.py or a plugin): monkeypatch\n"));
    EXPECT_FALSE(contains(prompt, "def unrelated"));
    EXPECT_TRUE(contains(prompt, "Helpers it calls:\ndef build_orders(n):\n"));
    EXPECT_FALSE(contains(prompt, "other_helper"));
    EXPECT_FALSE(contains(prompt, "The rule engine"));  // no reasons given
}

TEST(UserPrompt, UnittestTestsGetTheirSetUpAndSelfHelpers) {
    const ParsedFile file = parse_python_source(
        "import unittest\n"
        "class TestCart(unittest.TestCase):\n"
        "    def setUp(self):\n        self.cart = Cart()\n"
        "    def _fill(self):\n        self.cart.add(1)\n"
        "    def test_fill(self):\n        self._fill()\n        self.assertEqual(len(self.cart), "
        "1)\n");
    const std::string prompt = build_user_prompt(file, *find_function(file, "test_fill"), {});
    EXPECT_TRUE(contains(prompt, "Test: TestCart::test_fill (unittest method, lines 7-9)"));
    EXPECT_TRUE(contains(prompt, "Fixtures it uses:\n    def setUp(self):\n"));
    EXPECT_TRUE(contains(prompt, "Helpers it calls:\n    def _fill(self):\n"));
    EXPECT_TRUE(contains(prompt, "Imports it uses:\nimport unittest\n"));
}

TEST(UserPrompt, ALongTestIsCutAtALineToTheCap) {
    std::string source = "def test_long():\n";
    for (int i = 0; i < 2000; ++i)
        source += "    value_" + std::to_string(i) + " = compute(" + std::to_string(i) + ")\n";
    const ParsedFile file = parse_python_source(source, "tests/test_long.py");
    PromptLimits limits;
    limits.max_user_prompt_bytes = 4096;
    const std::string prompt = build_user_prompt(file, file.functions[0], {}, limits);
    EXPECT_LE(prompt.size(), 4096u);
    EXPECT_TRUE(contains(prompt, "  1 | def test_long():\n"));
    EXPECT_TRUE(contains(prompt, "more lines cut to fit the size cap)"));
    EXPECT_FALSE(contains(prompt, "value_1999"));
}

TEST(UserPrompt, ContextThatDoesNotFitIsLeftOutAndSaidSo) {
    std::string source = "def big_helper():\n";
    for (int i = 0; i < 400; ++i)
        source += "    x_" + std::to_string(i) + " = " + std::to_string(i) + "\n";
    source += "def test_small():\n    big_helper()\n    assert True\n";
    const ParsedFile file = parse_python_source(source);
    PromptLimits limits;
    limits.max_user_prompt_bytes = 1024;
    limits.max_context_item_bytes = 4096;
    const std::string prompt =
        build_user_prompt(file, *find_function(file, "test_small"), {}, limits);
    EXPECT_LE(prompt.size(), 1024u);
    EXPECT_TRUE(contains(prompt, "(1 context items left out to fit the size cap)"));
    EXPECT_TRUE(contains(prompt, "  2 |     big_helper()\n"));
    // With room for it, the helper is there, cut to the per-item cap.
    limits.max_user_prompt_bytes = 64 * 1024;
    limits.max_context_item_bytes = 512;
    const std::string roomy =
        build_user_prompt(file, *find_function(file, "test_small"), {}, limits);
    EXPECT_TRUE(contains(roomy, "Helpers it calls:\ndef big_helper():\n"));
    EXPECT_TRUE(contains(roomy, "more lines cut to fit the size cap)"));
    EXPECT_FALSE(contains(roomy, "left out"));
}

TEST(UserPrompt, CapHoldsWhateverTheInput) {
    const std::string huge_path(5000, 'p');
    const ParsedFile file =
        parse_python_source("def test_x():\n    assert '\xc3\xa9\xc3\xa9\xc3\xa9'\n", huge_path);
    PromptLimits limits;
    limits.max_user_prompt_bytes = 1024;
    const std::vector<RuleFinding> reasons(
        20, RuleFinding{RuleId::eager_test, 1, std::string(400, 'r')});
    const std::string prompt = build_user_prompt(file, file.functions[0], reasons, limits);
    EXPECT_LE(prompt.size(), 1024u);
}

}  // namespace
}  // namespace qa
