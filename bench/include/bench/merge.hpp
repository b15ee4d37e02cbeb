#pragma once
// Merging a sharded run: the shards' summary.json files (qa-bench run --shard I/N, possibly on
// many machines) become one report, run by run (a strategy at a level). The shards ran side by
// side, each reporting its median repetition, so each merged run's figures are:
// - calls_ok, calls_failed, retries, retries_denied, status_429, attempts, attempts_by_status,
//   attempts_by_error, llm_issues, unusable_answers: the sums of the shards';
// - the histograms (queue_wait, service_time, total, attempt_time, server_time; a shard written
//   before server_time existed adds none of it): added bucket by bucket, and
//   every percentile and maximum read from the sum (never an average of the shards');
// - makespan_s: the slowest shard's; lower_bound_s: the largest shard's; ratio: their quotient;
// - repetitions: the shards' (they must agree); makespans_s: repetition by repetition, the
//   slowest shard's; client_cpus_s: repetition by repetition, the shards' sum (so makespan_s,
//   the shards' medians' maximum, need not be one of makespans_s);
// - client_cpu_s: the sum of the shards'; peak_rss_mb: the largest shard's (one process each);
// - calls_failed_max: the sum of the shards' worst repetitions (at least the worst repetition
//   of the whole: the shards' worst need not be the same repetition);
// - client_max_in_flight: the sum (one client each); server_max_in_flight: the sum, what one
//   shared server could have seen at most (compare allows the limit times the shards);
// - phase1: the slowest shard's (every shard runs the whole phase 1).

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench/report.hpp"

namespace bench {

struct ShardSummary {
    std::string path;  // for messages and merged_from
    nlohmann::json summary;
};

// The error names the file and what does not fit (check_shards_agree): another scenario, time
// scale or condition, a shard missing or given twice, a run (strategy and level) not run by
// every shard or repeated another number of times, a key of the wrong type, a histogram that
// does not add up. Never throws.
qa::Expected<RunReport, std::string> merge_shards(const std::vector<ShardSummary>& shards);

}  // namespace bench
