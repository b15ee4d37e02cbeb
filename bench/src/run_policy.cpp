#include "bench/run_policy.hpp"

#include "bench/seconds.hpp"

namespace bench {

RunPolicy policy_of(const qa::Settings& settings, std::string limiter) {
    RunPolicy policy;
    policy.hold_slot_during_backoff = settings.hold_slot_during_backoff;
    policy.max_retries = settings.max_retries;
    policy.max_rate_limit_retries = settings.max_rate_limit_retries;
    policy.retry_budget = settings.retry_budget;
    policy.rate_limit_rpm = settings.rate_limit_rpm;
    policy.rate_limit_burst = settings.rate_limit_burst;
    policy.timeout_s = seconds(settings.call_timeout);
    policy.backoff_base_s = seconds(settings.backoff_base);
    policy.backoff_cap_s = seconds(settings.backoff_cap);
    policy.limit_min = settings.limit_min;
    policy.limiter = std::move(limiter);
    policy.http_version = std::string(qa::to_string(settings.http_version));
    return policy;
}

nlohmann::json to_json(const RunPolicy& policy) {
    return {{"hold_slot_during_backoff", policy.hold_slot_during_backoff},
            {"max_retries", policy.max_retries},
            {"max_rate_limit_retries", policy.max_rate_limit_retries},
            {"retry_budget",
             policy.retry_budget ? nlohmann::json(*policy.retry_budget) : nlohmann::json(nullptr)},
            {"rate_limit_rpm", policy.rate_limit_rpm},
            {"rate_limit_burst", policy.rate_limit_burst},
            {"timeout_s", policy.timeout_s},
            {"backoff_base_s", policy.backoff_base_s},
            {"backoff_cap_s", policy.backoff_cap_s},
            {"limit_min", policy.limit_min},
            {"limiter", policy.limiter},
            {"http_version", policy.http_version}};
}

qa::Expected<RunPolicy, std::string> policy_from_json(const nlohmann::json& data) {
    try {
        RunPolicy policy;
        policy.hold_slot_during_backoff = data.at("hold_slot_during_backoff").get<bool>();
        policy.max_retries = data.at("max_retries").get<int>();
        policy.max_rate_limit_retries = data.at("max_rate_limit_retries").get<int>();
        if (const auto& budget = data.at("retry_budget"); !budget.is_null())
            policy.retry_budget = budget.get<double>();
        policy.rate_limit_rpm = data.at("rate_limit_rpm").get<double>();
        policy.rate_limit_burst = data.at("rate_limit_burst").get<double>();
        policy.timeout_s = data.at("timeout_s").get<double>();
        policy.backoff_base_s = data.at("backoff_base_s").get<double>();
        policy.backoff_cap_s = data.at("backoff_cap_s").get<double>();
        policy.limit_min = data.at("limit_min").get<int>();
        policy.limiter = data.at("limiter").get<std::string>();
        policy.http_version = data.value("http_version", std::string("1.1"));
        return policy;
    } catch (const nlohmann::json::exception& e) {
        return qa::Unexpected("policy: " + std::string(e.what()));
    }
}

}  // namespace bench
