// The text of findings: source snippets for messages, message assembly, the finding itself.
#include <algorithm>

#include "test_scope.hpp"

namespace qa::detail {

std::string snippet(const ParsedFile& file, TokenRange range, std::size_t max_bytes) {
    const std::string_view text = file.text(range);
    std::string out;
    out.reserve(std::min(text.size(), max_bytes + 3));
    bool space = false;
    for (const char c : text) {
        if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
            space = !out.empty();
            continue;
        }
        if (space)
            out += ' ';
        space = false;
        out += c;
        if (out.size() >= max_bytes)
            break;
    }
    if (out.size() >= max_bytes && out.size() < text.size()) {
        // Cut on a character boundary, then say it was cut.
        while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80)
            out.pop_back();
        if (!out.empty() && (static_cast<unsigned char>(out.back()) & 0x80) != 0)
            out.pop_back();
        out += "...";
    }
    return out;
}

std::string cat(std::initializer_list<std::string_view> parts) {
    std::size_t size = 0;
    for (const std::string_view part : parts)
        size += part.size();
    std::string out;
    out.reserve(size);
    for (const std::string_view part : parts)
        out.append(part);
    return out;
}

void report(std::vector<RuleFinding>& out, RuleId rule, std::uint32_t line, std::string message) {
    out.push_back(RuleFinding{rule, line, std::move(message)});
}

}  // namespace qa::detail
