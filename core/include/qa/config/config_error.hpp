#pragma once
// ConfigError: a refused setting, naming the variable (or flag), the value given and what is
// allowed. A secret's value (an API key) is never part of the message.

#include <string>

namespace qa {

struct ConfigError {
    std::string variable;  // e.g. "LLM_MAX_CONCURRENT_CALLS" or "--concurrency"
    std::string value;     // exactly as given
    std::string allowed;   // e.g. "an integer in 1..50"
    bool secret = false;   // the value must not be shown: message() leaves it out

    // `LLM_MAX_CONCURRENT_CALLS="0" is invalid: allowed is an integer in 1..50`, or for a secret
    // `LLM_API_KEY (value not shown) is invalid: allowed is ...`
    std::string message() const;
};

}  // namespace qa
