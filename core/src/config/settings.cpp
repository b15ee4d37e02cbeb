#include "qa/config/settings.hpp"

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "qa/config/value_parsers.hpp"
#include "qa/llm/endpoint.hpp"

namespace qa {
namespace {

using std::chrono::microseconds;

microseconds from_seconds(double seconds) {
    return microseconds(static_cast<std::int64_t>(seconds * 1e6));
}
microseconds from_millis(double millis) {
    return microseconds(static_cast<std::int64_t>(millis * 1e3));
}
// Applies one variable if it is set; the first error wins and stops further reading.
class EnvReader {
  public:
    explicit EnvReader(const EnvLookup& env) : env_(env) {}

    template <class Apply>
    void read(std::string_view name, Apply&& apply) {
        if (error_)
            return;
        if (auto text = env_(name)) {
            if (auto refused = apply(name, *text))
                error_ = std::move(*refused);
        }
    }

    std::optional<ConfigError>& error() { return error_; }

  private:
    const EnvLookup& env_;
    std::optional<ConfigError> error_;
};

// An API key goes into the Authorization header as it is: it must be a non-empty run of visible
// ASCII characters, or a CR/LF in it would end the header and start another one. The refusal
// names the variable and the first bad byte's position, never the key.
std::optional<ConfigError> check_api_key(std::string_view name, std::string_view key) {
    const std::string allowed =
        "a non-empty key of visible ASCII characters (no spaces or "
        "control characters)";
    if (key.empty())
        return ConfigError{std::string(name), "", allowed + "; it is set but empty", true};
    if (const auto bad = first_invisible_byte(key)) {
        return ConfigError{std::string(name), "",
                           allowed + "; byte " + std::to_string(*bad + 1) + " is not", true};
    }
    return std::nullopt;
}

template <class T>
std::optional<ConfigError> assign(const Expected<T, ConfigError>& parsed, auto&& store) {
    if (!parsed)
        return parsed.error();
    store(*parsed);
    return std::nullopt;
}

}  // namespace

std::string_view to_string(LimitStrategy strategy) {
    switch (strategy) {
        case LimitStrategy::fixed:
            return "fixed";
        case LimitStrategy::aimd:
            return "aimd";
        case LimitStrategy::gradient:
            return "gradient";
    }
    return "fixed";
}

std::string_view to_string(LimiterScope scope) {
    return scope == LimiterScope::shared ? "shared" : "per-analysis";
}

microseconds scale_duration(microseconds value, double factor) {
    return microseconds(static_cast<std::int64_t>(static_cast<double>(value.count()) * factor));
}

std::optional<std::string> process_env(std::string_view name) {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr)
        return std::nullopt;
    return std::string(value);
}

Settings Settings::scaled(double factor) const {
    Settings copy = *this;
    copy.call_timeout = scale_duration(call_timeout, factor);
    copy.backoff_base = scale_duration(backoff_base, factor);
    copy.backoff_cap = scale_duration(backoff_cap, factor);
    copy.retry_after_limit = scale_duration(retry_after_limit, factor);
    // A rate is per unit of time: time x0.01 makes 600 per minute 60,000 per (scaled) minute.
    if (factor > 0)
        copy.rate_limit_rpm = rate_limit_rpm / factor;
    return copy;
}

std::string Settings::describe() const {
    std::ostringstream out;
    out << "max_concurrent_calls=" << max_concurrent_calls
        << " base_url=" << (base_url.empty() ? "(embedded mock)" : base_url)
        << " api_key=" << (api_key.empty() ? "(unset)" : "(set)") << " model=" << model
        << " call_timeout_ms=" << call_timeout.count() / 1000.0 << " max_retries=" << max_retries
        << " max_rate_limit_retries=" << max_rate_limit_retries
        << " backoff_base_ms=" << backoff_base.count() / 1000.0
        << " backoff_cap_ms=" << backoff_cap.count() / 1000.0
        << " retry_after_scale=" << retry_after_scale
        << " hold_slot_during_backoff=" << (hold_slot_during_backoff ? "true" : "false")
        << " limit_strategy=" << to_string(limit_strategy) << " limit_min=" << limit_min
        << " limiter_scope=" << to_string(limiter_scope) << " rate_limit_rpm=" << rate_limit_rpm
        << " rate_limit_burst=" << rate_limit_burst
        << " ca_file=" << (ca_file.empty() ? "(system only)" : ca_file)
        << " http_version=" << to_string(http_version)
        << " retry_budget=" << (retry_budget ? std::to_string(*retry_budget) : std::string("off"));
    return out.str();
}

Expected<Settings, ConfigError> settings_from_env(const EnvLookup& env) {
    Settings s;
    EnvReader reader(env);
    using L = std::string_view;

    reader.read("LLM_MAX_CONCURRENT_CALLS", [&](L name, L text) {
        return assign(parse_int_setting(name, text, limits::kMaxConcurrentCallsMin,
                                        limits::kMaxConcurrentCallsMax),
                      [&](int v) { s.max_concurrent_calls = v; });
    });
    reader.read("LLM_BASE_URL", [&](L name, L text) -> std::optional<ConfigError> {
        if (auto endpoint = parse_endpoint_setting(name, text); !endpoint)
            return std::move(endpoint).error();
        s.base_url = std::string(text);
        return std::nullopt;
    });
    // LLM_API_KEY wins over DEEPSEEK_API_KEY; the one used is checked, and never echoed.
    reader.read(env("LLM_API_KEY") ? "LLM_API_KEY" : "DEEPSEEK_API_KEY", [&](L name, L key) {
        auto refused = check_api_key(name, key);
        if (!refused)
            s.api_key = std::string(key);
        return refused;
    });
    reader.read("LLM_MODEL", [&](L name, L text) -> std::optional<ConfigError> {
        // The name goes into every request body: a blank or control character is a typo.
        if (text.empty() || first_invisible_byte(text)) {
            return ConfigError{std::string(name), std::string(text),
                               "a non-empty model name of visible ASCII characters"};
        }
        s.model = std::string(text);
        return std::nullopt;
    });
    reader.read("LLM_TIMEOUT_S", [&](L name, L text) {
        return assign(parse_double_setting(name, text, limits::kTimeoutSecondsMin,
                                           limits::kTimeoutSecondsMax),
                      [&](double v) { s.call_timeout = from_seconds(v); });
    });
    reader.read("LLM_MAX_RETRIES", [&](L name, L text) {
        return assign(parse_int_setting(name, text, limits::kMaxRetriesMin, limits::kMaxRetriesMax),
                      [&](int v) { s.max_retries = v; });
    });
    reader.read("LLM_MAX_RATE_LIMIT_RETRIES", [&](L name, L text) {
        return assign(parse_int_setting(name, text, limits::kMaxRateLimitRetriesMin,
                                        limits::kMaxRateLimitRetriesMax),
                      [&](int v) { s.max_rate_limit_retries = v; });
    });
    reader.read("LLM_BACKOFF_BASE_MS", [&](L name, L text) {
        return assign(
            parse_double_setting(name, text, limits::kBackoffMsMin, limits::kBackoffMsMax),
            [&](double v) { s.backoff_base = from_millis(v); });
    });
    reader.read("LLM_BACKOFF_CAP_MS", [&](L name, L text) -> std::optional<ConfigError> {
        auto parsed =
            parse_double_setting(name, text, limits::kBackoffMsMin, limits::kBackoffMsMax);
        if (!parsed)
            return parsed.error();
        if (from_millis(*parsed) < s.backoff_base) {
            // A cap alone lowers the default base to it, as a base alone raises the default
            // cap (below); only two values given that contradict each other are refused.
            if (!env("LLM_BACKOFF_BASE_MS")) {
                s.backoff_base = from_millis(*parsed);
                s.backoff_cap = s.backoff_base;
                return std::nullopt;
            }
            return ConfigError{std::string(name), std::string(text),
                               "a number of milliseconds >= LLM_BACKOFF_BASE_MS (" +
                                   std::to_string(s.backoff_base.count() / 1000) + ")"};
        }
        s.backoff_cap = from_millis(*parsed);
        return std::nullopt;
    });
    reader.read("LLM_HOLD_SLOT_DURING_BACKOFF", [&](L name, L text) {
        return assign(parse_bool_setting(name, text),
                      [&](bool v) { s.hold_slot_during_backoff = v; });
    });

    reader.read("LLM_LIMIT_STRATEGY", [&](L name, L text) -> std::optional<ConfigError> {
        for (auto strategy : {LimitStrategy::fixed, LimitStrategy::aimd, LimitStrategy::gradient}) {
            if (text == to_string(strategy)) {
                s.limit_strategy = strategy;
                return std::nullopt;
            }
        }
        return ConfigError{std::string(name), std::string(text), "one of fixed, aimd, gradient"};
    });
    reader.read("LLM_LIMITER_SCOPE", [&](L name, L text) -> std::optional<ConfigError> {
        for (auto scope : {LimiterScope::per_analysis, LimiterScope::shared}) {
            if (text == to_string(scope)) {
                s.limiter_scope = scope;
                return std::nullopt;
            }
        }
        return ConfigError{std::string(name), std::string(text), "one of per-analysis, shared"};
    });
    reader.read("LLM_LIMIT_MIN", [&](L name, L text) {
        return assign(parse_int_setting(name, text, limits::kMaxConcurrentCallsMin,
                                        limits::kMaxConcurrentCallsMax),
                      [&](int v) { s.limit_min = v; });
    });
    reader.read("LLM_RATE_LIMIT_RPM", [&](L name, L text) {
        return assign(parse_double_setting(name, text, 0, limits::kRateLimitRpmMax),
                      [&](double v) { s.rate_limit_rpm = v; });
    });
    reader.read("LLM_RATE_LIMIT_BURST", [&](L name, L text) {
        return assign(parse_double_setting(name, text, 1, limits::kRateLimitBurstMax),
                      [&](double v) { s.rate_limit_burst = v; });
    });
    reader.read("LLM_RETRY_BUDGET", [&](L name, L text) -> std::optional<ConfigError> {
        if (text == "off") {
            s.retry_budget.reset();
            return std::nullopt;
        }
        auto parsed = parse_double_setting(name, text, 0, 1);
        if (!parsed) {
            return ConfigError{std::string(name), std::string(text),
                               "\"off\" or a share of calls in 0..1"};
        }
        s.retry_budget = *parsed;
        return std::nullopt;
    });

    reader.read("LLM_CA_FILE", [&](L name, L text) -> std::optional<ConfigError> {
        std::error_code ec;
        if (text.empty() || !std::filesystem::is_regular_file(std::filesystem::path(text), ec)) {
            return ConfigError{std::string(name), std::string(text),
                               "the path of a readable PEM file of CA certificates"};
        }
        s.ca_file = std::string(text);
        return std::nullopt;
    });

    reader.read("LLM_HTTP_VERSION", [&](L name, L text) -> std::optional<ConfigError> {
        const auto version = parse_http_version(text);
        if (!version)
            return ConfigError{std::string(name), std::string(text), "one of 1.1, 2"};
        s.http_version = *version;
        return std::nullopt;
    });

    if (reader.error())
        return Unexpected(std::move(*reader.error()));
    if (s.limit_min > s.max_concurrent_calls) {
        return Unexpected(ConfigError{"LLM_LIMIT_MIN", std::to_string(s.limit_min),
                                      "an integer in 1..LLM_MAX_CONCURRENT_CALLS (" +
                                          std::to_string(s.max_concurrent_calls) + ")"});
    }
    // A base set without a cap: keep the cap at least the base.
    if (s.backoff_cap < s.backoff_base)
        s.backoff_cap = s.backoff_base;
    return s;
}

}  // namespace qa
