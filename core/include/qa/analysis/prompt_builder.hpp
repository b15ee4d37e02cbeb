#pragma once
// The prompts of phase 2: one system prompt (the task and the JSON answer schema) shared by every
// call, and a user prompt per test function with its source and the context it needs (the
// imports it uses, its fixtures, the helpers it calls), capped in size. Pure functions.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "qa/analysis/parsed_file.hpp"
#include "qa/analysis/rule.hpp"

namespace qa {

struct PromptLimits {
    // Largest user prompt in bytes; the test's own source comes first, then context while it
    // fits. A test longer than the cap is cut at a line boundary, saying so. At least 1024.
    std::size_t max_user_prompt_bytes = 12 * 1024;
    // Largest single context item (one fixture or helper's source), in bytes; longer ones are
    // cut at a line boundary, saying so.
    std::size_t max_context_item_bytes = 2 * 1024;
};

// The task, the categories and the JSON schema of the answer (see llm_answer.hpp).
std::string_view analysis_system_prompt();

// The user prompt for `function` of `file`. `reasons` are the findings that shortlisted it
// (empty when every test goes to the LLM). Never longer than limits.max_user_prompt_bytes.
std::string build_user_prompt(const ParsedFile& file, const Function& function,
                              std::span<const RuleFinding> reasons,
                              const PromptLimits& limits = {});

// "TestOuter::TestInner::test_x" for a method, "test_x" for a module-level test: pytest's node
// id without the file.
std::string qualified_name(const ParsedFile& file, const Function& function);

}  // namespace qa
