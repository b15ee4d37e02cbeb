// libFuzzer target: the Python tokenizer and structure parser must never crash, hang or break
// their own invariants, whatever the bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "qa/analysis/parsed_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string source(reinterpret_cast<const char*>(data), size);
    const qa::ParsedFile file = qa::parse_python_source(std::move(source), "fuzz.py");
    // Invariants the rule engine relies on: every statement's subtree ends inside the file, and
    // functions point at statements that exist.
    for (std::size_t i = 0; i < file.statements.size(); ++i) {
        if (file.statements[i].subtree_end < i + 1 ||
            file.statements[i].subtree_end > file.statements.size())
            std::abort();
    }
    for (const auto& function : file.functions) {
        if (function.statement >= file.statements.size())
            std::abort();
        (void)file.body_of(function);
    }
    return 0;
}
