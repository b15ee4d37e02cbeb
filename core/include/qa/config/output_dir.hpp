#pragma once
// The folder an --out flag names: made before any work starts, so a path that cannot hold the
// output is a usage error (exit status 2) instead of a failure after the run.

#include <string_view>

#include "qa/config/config_error.hpp"
#include "qa/expected.hpp"

namespace qa {

// Creates `path` and its parents unless they exist. Refuses an empty path, a path that is not
// a folder or cannot be created, and a folder this process cannot write into; the error names
// `flag`, the path and the reason.
Expected<void, ConfigError> make_output_dir(std::string_view flag, std::string_view path);

}  // namespace qa
