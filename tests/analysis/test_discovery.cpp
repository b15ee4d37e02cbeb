// Test discovery (pytest and unittest), fixtures, helpers, decorators, parameters, imports, line
// spans and source slices.
#include <gtest/gtest.h>

#include "analysis_helpers.hpp"

namespace qa {
namespace {

using testing::find_function;
using testing::parse;

// "name:role:style" for every function.
std::vector<std::string> roles(const ParsedFile& file) {
    std::vector<std::string> out;
    for (const Function& f : file.functions) {
        // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on chained operator+.
        std::string entry(file.text(f.name));
        entry.append(":").append(to_string(f.role));
        if (f.is_test())
            entry.append(":").append(to_string(f.style));
        out.push_back(entry);
    }
    return out;
}

TEST(Discovery, PytestModuleFunctionsAndHelpers) {
    const auto file = parse(
        "import pytest\n\ndef helper():\n    return 1\n\ndef test_one():\n    assert helper()\n\n"
        "def testing_prefix_counts():\n    pass\n\ndef not_a_test():\n    pass\n"
        "if True:\n    def test_under_if():\n        pass\n");
    EXPECT_EQ(roles(file), (std::vector<std::string>{
                               "helper:helper", "test_one:test:pytest_function",
                               "testing_prefix_counts:test:pytest_function", "not_a_test:helper",
                               "test_under_if:test:pytest_function"}));
}

TEST(Discovery, PytestClassesWithoutInit) {
    const auto file = parse(
        "class TestThing:\n    def test_a(self):\n        pass\n    def helper(self):\n        "
        "pass\n"
        "class TestWithInit:\n    def __init__(self):\n        pass\n    def test_skipped(self):\n"
        "        pass\n"
        "class Thing:\n    def test_not_collected(self):\n        pass\n"
        "class TestDisabled:\n    __test__ = False\n    def test_off(self):\n        pass\n");
    EXPECT_EQ(roles(file),
              (std::vector<std::string>{"test_a:test:pytest_method", "helper:method",
                                        "__init__:method", "test_skipped:method",
                                        "test_not_collected:method", "test_off:method"}));
    ASSERT_EQ(file.classes.size(), 4u);
    EXPECT_TRUE(file.classes[0].is_test_class);
    EXPECT_TRUE(file.classes[1].has_init);
    EXPECT_FALSE(file.classes[1].is_test_class);
    EXPECT_FALSE(file.classes[2].is_test_class);
    EXPECT_FALSE(file.classes[3].is_test_class);
}

TEST(Discovery, UnittestTestCaseSubclasses) {
    const auto file = parse(
        "import unittest\nfrom django.test import TestCase\n"
        "class Checks(unittest.TestCase):\n    def setUp(self):\n        pass\n"
        "    def test_x(self):\n        self.assertTrue(True)\n"
        "class More(TestCase):\n    def __init__(self, *a):\n        super().__init__(*a)\n"
        "    def test_y(self):\n        pass\n"
        "class Api(rest_framework.test.APITestCase):\n    def test_z(self):\n        pass\n"
        "class Derived(Checks):\n    def test_inherited_base(self):\n        pass\n"
        "class Mixin(object):\n    def test_mixin(self):\n        pass\n");
    EXPECT_EQ(roles(file), (std::vector<std::string>{
                               "setUp:method", "test_x:test:unittest_method", "__init__:method",
                               "test_y:test:unittest_method", "test_z:test:unittest_method",
                               "test_inherited_base:test:unittest_method", "test_mixin:method"}));
}

TEST(Discovery, NestedClasses) {
    const auto file = parse(
        "class TestOuter:\n    class TestInner:\n        def test_deep(self):\n            pass\n"
        "    class Helper:\n        def test_not(self):\n            pass\n"
        "    def test_outer(self):\n        def test_local():\n            pass\n");
    EXPECT_EQ(roles(file),
              (std::vector<std::string>{"test_deep:test:pytest_method", "test_not:method",
                                        "test_outer:test:pytest_method"}));
    ASSERT_EQ(file.classes.size(), 3u);
    EXPECT_EQ(file.classes[1].outer_class, 0u);
    EXPECT_EQ(file.functions[0].class_index, 1u);
}

TEST(Discovery, AsyncDefAndDecorators) {
    const auto file = parse(
        "import pytest\n\n@pytest.fixture(scope='module')\ndef client(tmp_path):\n    yield 1\n\n"
        "@pytest.mark.skip(reason=\"x\")\n@pytest.mark.parametrize('a', [1, 2])\n"
        "async def test_async(client, a, monkeypatch):\n    await client.go(a)\n\n"
        "@fixture\ndef bare_fixture():\n    return 2\n");
    EXPECT_EQ(roles(file),
              (std::vector<std::string>{"client:fixture", "test_async:test:pytest_function",
                                        "bare_fixture:fixture"}));
    const Function* test = find_function(file, "test_async");
    ASSERT_NE(test, nullptr);
    EXPECT_TRUE(test->is_async);
    const auto decorators = file.decorators_of(*test);
    ASSERT_EQ(decorators.size(), 2u);
    EXPECT_EQ(file.text(decorators[0].name), "pytest.mark.skip");
    EXPECT_EQ(file.text(decorators[0].expression), "pytest.mark.skip(reason=\"x\")");
    EXPECT_TRUE(decorators[0].is_call);
    EXPECT_EQ(file.text(decorators[1].name), "pytest.mark.parametrize");
    EXPECT_EQ(decorators[1].line, 8u);
    std::vector<std::string> params;
    for (const Parameter& p : file.parameters_of(*test))
        params.emplace_back(file.text(p.name));
    EXPECT_EQ(params, (std::vector<std::string>{"client", "a", "monkeypatch"}));
    EXPECT_TRUE(file.statements[test->statement + 1].flags & kStmtHasAwait);
}

TEST(Discovery, LineSpansAndSourceSlice) {
    const std::string source =
        "import os\n\n@pytest.mark.slow\n@other\ndef test_span(tmp_path):\n    x = 1\n\n"
        "    assert x  # done\n\n\ndef test_next():\n    pass\n";
    const auto file = parse(source);
    const Function* f = find_function(file, "test_span");
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->first_line, 3u);
    EXPECT_EQ(f->def_line, 5u);
    EXPECT_EQ(f->end_line, 8u);
    EXPECT_EQ(file.text(f->source),
              "@pytest.mark.slow\n@other\ndef test_span(tmp_path):\n    x = 1\n\n"
              "    assert x  # done");
    const Function* next = find_function(file, "test_next");
    ASSERT_NE(next, nullptr);
    EXPECT_EQ(next->first_line, 11u);
    EXPECT_EQ(file.text(next->source), "def test_next():\n    pass");
}

TEST(Discovery, ParameterKinds) {
    const auto file = parse(
        "def f(a, /, b=1, *args, c, d: int = 2, **kw):\n    pass\n"
        "def g(*, key, cb=lambda x, y: x):\n    pass\n");
    const auto& p = file.parameters;
    ASSERT_EQ(p.size(), 8u);
    EXPECT_EQ(p[0].kind, ParameterKind::positional_only);
    EXPECT_EQ(p[1].kind, ParameterKind::normal);
    EXPECT_TRUE(p[1].has_default);
    EXPECT_EQ(p[2].kind, ParameterKind::var_positional);
    EXPECT_EQ(p[3].kind, ParameterKind::keyword_only);
    EXPECT_TRUE(p[4].has_annotation);
    EXPECT_TRUE(p[4].has_default);
    EXPECT_EQ(p[5].kind, ParameterKind::var_keyword);
    EXPECT_EQ(file.text(p[6].name), "key");
    EXPECT_EQ(p[6].kind, ParameterKind::keyword_only);
    EXPECT_EQ(file.text(p[7].name), "cb");
}

TEST(Discovery, ModuleLevelImports) {
    const auto file = parse(
        "import os, sys as system\nimport a.b.c\nfrom unittest import mock\n"
        "from .helpers import (make, build as b,)\nfrom x import *\n"
        "try:\n    import numpy as np\nexcept ImportError:\n    np = None\n"
        "def f():\n    import inside\n");
    std::vector<std::string> seen;
    for (const Import& i : file.imports) {
        std::string entry(file.text(i.module));
        entry.append("|").append(file.text(i.name)).append("|").append(file.text(i.alias));
        seen.push_back(entry);
    }
    EXPECT_EQ(seen, (std::vector<std::string>{"os||", "sys||system", "a.b.c||", "unittest|mock|",
                                              ".helpers|make|", ".helpers|build|b", "x|*|",
                                              "numpy||np"}));
    EXPECT_TRUE(file.imports[3].is_from);
    EXPECT_EQ(file.imports[7].line, 7u);
}

TEST(Discovery, MisplacedDecoratorIsDropped) {
    const auto file = parse("@decorator\nx = 1\ndef test_a():\n    pass\n@trailing\n");
    EXPECT_TRUE(file.diagnostics.contains(DiagnosticKind::misplaced_decorator));
    EXPECT_TRUE(file.decorators.empty());
    ASSERT_EQ(file.functions.size(), 1u);
    EXPECT_EQ(file.functions[0].first_line, 3u);
}

TEST(Discovery, ClassDecoratorsAreKept) {
    const auto file = parse(
        "@pytest.mark.usefixtures('db')\nclass TestA:\n    def test_a(self):\n"
        "        pass\n");
    ASSERT_EQ(file.decorators.size(), 1u);
    EXPECT_EQ(file.decorators[0].statement, file.classes[0].statement);
    EXPECT_EQ(file.decorators_of(file.classes[0].statement).size(), 1u);
    EXPECT_EQ(file.functions[0].decorator_count, 0u);
}

}  // namespace
}  // namespace qa
