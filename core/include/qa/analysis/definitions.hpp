#pragma once
// What a file defines: classes, functions (with the role test discovery gives them), their
// decorators and parameters, and the module's imports. Spans are offsets into the source.

#include <cstdint>
#include <string_view>

#include "qa/analysis/token.hpp"

namespace qa {

// `@pytest.mark.parametrize("x", [1, 2])`: name "pytest.mark.parametrize", args `"x", [1, 2]`.
struct Decorator {
    std::uint32_t statement = kNone;  // the def or class it decorates
    std::uint32_t line = 0;           // line of the '@'
    TextSpan name;                    // the leading dotted name
    TokenRange expression;            // everything after '@' (the raw text)
    TokenRange args;                  // inside the parentheses of a call; empty otherwise
    bool is_call = false;             // the dotted name is followed by '(...)'
};

enum class ParameterKind : std::uint8_t {
    positional_only,  // before a '/'
    normal,
    var_positional,  // *args
    keyword_only,    // after '*' or *args
    var_keyword,     // **kwargs
};

struct Parameter {
    std::uint32_t statement = kNone;  // the def
    TextSpan name;
    ParameterKind kind = ParameterKind::normal;
    bool has_default = false;
    bool has_annotation = false;
};

struct ClassDef {
    std::uint32_t statement = kNone;    // the class statement; its body is its subtree
    std::uint32_t outer_class = kNone;  // into ParsedFile::classes, for a nested class
    TextSpan name;
    // pytest collects it (a Test* class without __init__/__new__, not `__test__ = False`) or it
    // subclasses a *TestCase (directly or through a class of this file); its outer classes too.
    bool is_test_class = false;
    bool is_unittest = false;          // a base is a dotted name ending in TestCase
    bool has_init = false;             // defines __init__ or __new__ (pytest will not collect it)
    bool collection_disabled = false;  // `__test__ = False` in its body
};

enum class FunctionRole : std::uint8_t {
    test,     // collected by pytest or unittest
    fixture,  // decorated with a (pytest.)fixture
    helper,   // any other module-level def
    method,   // any other def in a class
};

enum class TestStyle : std::uint8_t {
    none,             // not a test
    pytest_function,  // module-level test*
    pytest_method,    // test* in a Test* class
    unittest_method,  // test* in a TestCase subclass
};

std::string_view to_string(FunctionRole role);
std::string_view to_string(TestStyle style);

// A def at module level or in a class body (defs inside functions are statements only).
struct Function {
    std::uint32_t statement = kNone;    // the def; its body is statements (statement, subtree_end)
    std::uint32_t class_index = kNone;  // into ParsedFile::classes
    TextSpan name;
    std::uint32_t first_line = 0;  // the first decorator's line, else the def's
    std::uint32_t def_line = 0;
    std::uint32_t end_line = 0;
    TextSpan source;  // whole lines first_line..end_line, without the last line break
    std::uint32_t first_decorator = 0;  // into ParsedFile::decorators
    std::uint32_t decorator_count = 0;
    std::uint32_t first_parameter = 0;  // into ParsedFile::parameters
    std::uint32_t parameter_count = 0;
    FunctionRole role = FunctionRole::helper;
    TestStyle style = TestStyle::none;
    bool is_async = false;

    bool is_test() const { return role == FunctionRole::test; }
};

// One imported name: `import a.b as c` gives module "a.b", alias "c"; `from x import y, z`
// gives two, module "x" and names "y" and "z".
struct Import {
    std::uint32_t statement = kNone;
    std::uint32_t line = 0;
    TextSpan module;  // "a.b", ".", "..pkg"
    TextSpan name;    // empty for `import a`; "*" for `from a import *`
    TextSpan alias;   // empty without `as`
    bool is_from = false;
};

}  // namespace qa
