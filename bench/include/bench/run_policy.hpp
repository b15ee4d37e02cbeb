#pragma once
// RunPolicy: the retry and flow settings of a run that change what its figures mean. Two runs
// that differ only here (holding the slot while backing off or not, a retry budget, a
// client-side rate limit...) give different makespans, 429s and latencies, so each report
// records them beside the figures. Values are the configured ones, at time scale 1.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "qa/config/settings.hpp"
#include "qa/expected.hpp"

namespace bench {

struct RunPolicy {
    bool hold_slot_during_backoff = true;
    int max_retries = 0;                 // after failures other than 429
    int max_rate_limit_retries = 0;      // after 429s
    std::optional<double> retry_budget;  // share of calls retries may add; nullopt: no budget
    double rate_limit_rpm = 0;           // the client-side token bucket; 0: none
    double rate_limit_burst = 0;
    double timeout_s = 0;  // per attempt
    double backoff_base_s = 0;
    double backoff_cap_s = 0;
    int limit_min = 0;  // an adaptive limit's floor
    // Whom one limiter serves: "one analysis" (the closed loop), or in an open loop "shared"
    // (every analysis) or "per-analysis" (one limiter each).
    std::string limiter;
    // The HTTP the client spoke: "1.1" or "2" (summaries from before HTTP/2 read as "1.1").
    std::string http_version = "1.1";

    bool operator==(const RunPolicy&) const = default;
};

// `settings` as given to the run (unscaled).
RunPolicy policy_of(const qa::Settings& settings, std::string limiter);

nlohmann::json to_json(const RunPolicy& policy);
// The error says which field is missing or of the wrong type.
qa::Expected<RunPolicy, std::string> policy_from_json(const nlohmann::json& data);

}  // namespace bench
