#pragma once
// An open loop's figures (OpenLoopStats) in summary.json and back: the analyses' latency goes in
// as its histogram, bucket by bucket, so shards merge exactly.

#include <nlohmann/json.hpp>

#include "bench/level_run.hpp"
#include "qa/expected.hpp"

namespace bench {

nlohmann::json to_json(const OpenLoopStats& stats);
// The error names the field that is missing or of the wrong type.
qa::Expected<OpenLoopStats, std::string> open_loop_from_json(const nlohmann::json& data);

}  // namespace bench
