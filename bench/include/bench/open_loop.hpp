#pragma once
// The open-loop load model: analyses arrive on a schedule (constant spacing or a Poisson
// process) whatever the earlier ones are doing, and each fans out its LLM calls. Unlike the
// closed loop (N calls, C slots), queues can grow here: it shows what sustained load does to
// latency. Every call's latency counts from its analysis's scheduled arrival, so a late start
// is charged to the run (no coordinated omission).

#include <string>

#include "bench/level_run.hpp"

namespace bench {

struct OpenLoopOptions {
    double arrival_rate = 1;     // analyses per second, at time scale 1
    bool poisson = true;         // exponential gaps (seeded); false: constant spacing
    int analyses = 20;           // how many arrive
    int fanout = 0;              // calls per analysis; 0: the scenario's calls
    bool shared_limiter = true;  // one limit for every analysis, or one each
};

// The schedule: `count` arrival offsets from the start, seeded, in seconds at the given scale.
std::vector<double> arrival_offsets(const OpenLoopOptions& options, double time_scale,
                                    std::uint64_t seed);

// Blocks until every analysis has ended (or the bound passes). The LevelResult holds the calls'
// metrics and records (makespan = the duration, no lower bound) and the analyses' figures.
qa::Expected<LevelResult, std::string> run_open_loop_blocking(Target& target,
                                                              const LevelOptions& options,
                                                              int concurrency,
                                                              const OpenLoopOptions& load,
                                                              const qa::Logger& log);

}  // namespace bench
