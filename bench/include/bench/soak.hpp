#pragma once
// The soak: many rounds of a scenario's calls through one long-lived client (one io_context,
// one keep-alive pool, one limiter), under the mock's faults, with the process's memory and
// open descriptors sampled along the way. A leak of memory, sockets or calls shows as growth
// between the first checkpoint (after warm-up) and the last, or as a round whose outcomes do
// not add up to its calls.

#include <string>
#include <vector>

#include "bench/level_run.hpp"
#include "bench/process_usage.hpp"

namespace bench {

struct SoakCheckpoint {
    std::uint64_t calls_done = 0;
    double seconds = 0;
    ProcessUsage usage;
    std::size_t pool_connections_opened = 0;
    std::size_t pool_idle = 0;
};

struct SoakResult {
    std::uint64_t calls = 0;
    std::uint64_t calls_ok = 0;
    std::uint64_t calls_failed = 0;          // failed with a reason (retries exhausted)
    std::uint64_t calls_lost = 0;            // neither: must be 0
    std::vector<std::string> failure_kinds;  // distinct final errors, for the report
    qa::CallMetrics metrics;
    std::vector<SoakCheckpoint> checkpoints;  // the first after warm-up, the last at the end
    std::int64_t server_max_in_flight = -1;
};

// Runs rounds of the scenario's calls until `calls` have been made, sampling every `every`
// calls. Blocks.
qa::Expected<SoakResult, std::string> run_soak_blocking(Target& target, const LevelOptions& options,
                                                        int concurrency, std::uint64_t calls,
                                                        std::uint64_t every);

}  // namespace bench
