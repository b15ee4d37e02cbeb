#pragma once
// What of its file a test needs beside its own source for a reviewer to judge it: the imports it
// uses, the fixtures it takes (and setUp), the helpers it calls. Found from the parse tables.

#include <string_view>
#include <vector>

#include "qa/analysis/parsed_file.hpp"

namespace qa::detail {

struct PromptContext {
    std::vector<std::uint32_t> import_statements;    // import statements, source order, unique
    std::vector<const Function*> fixtures;           // fixtures of this file it takes; setUp
    std::vector<std::string_view> outside_fixtures;  // parameters defined elsewhere (conftest)
    std::vector<const Function*> helpers;            // defs of this file it calls, first call first
};

PromptContext find_prompt_context(const ParsedFile& file, const Function& test);

}  // namespace qa::detail
