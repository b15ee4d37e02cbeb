#pragma once
// UTF-8 validation for source files (the encoding Python 3 assumes without a coding cookie).

#include <cstddef>
#include <optional>
#include <string_view>

#include "support/utf8_prefix.hpp"

namespace qa {

// The offset of the first byte that is not part of valid UTF-8 (overlong forms, surrogates and
// code points above U+10FFFF are invalid), or nullopt when all of `text` is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// Where a text is cut to a size, so that the cut never splits a character (support/text).
using support::utf8_prefix_end;

// The encoding named by a PEP 263 coding cookie ("# -*- coding: latin-1 -*-") on line 1 or 2,
// or empty when there is none.
std::string_view coding_cookie(std::string_view source);

}  // namespace qa
