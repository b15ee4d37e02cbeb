#pragma once
// The flags of `qa-bench run` that shape the load, checked before anything is measured: each
// error names the flag, the value and what is allowed.

#include <optional>
#include <string>
#include <utility>

#include "bench/commands.hpp"
#include "bench/open_loop.hpp"
#include "qa/config/config_error.hpp"
#include "qa/expected.hpp"

namespace bench {

// --load and the open-loop flags: nullopt for a closed load. Every open-loop flag given is
// checked whatever the load, and refused under a closed one, where nothing would read it.
qa::Expected<std::optional<OpenLoopOptions>, std::string> parse_load(const RunFlags& flags);

// --shard "I/N" with 0 <= I < N <= 10000.
qa::Expected<std::pair<int, int>, qa::ConfigError> parse_shard(const std::string& text);

}  // namespace bench
