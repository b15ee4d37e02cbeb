// Which classes and defs are tests, following pytest's default discovery (module-level test*
// functions; test* methods of Test* classes without __init__) and unittest's (test* methods of
// TestCase subclasses), plus fixtures, helpers and the classes around them. Fed by the parser
// as it meets each definition, while its tokens are still in cache; roles are settled at the end
// once every class body is known.
#include <algorithm>
#include <string_view>
#include <utility>

#include "structure_parser.hpp"

namespace qa::detail {

namespace {

// The entry of `items` (sorted by statement) declared by `statement`, or kNone.
template <class T>
std::uint32_t index_of(const std::vector<T>& items, std::uint32_t statement) {
    const auto it = std::ranges::lower_bound(items, statement, {}, &T::statement);
    if (it == items.end() || it->statement != statement)
        return kNone;
    return static_cast<std::uint32_t>(it - items.begin());
}

// The entries at the end of `items` that belong to `statement`: {first index, count}.
template <class T>
std::pair<std::uint32_t, std::uint32_t> tail_of(const std::vector<T>& items,
                                                std::uint32_t statement) {
    auto first = static_cast<std::uint32_t>(items.size());
    while (first > 0 && items[first - 1].statement == statement)
        --first;
    return {first, static_cast<std::uint32_t>(items.size()) - first};
}

// name(.name)* exactly.
bool is_dotted_name(const std::vector<Token>& tokens, std::uint32_t begin, std::uint32_t end) {
    if (begin >= end || (end - begin) % 2 == 0)
        return false;
    for (std::uint32_t k = begin; k < end; ++k) {
        const bool ok =
            (k - begin) % 2 == 0 ? tokens[k].kind == TokenKind::name : tokens[k].is(Op::dot);
        if (!ok)
            return false;
    }
    return true;
}

// A base written as a dotted name ending in TestCase, or naming a unittest class of this file.
bool has_unittest_base(const ParsedFile& file, TokenRange bases) {
    const auto& tokens = file.lexed.tokens;
    for (std::uint32_t k = bases.begin; k < bases.end;) {
        std::uint32_t end = k;  // one base: up to the next ',' outside brackets
        for (std::uint32_t depth = 0; end < bases.end; ++end) {
            const Token& token = tokens[end];
            if (token.kind == TokenKind::op && is_opening_bracket(token.op())) {
                ++depth;
            } else if (token.kind == TokenKind::op && is_closing_bracket(token.op())) {
                depth -= depth > 0 ? 1 : 0;
            } else if (depth == 0 && token.is(Op::comma)) {
                break;
            }
        }
        if (is_dotted_name(tokens, k, end)) {
            const std::string_view last = file.token_text(end - 1);
            if (last.ends_with("TestCase"))
                return true;
            const bool local_unittest =
                end == k + 1 && std::ranges::any_of(file.classes, [&](const ClassDef& local) {
                    return local.is_unittest && file.text(local.name) == last;
                });
            if (local_unittest)
                return true;
        }
        k = end + 1;
    }
    return false;
}

bool is_fixture_decorator(std::string_view name) {
    const std::size_t dot = name.rfind('.');
    const std::string_view last = dot == std::string_view::npos ? name : name.substr(dot + 1);
    return last == "fixture" || last == "yield_fixture";
}

}  // namespace

Discovery::Discovery(ParsedFile& file) : file_(file) {}

std::uint32_t Discovery::owner_class(const Statement& statement) const {
    return statement.scope == kNone ? kNone : index_of(file_.classes, statement.scope);
}

void Discovery::on_definition(std::uint32_t statement, std::uint32_t name_token) {
    const Statement& s = file_.statements[statement];
    const std::uint32_t owner = owner_class(s);
    if (s.scope != kNone && owner == kNone)
        return;  // defined inside a function: a statement, not a definition of the module
    const Token& name = file_.lexed.tokens[name_token];
    const TextSpan name_span{name.begin, name.end};
    if (s.kind == StatementKind::class_) {
        ClassDef entry;
        entry.statement = statement;
        entry.outer_class = owner;
        entry.name = name_span;
        entry.is_unittest = has_unittest_base(file_, s.primary);
        file_.classes.push_back(entry);
        return;
    }
    const std::string_view text = file_.text(name_span);
    if (owner != kNone && (text == "__init__" || text == "__new__"))
        file_.classes[owner].has_init = true;

    Function function;
    function.statement = statement;
    function.class_index = owner;
    function.name = name_span;
    function.def_line = s.line;
    function.end_line = s.end_line;
    function.is_async = (s.flags & kStmtAsync) != 0;
    // This def's decorators and parameters were just recorded: they end their vectors.
    const auto [first_decorator, decorator_count] = tail_of(file_.decorators, statement);
    function.first_decorator = first_decorator;
    function.decorator_count = decorator_count;
    function.first_line = decorator_count == 0 ? s.line : file_.decorators[first_decorator].line;
    const auto [first_parameter, parameter_count] = tail_of(file_.parameters, statement);
    function.first_parameter = first_parameter;
    function.parameter_count = parameter_count;
    const bool fixture = std::ranges::any_of(
        file_.decorators_of(function),
        [&](const Decorator& d) { return is_fixture_decorator(file_.text(d.name)); });
    function.role = fixture ? FunctionRole::fixture : FunctionRole::helper;
    file_.functions.push_back(function);
}

void Discovery::on_assignment(std::uint32_t statement) {
    // `__test__ = False` in a class body turns pytest's collection off for it.
    const Statement& s = file_.statements[statement];
    if (s.literal != LiteralKind::false_ || file_.text(s.secondary) != "__test__")
        return;
    const std::uint32_t owner = owner_class(s);
    if (owner != kNone && s.scope == file_.classes[owner].statement)
        file_.classes[owner].collection_disabled = true;
}

void Discovery::on_close(std::uint32_t statement) {
    if (file_.functions.empty() || file_.functions.back().statement < statement)
        return;
    const std::uint32_t index = index_of(file_.functions, statement);
    if (index == kNone)
        return;
    Function& function = file_.functions[index];
    function.end_line = file_.statements[statement].end_line;
    // Whole lines first..end, without the last line break.
    const std::uint32_t count = file_.line_count();
    const std::uint32_t first = std::clamp<std::uint32_t>(function.first_line, 1, count);
    const std::uint32_t last = std::clamp<std::uint32_t>(function.end_line, first, count);
    const std::string_view end_text = file_.line_text(last);
    const auto begin = file_.lexed.line_starts[first - 1];
    const auto end =
        static_cast<std::uint32_t>(end_text.data() - file_.source.data() + end_text.size());
    function.source = {begin, std::max(begin, end)};
}

void Discovery::finish() {
    for (ClassDef& entry : file_.classes) {
        const bool outer_ok =
            entry.outer_class == kNone || file_.classes[entry.outer_class].is_test_class;
        const bool pytest_style = file_.text(entry.name).starts_with("Test") && !entry.has_init;
        entry.is_test_class =
            outer_ok && (entry.is_unittest || pytest_style) && !entry.collection_disabled;
    }
    for (Function& function : file_.functions) {
        if (function.role == FunctionRole::fixture)
            continue;
        const bool test_name = file_.text(function.name).starts_with("test");
        if (function.class_index == kNone) {
            function.role = test_name ? FunctionRole::test : FunctionRole::helper;
            function.style = test_name ? TestStyle::pytest_function : TestStyle::none;
        } else if (test_name && file_.classes[function.class_index].is_test_class) {
            function.role = FunctionRole::test;
            function.style = file_.classes[function.class_index].is_unittest
                                 ? TestStyle::unittest_method
                                 : TestStyle::pytest_method;
        } else {
            function.role = FunctionRole::method;
        }
    }
}

}  // namespace qa::detail
