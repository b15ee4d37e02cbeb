#pragma once
// Whether shard summaries are one run, split: what qa-bench merge checks before it adds
// anything up. Pure; never throws.

#include <string>
#include <vector>

#include "bench/merge.hpp"

namespace bench {

// Every shard holds the types qa-bench writes (check_summary_types); all agree on what makes
// their figures one run's (the scenario and its corpus, the time scale and latency, the server,
// warm-up, allocator and wake-latency conditions, the shard count) and on their runs (the same
// strategies at the same levels, each with the same repetitions); their indices are 0..N-1,
// each once. The error names the file and the difference.
qa::Expected<void, std::string> check_shards_agree(const std::vector<ShardSummary>& shards);

}  // namespace bench
