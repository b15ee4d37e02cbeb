#pragma once
// has(text, part): whether a message contains a phrase, the usual check on an error's wording.

#include <string_view>

namespace qa::test {

inline bool has(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

}  // namespace qa::test
