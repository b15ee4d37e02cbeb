#pragma once
// ConfigError: a refused setting, naming the variable (or flag), the value given and what is
// allowed.

#include <string>

namespace qa {

struct ConfigError {
    std::string variable;  // e.g. "LLM_MAX_CONCURRENT_CALLS" or "--concurrency"
    std::string value;     // exactly as given
    std::string allowed;   // e.g. "an integer in 1..50"

    // `LLM_MAX_CONCURRENT_CALLS="0" is invalid: allowed is an integer in 1..50`
    std::string message() const;
};

}  // namespace qa
