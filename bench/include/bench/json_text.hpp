#pragma once
// JSON text for everything the harness writes. Strings reach its outputs from outside: a
// provider's answer quoted in a call's error, a test's name from a Latin-1 source file, a path on
// the command line. Bytes that are not UTF-8 become U+FFFD, where nlohmann's default would throw
// and end the run after its calls were made.

#include <string>

#include <nlohmann/json.hpp>

namespace bench {

// `indent` as nlohmann::json::dump: -1 for one line.
inline std::string json_text(const nlohmann::json& value, int indent = -1) {
    return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace bench
