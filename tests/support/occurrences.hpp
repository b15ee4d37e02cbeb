#pragma once
// How many times `what` occurs in `text` (overlapping ones too): the tests of generated text
// (SVG figures, Markdown reports) count elements with it.

#include <cstddef>
#include <string>

namespace qa::testing {

inline std::size_t occurrences(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

}  // namespace qa::testing
