// The text of findings: source snippets for messages, message assembly, the finding itself.
#include <algorithm>

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
    bool mid_run = false;  // the cut fell inside a run, maybe inside a character
    while (i < n) {
        std::size_t end = i;
        while (end < n && !is_blank(text[end]))
            ++end;
        const std::size_t room = max_bytes - out.size();
        if (end - i > room) {
            out.append(text, i, room);
            i += room;
            mid_run = true;
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
    if (i < n) {
        if (mid_run) {
            // Cut on a character boundary: drop a partial UTF-8 sequence at the end.
            std::size_t keep = out.size();
            while (keep > 0 && (static_cast<unsigned char>(out[keep - 1]) & 0xC0) == 0x80)
                --keep;
            if (keep > 0 && (static_cast<unsigned char>(out[keep - 1]) & 0x80) != 0)
                --keep;  // a lead byte: its sequence may be complete, but it cannot be told cheaply
            out.resize(keep);
        }
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
