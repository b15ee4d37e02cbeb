#pragma once
// Which allocator serves this process's malloc, for the conditions a measurement reports: the
// fan-out's cost per call depends on it (see QA_MIMALLOC in CMakeLists.txt).

#include <string>

namespace bench {

// "mimalloc 2.0.9" when the program links mimalloc and it serves malloc; a sanitizer's in a
// sanitizer build; else "glibc malloc".
std::string allocator_in_use();

}  // namespace bench
