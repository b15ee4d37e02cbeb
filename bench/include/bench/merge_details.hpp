#pragma once
// What qa-bench merge adds to a level besides the counters and histograms of merge.cpp: an open
// loop's figures (analyses, offered rate and the analyses' latency histogram add; the duration
// is the longest shard's), the servers' maxima in flight as bounds, and the run's policy, which
// every shard must share.

#include <nlohmann/json.hpp>

#include "bench/level_run.hpp"
#include "qa/expected.hpp"

namespace bench {

// Adds one shard's `run` (of summary.json) into `into`, after its counters (calls_ok) were
// added; `first` for the first shard. The error says what does not fit.
qa::Expected<void, std::string> add_shard_details(LevelResult& into, const nlohmann::json& run,
                                                  bool first);

}  // namespace bench
