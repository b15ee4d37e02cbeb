#pragma once
// The soak: many rounds of a scenario's calls through one long-lived client (one io_context,
// one keep-alive pool, one limiter), under the mock's faults, with the process's memory and
// open descriptors sampled along the way, and the sockets counted once it has drained. A leak
// of memory, descriptors or calls shows as growth between the checkpoint after the warm-up and
// the last (see soak_criteria.hpp), as sockets nobody holds at the end, or as a round whose
// outcomes do not add up to its calls.

#include <map>
#include <string>
#include <vector>

#include "bench/level_run.hpp"
#include "bench/process_usage.hpp"
#include "bench/soak_criteria.hpp"

namespace bench {

struct SoakCheckpoint {
    std::uint64_t calls_done = 0;
    double seconds = 0;
    ProcessUsage usage;
    std::size_t pool_connections_opened = 0;
    std::size_t pool_idle = 0;
    std::size_t mock_connections = 0;  // the embedded mock's open connections; 0 external
};

struct SoakResult {
    std::uint64_t calls = 0;
    std::uint64_t calls_ok = 0;
    std::uint64_t calls_failed = 0;          // failed with a reason (retries exhausted)
    std::uint64_t calls_lost = 0;            // neither: must be 0
    std::vector<std::string> failure_kinds;  // distinct final errors, for the report
    qa::CallMetrics metrics;
    std::vector<SoakCheckpoint> checkpoints;  // the first after one round, the last at the end
    SocketCensus census;                      // once the run has drained
    std::int64_t server_max_in_flight = -1;
    bool usage_readable = true;  // false: /proc could not be read at some checkpoint
    std::map<std::string, std::uint64_t> faults_served;  // the mock's count by fault label
};

// Runs rounds of the scenario's calls until `calls` have been made, sampling every `every`
// calls. Blocks.
qa::Expected<SoakResult, std::string> run_soak_blocking(Target& target, const LevelOptions& options,
                                                        int concurrency, std::uint64_t calls,
                                                        std::uint64_t every);

}  // namespace bench
