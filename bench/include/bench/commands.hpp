#pragma once
// qa-bench's subcommands. Each returns the process exit status: 0 done, 1 the run failed
// (calls lost, a run overstayed its bound), 2 usage or configuration error, 3 a regression
// (compare: a check failed).

#include <optional>
#include <string>
#include <vector>

namespace bench {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRunFailed = 1;
inline constexpr int kExitUsage = 2;

// Flags shared by run and seed-compare, as given (validated by the command).
struct CommonFlags {
    std::string time_scale = "1";
    std::string llm_url;
    std::string out_dir;
    std::string rate_429 = "0";
    std::string rate_500 = "0";
    std::string seed = "1";
    std::optional<std::string> repetitions;  // absent: the command's default (1 for most)
    bool no_warm_up = false;
    std::string warm_up_runs = "0";  // whole runs per level before the measured ones, discarded
    bool quiet = false;
    bool no_wake_latency = false;  // do not hold /dev/cpu_dma_latency
    bool no_pin = false;           // do not pin the embedded mock and the client apart
    // Flow controls; each overrides its LLM_* variable when given.
    std::optional<std::string> strategy;        // LLM_LIMIT_STRATEGY
    std::optional<std::string> rate_limit_rpm;  // LLM_RATE_LIMIT_RPM
    std::optional<std::string> retry_budget;    // LLM_RETRY_BUDGET
    std::optional<std::string> http_version;    // LLM_HTTP_VERSION
    std::string command_line;
};

struct RunFlags {
    CommonFlags common;
    std::string scenario = "seed-38x91";
    std::vector<std::string> tests;  // a user's test files and directories instead of a scenario
    std::optional<std::string> concurrency;  // absent: LLM_MAX_CONCURRENT_CALLS or its default
    bool json = false;
    // The load model: closed (N calls, C slots) or open (analyses arriving on a schedule). The
    // open-loop flags are absent unless given (OpenLoopOptions holds their defaults); a closed
    // load refuses them.
    std::string load = "closed";
    std::optional<std::string> arrival_rate;  // analyses per second at time scale 1
    std::optional<std::string> arrivals;      // poisson or constant
    std::optional<std::string> analyses;
    std::optional<std::string> fanout;   // calls per analysis; 0: the scenario's
    std::optional<std::string> limiter;  // shared or per-analysis
    std::string shard = "0/1";           // I/N: run the I-th of N disjoint slices of the scenario
};

struct ExperimentFlags {
    CommonFlags common;
    std::optional<std::string> name;  // one of builtin_experiments(); absent: list them
    bool list = false;
};

struct MergeFlags {
    std::vector<std::string> summaries;  // the shards' summary.json files
    std::string out_dir;
    bool json = false;
};

struct ClientCpuFlags {
    CommonFlags common;
    std::string concurrency = "50";
    std::string rounds = "300";  // rounds of the scenario's calls
    // Whose calls a round makes: seed-50x120 (an analysis's worth, the default), or a large
    // generated corpus for the client's sustained rate, as wrk measures a server's.
    std::string scenario = "seed-50x120";
};

struct CompareFlags {
    std::string baseline;  // summary.json of the baseline
    std::string run;       // summary.json of the run under test
    std::string tolerance = "0.10";
    std::vector<std::string> thresholds;
};

struct SoakFlags {
    CommonFlags common;
    std::string concurrency = "50";
    std::string calls = "200000";
    std::string every = "20000";  // calls between checkpoints
};

int command_run(const RunFlags& flags);
int command_soak(const SoakFlags& flags);
int command_merge(const MergeFlags& flags);
int command_compare(const CompareFlags& flags);
int command_client_cpu(const ClientCpuFlags& flags);
int command_seed_compare(const CommonFlags& flags);
int command_experiment(const ExperimentFlags& flags);

}  // namespace bench
