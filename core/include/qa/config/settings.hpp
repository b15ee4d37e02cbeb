#pragma once
// Settings: everything the LLM phase needs, read from the environment and validated.
// A plain value; copy freely. The API key is never printed by describe().

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "qa/config/config_error.hpp"
#include "qa/config/limits.hpp"
#include "qa/expected.hpp"
#include "qa/llm/http_version.hpp"

namespace qa {

// How the concurrency limit moves (LLM_LIMIT_STRATEGY): fixed (the original), or adaptive.
enum class LimitStrategy { fixed, aimd, gradient };
std::string_view to_string(LimitStrategy strategy);

// Who shares one concurrency limit (LLM_LIMITER_SCOPE): each analysis its own (the seed), or
// every analysis in the process (a service answering several requests at once).
enum class LimiterScope { per_analysis, shared };
std::string_view to_string(LimiterScope scope);  // "per-analysis", "shared"

struct Settings {
    // Calls holding a connection to the provider at once (LLM_MAX_CONCURRENT_CALLS, 1..50).
    int max_concurrent_calls = limits::kMaxConcurrentCallsDefault;
    // Provider base URL, e.g. https://api.deepseek.com (LLM_BASE_URL). Empty: none configured.
    std::string base_url;
    // Bearer token (LLM_API_KEY, or DEEPSEEK_API_KEY). Empty: no Authorization header.
    std::string api_key;
    // Model name sent with every request (LLM_MODEL).
    std::string model = limits::kModelDefault;
    // Deadline of one attempt; the socket is closed when it passes (LLM_TIMEOUT_S).
    std::chrono::microseconds call_timeout{
        static_cast<std::int64_t>(limits::kTimeoutSecondsDefault * 1e6)};
    // Retries after failures other than 429 (LLM_MAX_RETRIES), and after 429s
    // (LLM_MAX_RATE_LIMIT_RETRIES): two separate allowances.
    int max_retries = limits::kMaxRetriesDefault;
    int max_rate_limit_retries = limits::kMaxRateLimitRetriesDefault;
    // Backoff base and cap (LLM_BACKOFF_BASE_MS, LLM_BACKOFF_CAP_MS); cap >= base.
    std::chrono::microseconds backoff_base{
        static_cast<std::int64_t>(limits::kBackoffBaseMsDefault * 1e3)};
    std::chrono::microseconds backoff_cap{
        static_cast<std::int64_t>(limits::kBackoffCapMsDefault * 1e3)};
    // Longest server Retry-After honoured as given; longer hints use our own backoff.
    std::chrono::microseconds retry_after_limit = limits::kRetryAfterLimitDefault;
    // Multiplies a server's Retry-After before it is honoured: 1 for a real provider; the
    // harness's time scale for an external server whose hints are in real time while the
    // client's own timing is scaled (scaled() leaves it alone: an embedded mock's hints are
    // scaled at the source already).
    double retry_after_scale = 1.0;
    // Whether a call keeps its concurrency slot while it sleeps before a retry
    // (LLM_HOLD_SLOT_DURING_BACKOFF; the original did).
    bool hold_slot_during_backoff = true;
    // Fixed limit or an adaptive one between limit_min and max_concurrent_calls
    // (LLM_LIMIT_STRATEGY, LLM_LIMIT_MIN).
    LimitStrategy limit_strategy = LimitStrategy::fixed;
    LimiterScope limiter_scope = LimiterScope::per_analysis;
    int limit_min = limits::kLimitMinDefault;
    // Client-side request rate (LLM_RATE_LIMIT_RPM; 0 = none) and its burst.
    double rate_limit_rpm = 0;
    double rate_limit_burst = limits::kRateLimitBurstDefault;
    // Share of calls that retries may add (LLM_RETRY_BUDGET); absent: no budget.
    std::optional<double> retry_budget;
    // Extra certificates to trust for https endpoints, PEM (LLM_CA_FILE), besides the system's.
    std::string ca_file;
    // HTTP/1.1, or HTTP/2 by prior knowledge on an http:// endpoint (LLM_HTTP_VERSION).
    HttpVersion http_version = HttpVersion::http1_1;

    // Every duration multiplied by `factor` (harness time scale) and every rate divided by it;
    // factor > 0.
    Settings scaled(double factor) const;
    // One line for logs: every field but the key, which shows only whether it is set.
    std::string describe() const;
};

// `value` x `factor`, to the microsecond: the time scale applied to one duration.
std::chrono::microseconds scale_duration(std::chrono::microseconds value, double factor);

// Reads one environment variable; nullopt when unset.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;

// The process environment.
std::optional<std::string> process_env(std::string_view name);

// Settings from the environment; unset variables keep their defaults. The first bad value is
// returned as a ConfigError naming the variable, the value and the allowed range.
Expected<Settings, ConfigError> settings_from_env(const EnvLookup& env = process_env);

}  // namespace qa
