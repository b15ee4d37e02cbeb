#include "mock_llm/profile.hpp"

#include <charconv>
#include <cmath>

#include "mock_llm/errors.hpp"
#include "mock_llm/limits.hpp"
#include "profile_fields.hpp"

namespace mock_llm {

namespace {

using Result = support::Expected<void, ProfileError>;
using std::chrono::microseconds;
using std::chrono::milliseconds;

Result invalid(std::string field, std::string reason) {
    return support::Unexpected(ProfileError{std::move(field), std::move(reason)});
}

// Shortest round-trip text: "3600000", "0.5", "nan" (not ostream's "3.6e+06").
std::string number_text(double value) {
    char text[64];
    const auto result = std::to_chars(text, text + sizeof text, value);
    return std::string(text, result.ptr);
}

// Durations are milliseconds in a profile, microseconds inside.
std::string millis_text(microseconds value) {
    return number_text(static_cast<double>(value.count()) / 1000.0);
}

Result check_millis(const std::string& field, microseconds value, microseconds low,
                    microseconds high) {
    if (value < low || value > high) {
        return invalid(field, "must be in " + millis_text(low) + ".." + millis_text(high) +
                                  " ms, got " + millis_text(value));
    }
    return {};
}

Result check_millis(const std::string& field, milliseconds value, milliseconds low,
                    milliseconds high) {
    return check_millis(field, microseconds(value), microseconds(low), microseconds(high));
}

Result check_number(const std::string& field, double value, double low, double high) {
    // Written so that NaN fails too.
    if (!(value >= low && value <= high)) {
        return invalid(field, "must be in " + number_text(low) + ".." + number_text(high) +
                                  ", got " + number_text(value));
    }
    return {};
}

Result check_integer(const std::string& field, std::int64_t value, std::int64_t low,
                     std::int64_t high) {
    if (value < low || value > high) {
        return invalid(field, "must be in " + std::to_string(low) + ".." + std::to_string(high) +
                                  ", got " + std::to_string(value));
    }
    return {};
}

template <class... Checks>
Result first_error(Checks&&... checks) {
    Result result;
    // Left to right, stopping at the first failure.
    (void)((checks ? true : (result = std::move(checks), false)) && ...);
    return result;
}

Result check_latency(const LatencyModel& m) {
    const std::string value_field = "latency." + std::string(latency_value_key(m.kind));
    if (auto bad = first_error(
            check_millis(value_field, m.value, microseconds(0), kMaxLatency),
            check_millis("latency.min_ms", m.min, microseconds(0), kMaxLatency),
            check_millis("latency.max_ms", m.max, microseconds(0), kMaxLatency),
            check_millis("latency.sd_ms", m.sd, microseconds(0), kMaxLatency),
            check_number("latency.sigma", m.sigma, 0.0, 10.0),
            check_millis("latency.time_to_first_token_ms", m.time_to_first_token, microseconds(0),
                         kMaxLatency),
            check_millis("latency.per_token_ms", m.per_token, microseconds(0), kMaxLatency),
            check_integer("latency.load.capacity", m.load.capacity, 0, kMaxCapacity),
            check_number("latency.load.slowdown", m.load.slowdown, 1.0, 1000.0));
        !bad) {
        return bad;
    }
    if (m.min > m.max) {
        return invalid("latency.max_ms", "must be at least min_ms (" + millis_text(m.min) +
                                             "), got " + millis_text(m.max));
    }
    return {};
}

Result check_behaviour(const BehaviourProfile& b) {
    constexpr milliseconds one(1);
    return first_error(
        check_integer("behaviour.capacity", b.capacity, 1, kMaxCapacity),
        check_millis("behaviour.keep_alive_interval_ms", b.keep_alive_interval, one, kMaxTimeout),
        check_millis("behaviour.queue_cutoff_ms", b.queue_cutoff, one, kMaxTimeout),
        check_integer("behaviour.requests_per_minute", b.requests_per_minute, 1, kMaxPerMinute),
        check_integer("behaviour.tokens_per_minute", b.tokens_per_minute, 1, kMaxPerMinute),
        check_millis("behaviour.window_ms", b.window, one, std::chrono::minutes(1)),
        check_integer("behaviour.default_max_tokens", b.default_max_tokens, 1, 1'000'000'000));
}

Result check_chaos(const ChaosProfile& chaos) {
    for (std::size_t i = 0; i < kChaosFaults.size(); ++i) {
        if (auto bad =
                check_number("chaos." + std::string(kChaosFaults[i].key), chaos.rates[i], 0.0, 1.0);
            !bad) {
            return bad;
        }
    }
    return first_error(
        check_integer("chaos.drip_bytes", static_cast<std::int64_t>(chaos.drip.bytes), 1, 65536),
        check_millis("chaos.drip_interval_ms", chaos.drip.interval, milliseconds(0),
                     std::chrono::minutes(1)));
}

Result check_fault(const std::string& field, const FaultSpec& fault) {
    if (fault.kind == FaultKind::status) {
        if (find_error_kind(fault.status) == nullptr) {
            return invalid(field + ".status", "must be a status of the error catalogue, got " +
                                                  std::to_string(fault.status));
        }
    } else if (!fault_kind_from_name(fault_kind_name(fault.kind))) {
        return invalid(field,
                       "must be a status or one of hang, reset, empty, malformed_json, "
                       "truncated, slow_drip, stream_error");
    }
    if (fault.retry_after) {
        return check_millis(field + ".retry_after_ms", *fault.retry_after, milliseconds(0),
                            std::chrono::duration_cast<milliseconds>(kMaxRetryAfter));
    }
    return {};
}

Result check_script(const std::string& field, const ScriptRule& rule) {
    if (rule.scope == ScriptScope::header && rule.header.empty()) {
        return invalid(field + ".key", "a header key needs a name: \"header:NAME\"");
    }
    if (rule.first == 0 && rule.every == 0 && !rule.from && !rule.to) {
        return invalid(field, "needs at least one of first, every, from_ms, to_ms");
    }
    if (rule.from && rule.to && *rule.from >= *rule.to) {
        return invalid(field + ".to_ms", "must be after from_ms (" +
                                             std::to_string(rule.from->count()) + "), got " +
                                             std::to_string(rule.to->count()));
    }
    return check_fault(field + ".fault", rule.fault);
}

}  // namespace

support::Expected<void, ProfileError> validate_profile(const Profile& profile) {
    if (auto bad = first_error(
            check_latency(profile.latency),
            check_millis("retry_after_ms", profile.retry_after, microseconds(0), kMaxRetryAfter),
            check_behaviour(profile.behaviour), check_chaos(profile.chaos));
        !bad) {
        return bad;
    }
    if (profile.scripts.size() > kMaxScripts) {
        return invalid("scripts", "at most " + std::to_string(kMaxScripts) + " scripts, got " +
                                      std::to_string(profile.scripts.size()));
    }
    for (std::size_t i = 0; i < profile.scripts.size(); ++i) {
        if (auto bad = check_script("scripts[" + std::to_string(i) + "]", profile.scripts[i]);
            !bad) {
            return bad;
        }
    }
    return {};
}

}  // namespace mock_llm
