#pragma once
// The mock-llm flags: parsing and range checking into a ServerConfig.

#include <ostream>

#include "mock_llm/server_config.hpp"
#include "support/expected.hpp"

namespace mock_llm::app {

// Exit status for a bad flag or value.
inline constexpr int kExitUsage = 2;

// The config, or the status to exit with once the message is written: 0 after --help, kExitUsage
// after a bad flag or value (the message names the flag, the value and the allowed range).
support::Expected<ServerConfig, int> parse_command_line(int argc, const char* const* argv,
                                                        std::ostream& out, std::ostream& err);

}  // namespace mock_llm::app
