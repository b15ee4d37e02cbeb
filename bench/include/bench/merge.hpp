#pragma once
// Merging a sharded run: the shards' summary.json files (qa-bench run --shard I/N, possibly on
// many machines) become one report, exactly: counters add, histograms add bucket by bucket and
// percentiles are read from the sum (never averaged), the makespan is the slowest shard's (the
// shards ran side by side), the lower bound the largest shard's.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench/report.hpp"

namespace bench {

struct ShardSummary {
    std::string path;  // for messages and merged_from
    nlohmann::json summary;
};

// The error names the file and what does not fit: another scenario or time scale, a shard
// missing or given twice, a level not run by every shard, a histogram that does not add up.
qa::Expected<RunReport, std::string> merge_shards(const std::vector<ShardSummary>& shards);

}  // namespace bench
