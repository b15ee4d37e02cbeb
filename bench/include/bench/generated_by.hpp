#pragma once
// How a written report says it was made: the tool, the command line as typed, and when (UTC).
// Every summary.json and soak.json carries it, so a committed result can be made again.

#include <string>

#include <nlohmann/json.hpp>

namespace bench {

// {"tool": "qa-bench 0.1.0", "command": command, "at": "2026-11-30T14:27:09Z"}, at now.
nlohmann::json generated_by(const std::string& command);

}  // namespace bench
