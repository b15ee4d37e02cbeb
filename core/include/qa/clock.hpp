#pragma once
// The clock every duration of the core is measured on: monotonic, never stepped.

#include <chrono>

namespace qa {

using SteadyClock = std::chrono::steady_clock;

}  // namespace qa
