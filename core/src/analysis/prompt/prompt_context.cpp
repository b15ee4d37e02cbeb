#include "prompt_context.hpp"

#include <algorithm>

namespace qa::detail {

namespace {

// Calls looked up among the file's defs; each lookup is a scan, so a giant test stays linear.
constexpr std::size_t kMaxHelperLookups = 64;

// The identifiers the test's tokens use, sorted and unique.
std::vector<std::string_view> identifiers_of(const ParsedFile& file, const Function& test) {
    std::vector<std::string_view> names;
    const StatementRange body = file.body_of(test);
    const std::uint32_t from = file.statements[test.statement].tokens.begin;
    const std::uint32_t to = body.empty() ? file.statements[test.statement].tokens.end
                                          : file.statements[body.end - 1].tokens.end;
    for (std::uint32_t k = from; k < to; ++k) {
        if (file.tokens()[k].is_identifier())
            names.push_back(file.token_text(k));
    }
    // A method's class header names its bases (unittest.TestCase, an imported base class).
    for (std::uint32_t owner = test.class_index; owner != kNone && owner < file.classes.size();
         owner = file.classes[owner].outer_class) {
        const TokenRange header = file.statements[file.classes[owner].statement].tokens;
        for (std::uint32_t k = header.begin; k < header.end; ++k) {
            if (file.tokens()[k].is_identifier())
                names.push_back(file.token_text(k));
        }
    }
    for (const Decorator& decorator : file.decorators_of(test)) {
        for (std::uint32_t k = decorator.expression.begin; k < decorator.expression.end; ++k) {
            if (file.tokens()[k].is_identifier())
                names.push_back(file.token_text(k));
        }
    }
    std::ranges::sort(names);
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

bool uses(const std::vector<std::string_view>& names, std::string_view name) {
    return std::ranges::binary_search(names, name);
}

std::string_view bound_name(const ParsedFile& file, const Import& import) {
    if (!import.alias.empty())
        return file.text(import.alias);
    if (import.is_from)
        return file.text(import.name);
    const std::string_view module = file.text(import.module);
    return module.substr(0, module.find('.'));
}

const Function* find_def(const ParsedFile& file, std::string_view name, std::uint32_t owner,
                         const Function& except) {
    for (const Function& candidate : file.functions) {
        if (candidate.class_index == owner && &candidate != &except &&
            file.text(candidate.name) == name)
            return &candidate;
    }
    return nullptr;
}

void add_unique(std::vector<const Function*>& list, const Function* function) {
    if (function != nullptr && std::ranges::find(list, function) == list.end())
        list.push_back(function);
}

}  // namespace

PromptContext find_prompt_context(const ParsedFile& file, const Function& test) {
    PromptContext context;
    const auto names = identifiers_of(file, test);
    for (const Import& import : file.imports) {
        const std::string_view bound = bound_name(file, import);
        if ((bound == "*" || uses(names, bound)) &&
            std::ranges::find(context.import_statements, import.statement) ==
                context.import_statements.end()) {
            context.import_statements.push_back(import.statement);
        }
    }

    for (const Parameter& parameter : file.parameters_of(test)) {
        const std::string_view name = file.text(parameter.name);
        if (name == "self" || name == "cls")
            continue;
        const Function* fixture = find_def(file, name, kNone, test);
        if (fixture == nullptr && test.class_index != kNone)
            fixture = find_def(file, name, test.class_index, test);
        if (fixture != nullptr && fixture->role == FunctionRole::fixture) {
            add_unique(context.fixtures, fixture);
        } else {
            context.outside_fixtures.push_back(name);
        }
    }
    if (test.class_index != kNone) {
        for (const std::string_view setup : {"setUp", "setup_method", "asyncSetUp"})
            add_unique(context.fixtures, find_def(file, setup, test.class_index, test));
    }

    const auto calls = file.calls_in(file.body_of(test));
    for (const Call& call : calls.first(std::min(calls.size(), kMaxHelperLookups))) {
        const std::string_view target = file.text(call.target);
        const Function* helper = nullptr;
        if (target.starts_with("self.") || target.starts_with("cls.")) {
            if (test.class_index != kNone)
                helper =
                    find_def(file, target.substr(target.find('.') + 1), test.class_index, test);
        } else if (target.find('.') == std::string_view::npos && !target.empty()) {
            helper = find_def(file, target, kNone, test);
        }
        if (helper != nullptr && !helper->is_test() &&
            std::ranges::find(context.fixtures, helper) == context.fixtures.end())
            add_unique(context.helpers, helper);
    }
    return context;
}

}  // namespace qa::detail
