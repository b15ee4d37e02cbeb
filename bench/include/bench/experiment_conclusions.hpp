#pragma once
// Each built-in experiment's variants, and its conclusion as a pure function of its runs and
// of the settings they ran with: every row and every sentence is read from those figures, the
// wording chosen by what they show (the expected effect may not appear). Tests feed made-up
// runs to these functions.

#include <string>
#include <vector>

#include "bench/experiment.hpp"
#include "bench/experiment_findings.hpp"
#include "bench/level_run.hpp"
#include "bench/report.hpp"

namespace bench {

// sweeps: one report per seed scenario, each run a limit from 1 up; `wall_s` is what both took.
ConclusionTable conclude_sweeps(const std::vector<RunReport>& sweeps, double time_scale,
                                double wall_s);

// shared-limit: the same open-loop load under one shared limiter and under one per analysis.
struct SharedLimitFacts {
    int limit = 0;
    int analyses = 0;
    int calls_per_analysis = 0;
    double arrivals_per_s = 0;  // at time scale 1
    RandomFaults random;
    double time_scale = 1;
};
ConclusionTable conclude_shared_limit(const SharedLimitFacts& facts, const LevelResult& shared,
                                      const LevelResult& per_analysis);

// rate-limited: `runs` are rate_limited_variants()'s, in that order.
struct RateLimitedFacts {
    std::string scenario;
    int calls = 0;
    double call_latency_s = 0;  // at time scale 1
    double provider_rpm = 0;
    double window_s = 0;  // the provider's bucket window, at time scale 1
    int rate_limit_retries = 0;
    RandomFaults random;
    double time_scale = 1;
};
const std::vector<Variant>& rate_limited_variants();
ConclusionTable conclude_rate_limited(const RateLimitedFacts& facts,
                                      const std::vector<LevelResult>& runs);

// fault-mix: `runs` are fault_mix_variants()'s, in that order.
struct FaultMixFacts {
    std::string scenario;
    int calls = 0;
    double call_latency_s = 0;    // at time scale 1
    double fivexx_share = 0;      // of attempts answered 500, 502 or 503
    double hang_share = 0;        // of attempts never answered
    double status_429_share = 0;  // --rate-429, if given
    double timeout_s = 0;         // the settings' per-attempt timeout, at time scale 1
    int retries = 0;              // after failures other than 429
    double time_scale = 1;
};
const std::vector<Variant>& fault_mix_variants();
ConclusionTable conclude_fault_mix(const FaultMixFacts& facts,
                                   const std::vector<LevelResult>& runs);

}  // namespace bench
