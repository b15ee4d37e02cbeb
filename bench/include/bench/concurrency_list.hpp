#pragma once
// Parsing --concurrency: a comma-separated list of levels and ranges, "1,10,50", "1..50",
// "1..10,20,50". Every level must be an allowed limit (1..50); the result keeps the given order
// and drops repeats.

#include <string_view>
#include <vector>

#include "qa/config/config_error.hpp"
#include "qa/expected.hpp"

namespace bench {

qa::Expected<std::vector<int>, qa::ConfigError> parse_concurrency_list(std::string_view flag,
                                                                       std::string_view text);

}  // namespace bench
