// The text of findings: source snippets for messages, message assembly, the finding itself.
#include <algorithm>

#include "qa/analysis/utf8.hpp"
#include "test_scope.hpp"

namespace qa::detail {

namespace {

bool is_blank(char c) {
    return c == '\n' || c == '\r' || c == '\t' || c == ' ';
}

}  // namespace

std::string snippet(const ParsedFile& file, TokenRange range, std::size_t max_bytes) {
    const std::string_view text = file.text(range);
    const std::size_t n = text.size();
    std::string out;
    out.reserve(std::min(n, max_bytes) + 3);
    // The text between blanks is copied a run at a time; a run of blanks between two runs
    // becomes one space. At most max_bytes are kept; what is left becomes "...".
    std::size_t i = 0;
    while (i < n && is_blank(text[i]))
        ++i;
    while (i < n) {
        std::size_t end = i;
        while (end < n && !is_blank(text[end]))
            ++end;
        const std::size_t room = max_bytes - out.size();
        if (end - i > room) {
            // Cut on a character boundary.
            const std::size_t cut = std::max(i, utf8_prefix_end(text, i + room));
            out.append(text, i, cut - i);
            i = cut;
            break;
        }
        out.append(text, i, end - i);
        i = end;
        while (i < n && is_blank(text[i]))
            ++i;
        if (i == n)
            break;
        if (out.size() + 1 >= max_bytes)
            break;  // no room for a space and a byte after it
        out += ' ';
    }
    if (i < n)
        out += "...";
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
