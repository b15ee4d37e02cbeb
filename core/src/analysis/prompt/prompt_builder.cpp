// The prompts. The test's source is what the reviewer must see; context is added after it, in
// order of usefulness (imports, fixtures, helpers), while the size cap allows.
#include "qa/analysis/prompt_builder.hpp"

#include <algorithm>

#include "prompt_context.hpp"
#include "qa/analysis/utf8.hpp"

namespace qa {

namespace {

constexpr std::string_view kSystemPrompt =
    "You are a senior Python engineer reviewing the quality of one automated test (pytest or "
    "unittest). You receive the test function's source with the context it uses. Report what "
    "makes it a weak test: missing or weak assertions, flakiness, poor isolation, unverified "
    "mocks, logic in the test, several behaviours in one test, unclear intent.\n"
    "\n"
    "Answer with one JSON object and nothing else, in exactly this schema:\n"
    "{\"issues\": [{\"category\": string, \"severity\": \"low\" | \"medium\" | \"high\", "
    "\"line\": integer, \"message\": string, \"suggestion\": string}]}\n"
    "\n"
    "- category: one of assertion, flakiness, isolation, mocking, coverage, readability, naming, "
    "maintainability, error-handling.\n"
    "- line: the number shown left of the test's source line the issue is about (1 is the "
    "first line of the test).\n"
    "- message: what is wrong, in one sentence. suggestion: what to do instead, in one "
    "sentence.\n"
    "- Report only real problems. If the test is fine, answer {\"issues\": []}.";

// Lines a cut text keeps at least, so a cut never leaves only its marker.
constexpr std::size_t kMinCutBytes = 64;

std::string_view without_cr(std::string_view line) {
    return !line.empty() && line.back() == '\r' ? line.substr(0, line.size() - 1) : line;
}

std::size_t count_lines(std::string_view text) {
    return text.empty() ? 0 : static_cast<std::size_t>(std::ranges::count(text, '\n')) + 1;
}

// `text` cut to at most `max_bytes` at a line boundary, with a note of what was left out.
std::string cut_lines(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes)
        return std::string(text);
    const std::size_t budget = max_bytes > kMinCutBytes ? max_bytes - 64 : kMinCutBytes / 2;
    std::size_t end = text.rfind('\n', budget);
    if (end == std::string_view::npos || end == 0)
        end = std::min(budget, text.size());
    end = utf8_prefix_end(text, end);  // never inside a UTF-8 sequence
    std::string out(text.substr(0, end));
    out += "\n# ... (" + std::to_string(count_lines(text.substr(end)) - 1) +
           " more lines cut to fit the size cap)";
    return out;
}

// "  1 | def test_x():" for each line of the test.
std::string numbered(std::string_view source) {
    std::string out;
    out.reserve(source.size() + count_lines(source) * 7);
    std::size_t number = 1;
    for (std::size_t start = 0; start <= source.size(); ++number) {
        std::size_t end = source.find('\n', start);
        if (end == std::string_view::npos)
            end = source.size();
        const std::string label = std::to_string(number);
        out.append(label.size() < 3 ? 3 - label.size() : 0, ' ').append(label).append(" | ");
        out.append(without_cr(source.substr(start, end - start))).push_back('\n');
        start = end + 1;
    }
    return out;
}

std::string_view style_words(TestStyle style) {
    switch (style) {
        case TestStyle::pytest_function:
            return "pytest function";
        case TestStyle::pytest_method:
            return "pytest method";
        case TestStyle::unittest_method:
            return "unittest method";
        case TestStyle::none:
            break;
    }
    return "function";
}

std::string header(const ParsedFile& file, const Function& function,
                   std::span<const RuleFinding> reasons) {
    std::string out;
    out += "File: ";
    out += file.path.empty() ? std::string("<memory>") : cut_lines(file.path, 512);
    out += "\nTest: " + qualified_name(file, function) + " (" +
           std::string(style_words(function.style)) + ", lines " +
           std::to_string(function.first_line) + "-" + std::to_string(function.end_line) + ")\n";
    if (!reasons.empty()) {
        out += "The rule engine could not decide on it:\n";
        for (const RuleFinding& reason : reasons) {
            out += "- ";
            out += to_string(reason.rule);
            out += ": ";
            out += cut_lines(reason.message, 300);
            out += '\n';
        }
    }
    return out;
}

// Appends `item` to `section` when it fits in `budget`; returns whether it did.
bool add_item(std::string& section, std::string_view item, std::size_t& budget) {
    if (item.size() + 1 > budget)
        return false;
    section.append(item).push_back('\n');
    budget -= item.size() + 1;
    return true;
}

std::string def_source(const ParsedFile& file, const Function& function,
                       const PromptLimits& limits) {
    return cut_lines(file.text(function.source), limits.max_context_item_bytes);
}

}  // namespace

std::string_view analysis_system_prompt() {
    return kSystemPrompt;
}

std::string qualified_name(const ParsedFile& file, const Function& function) {
    std::string name(file.text(function.name));
    for (std::uint32_t owner = function.class_index; owner != kNone && owner < file.classes.size();
         owner = file.classes[owner].outer_class) {
        name = std::string(file.text(file.classes[owner].name)) + "::" + name;
    }
    return name;
}

std::string build_user_prompt(const ParsedFile& file, const Function& function,
                              std::span<const RuleFinding> reasons, const PromptLimits& limits) {
    const std::size_t cap = std::max<std::size_t>(limits.max_user_prompt_bytes, 1024);
    const std::string head = header(file, function, reasons);
    const std::string_view source_title = "\nTest source (lines numbered from 1):\n";
    // The test's own source takes what it needs first; context gets the rest.
    const std::size_t fixed = head.size() + source_title.size();
    const std::size_t source_budget = cap > fixed + kMinCutBytes ? cap - fixed : kMinCutBytes;
    const std::string source = cut_lines(numbered(file.text(function.source)), source_budget);
    std::size_t budget = cap > fixed + source.size() ? cap - fixed - source.size() : 0;

    const auto context = detail::find_prompt_context(file, function);
    std::string imports, fixtures, helpers;
    std::size_t omitted = 0;
    constexpr std::size_t kTitles = 64;  // room for a section title
    budget = budget > 3 * kTitles ? budget - 3 * kTitles : 0;
    for (const std::uint32_t statement : context.import_statements) {
        const auto text = file.text(file.statements[statement].tokens);
        omitted +=
            add_item(imports, cut_lines(text, limits.max_context_item_bytes), budget) ? 0 : 1;
    }
    for (const Function* fixture : context.fixtures)
        omitted += add_item(fixtures, def_source(file, *fixture, limits), budget) ? 0 : 1;
    if (!context.outside_fixtures.empty()) {
        std::string names = "# defined elsewhere (conftest.py or a plugin):";
        for (const std::string_view name : context.outside_fixtures)
            names.append(" ").append(name);
        omitted += add_item(fixtures, cut_lines(names, 256), budget) ? 0 : 1;
    }
    for (const Function* helper : context.helpers)
        omitted += add_item(helpers, def_source(file, *helper, limits), budget) ? 0 : 1;

    std::string out = head;
    if (!imports.empty())
        out.append("\nImports it uses:\n").append(imports);
    if (!fixtures.empty())
        out.append("\nFixtures it uses:\n").append(fixtures);
    if (!helpers.empty())
        out.append("\nHelpers it calls:\n").append(helpers);
    if (omitted > 0)
        out.append("\n(" + std::to_string(omitted) +
                   " context items left out to fit the size cap)\n");
    out.append(source_title).append(source);
    if (out.size() > cap) {
        // Only a pathological header gets here; the cap is a promise.
        out.resize(utf8_prefix_end(out, cap));
    }
    return out;
}

}  // namespace qa
