#pragma once
// Small Python test modules with a known classification, shared by the phase and strategy
// tests: how many tests, which are uncertain, which have certain issues.

namespace qa::testing {

// 4 tests: test_branches (uncertain: conditional-logic), test_reads_file (uncertain:
// mystery-guest), test_silent (certain: no-assertion), test_clean.
inline constexpr const char* kMixedModule =
    "import pytest\n"
    "\n"
    "def test_branches():\n"
    "    value = compute()\n"
    "    if value:\n"
    "        assert value > 1\n"
    "\n"
    "def test_reads_file():\n"
    "    with open('data.txt') as f:\n"
    "        assert f.read()\n"
    "\n"
    "def test_silent():\n"
    "    compute()\n"
    "\n"
    "def test_clean():\n"
    "    assert compute() == 2\n";

// 3 unittest tests: test_loop (uncertain: conditional-logic), test_equal, test_true (certain:
// suboptimal-assert).
inline constexpr const char* kUnittestModule =
    "import unittest\n"
    "\n"
    "class TestCart(unittest.TestCase):\n"
    "    def test_loop(self):\n"
    "        for item in make_items():\n"
    "            self.assertTrue(item.valid)\n"
    "\n"
    "    def test_equal(self):\n"
    "        self.assertEqual(total([1, 2]), 3)\n"
    "\n"
    "    def test_true(self):\n"
    "        self.assertTrue(total([1]) == 1)\n";

// 2 clean tests, nothing uncertain.
inline constexpr const char* kCleanModule =
    "def test_one():\n"
    "    assert add(1, 1) == 2\n"
    "\n"
    "def test_two():\n"
    "    assert add(2, 2) == 4\n";

}  // namespace qa::testing
