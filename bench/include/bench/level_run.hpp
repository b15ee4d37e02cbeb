#pragma once
// One measured run of the whole Hybrid analysis at one concurrency limit, against a Target:
// phase 1 over the scenario's test files (bench/workload.hpp), then its uncertain functions
// through the production LLM phase (LlmCallRunner under one AsyncSemaphore,
// run_parallel_calls), then the answers read back. The makespan is phase 2's.

#include <optional>
#include <string>
#include <vector>

#include "bench/call_log.hpp"
#include "bench/critical_path.hpp"
#include "bench/run_policy.hpp"
#include "bench/scenario.hpp"
#include "bench/seconds.hpp"
#include "bench/target.hpp"
#include "bench/workload.hpp"
#include "qa/config/settings.hpp"
#include "qa/log/logger.hpp"
#include "qa/metrics/call_metrics.hpp"
#include "qa/metrics/histogram.hpp"

namespace bench {

struct LevelOptions {
    Scenario scenario;
    double time_scale = 1.0;  // every latency, Retry-After, backoff and timeout is multiplied
    qa::Settings settings;    // unscaled; max_concurrent_calls is replaced by the level
    bool warm_up = true;      // open `limit` keep-alive connections before measuring
    std::uint64_t seed = 1;   // backoff jitter
    int repetitions = 1;      // measured runs per level; the median one is reported
    int warm_up_runs = 0;     // whole runs per level before the measured ones, discarded
    // Run only shard_index of shard_count: the closed loop's calls (see select_shard), an open
    // loop's analyses (see open_loop.hpp).
    int shard_index = 0;
    int shard_count = 1;
};

// An open-loop run's figures about its analyses (see open_loop.hpp). A shard's figures are its
// slice's; qa-bench merge adds the slices (merge_details.hpp).
struct OpenLoopStats {
    std::string arrivals;      // "poisson" or "constant"
    std::string limiter;       // "shared" or "per-analysis"
    int analyses = 0;          // that arrived in this run (a shard: its slice of the schedule)
    int fanout = 0;            // calls per analysis
    double offered_per_s = 0;  // analyses this run offered per second, at its time scale
    double duration_s = 0;     // the schedule's start to the last completion
    // Each analysis's latency (its scheduled arrival to its last call's end), kept whole so
    // shards merge exactly; the figures below are read from it (read_analysis_latency).
    qa::LatencyHistogram analysis_latency;
    double analysis_p50_s = 0;
    double analysis_p90_s = 0;
    double analysis_p99_s = 0;
    double analysis_max_s = 0;
    double calls_per_s = 0;  // completed calls over the duration

    void read_analysis_latency() {
        analysis_p50_s = seconds(analysis_latency.percentile(0.50));
        analysis_p90_s = seconds(analysis_latency.percentile(0.90));
        analysis_p99_s = seconds(analysis_latency.percentile(0.99));
        analysis_max_s = seconds(analysis_latency.max());
    }
};

// A merge of shards, each of which saw its own server's max in flight: the combined load's max
// in flight is at least the largest of them (a lower bound) and at most their sum (an upper
// bound); which one it was depends on how the shards overlapped in time.
struct InFlightBounds {
    std::int64_t at_least = 0;
    std::int64_t at_most = 0;
};

struct LevelResult {
    int concurrency = 0;
    std::string strategy = "fixed";  // LimitStrategy: how the limit moved during the run
    double makespan_s = 0;
    double lower_bound_s = 0;
    double ratio = 0;  // makespan / lower bound
    std::uint64_t calls_ok = 0;
    std::uint64_t calls_failed = 0;
    std::uint64_t retries = 0;
    std::uint64_t status_429 = 0;
    std::int64_t client_max_in_flight = 0;
    std::optional<std::int64_t> server_max_in_flight;       // absent when the server has no stats
    std::optional<InFlightBounds> server_in_flight_bounds;  // a merged run's (merge_details.hpp)
    std::vector<std::string> contents;                      // answers in task order ("" if failed)
    std::vector<CallLine> calls;                            // every call's record, in task order
    // An adaptive limit over the run: (seconds since the run started, limit), each change. With
    // an open loop's per-analysis limiters: the sum of the limits of the analyses in progress.
    std::vector<std::pair<double, int>> limit_history;
    std::optional<OpenLoopStats> open_loop;  // set by an open-loop run (no lower bound then)
    std::optional<RunPolicy> policy;         // absent in summaries written before it existed
    // Where a closed loop's makespan went beyond the lower bound (critical_path.hpp); absent for
    // an open loop and a merge of shards.
    std::optional<CriticalPath> critical_path;
    Phase1Figures phase1;     // this run's phase 1 (run once for an open loop)
    AnswerFigures answers;    // phase 2's answers as the analysis read them
    double client_cpu_s = 0;  // CPU the client's thread used during phase 2 (not the mock's)
    // How long some task on this machine waited for a CPU during phase 2 (cpu_pressure.hpp);
    // absent without Linux's pressure information. A merge's: its most contended shard's.
    std::optional<double> cpu_pressure_s;
    // Its system (kernel) part, by the coarser getrusage count (see thread_system_cpu_seconds).
    double client_system_cpu_s = 0;
    std::uint64_t peak_rss_bytes = 0;  // the process's (client and embedded mock) at the end
    qa::CallMetrics metrics;
    // Over repetitions: every run's makespan and client CPU in run order, how many, and the
    // worst failures (the fields above are the median run's; server_max_in_flight is the
    // maximum of all).
    std::vector<double> makespans_s;
    std::vector<double> client_cpus_s;
    std::vector<double> client_system_cpus_s;
    int repetitions = 1;
    std::uint64_t calls_failed_max = 0;
};

// How many attempts ended with HTTP `status` (0 when none did).
std::uint64_t attempts_with_status(const qa::CallMetrics& metrics, int status);

// A level's settings (scaled to the time scale, limited to the level, aimed at the target).
qa::Settings level_settings(const Target& target, const LevelOptions& options, int concurrency);

// The median run of `samples` (non-empty), carrying every run's makespan and client CPU.
LevelResult summarize_repetitions(std::vector<LevelResult> samples);

// Blocks until the run is over (it runs its own io_context on the calling thread).
qa::Expected<LevelResult, std::string> run_level_blocking(Target& target,
                                                          const LevelOptions& options,
                                                          int concurrency, const qa::Logger& log);

}  // namespace bench
