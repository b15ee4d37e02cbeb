#pragma once
// The open-loop load model: analyses arrive on a schedule (constant spacing or a Poisson
// process) whatever the earlier ones are doing, and each fans out its LLM calls. Unlike the
// closed loop (N calls, C slots), queues can grow here: it shows what sustained load does to
// latency. Every call's latency counts from its analysis's scheduled arrival, so a late start
// is charged to the run (no coordinated omission).
//
// Sharded (LevelOptions::shard_index of shard_count), a run takes the analyses whose index in
// the whole schedule is shard_index modulo shard_count, each at the arrival time it has in the
// whole schedule (the same seeded sequence): N machines started together offer the whole load.

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

// The whole schedule: options.analyses arrival offsets from the start, seeded, in seconds at the
// given scale.
std::vector<double> arrival_offsets(const OpenLoopOptions& options, double time_scale,
                                    std::uint64_t seed);

// One analysis of a shard's slice: its index in the whole schedule and its arrival offset.
struct ScheduledArrival {
    int analysis = 0;
    double offset_s = 0;
};

// The slice of the schedule that shard `index` of `count` runs (every count-th from `index`).
std::vector<ScheduledArrival> shard_schedule(const OpenLoopOptions& options, double time_scale,
                                             std::uint64_t seed, int index, int count);

// Blocks until every analysis has ended (or the bound passes). The LevelResult holds the calls'
// metrics and records (makespan = the duration, no lower bound) and the analyses' figures.
qa::Expected<LevelResult, std::string> run_open_loop_blocking(Target& target,
                                                              const LevelOptions& options,
                                                              int concurrency,
                                                              const OpenLoopOptions& load,
                                                              const qa::Logger& log);

}  // namespace bench
