// profile_json: the canonical JSON of a profile (what GET /_mock/profile answers).
#include <nlohmann/json.hpp>

#include "mock_llm/profile_json.hpp"
#include "profile_fields.hpp"

namespace mock_llm {

namespace {

using Json = nlohmann::ordered_json;

double millis(std::chrono::microseconds value) {
    return static_cast<double>(value.count()) / 1000.0;
}

Json latency_json(const LatencyModel& m) {
    Json out = {{"model", latency_kind_name(m.kind)}};
    switch (m.kind) {
        case LatencyKind::fixed:
            out["ms"] = millis(m.value);
            break;
        case LatencyKind::uniform:
            out["min_ms"] = millis(m.min);
            out["max_ms"] = millis(m.max);
            break;
        case LatencyKind::normal:
            out["mean_ms"] = millis(m.value);
            out["sd_ms"] = millis(m.sd);
            out["min_ms"] = millis(m.min);
            out["max_ms"] = millis(m.max);
            break;
        case LatencyKind::lognormal:
            out["median_ms"] = millis(m.value);
            out["sigma"] = m.sigma;
            out["min_ms"] = millis(m.min);
            out["max_ms"] = millis(m.max);
            break;
    }
    out["time_to_first_token_ms"] = millis(m.time_to_first_token);
    out["per_token_ms"] = millis(m.per_token);
    out["load"] = {{"capacity", m.load.capacity}, {"slowdown", m.load.slowdown}};
    return out;
}

Json behaviour_json(const BehaviourProfile& b) {
    Json out = {{"name", behaviour_name(b.kind)}};
    switch (b.kind) {
        case BehaviourKind::deepseek_legacy:
            out["capacity"] = b.capacity;
            out["keep_alive_interval_ms"] = b.keep_alive_interval.count();
            out["queue_cutoff_ms"] = b.queue_cutoff.count();
            break;
        case BehaviourKind::deepseek_concurrency:
            out["capacity"] = b.capacity;
            break;
        case BehaviourKind::openai_buckets:
            out["requests_per_minute"] = b.requests_per_minute;
            out["tokens_per_minute"] = b.tokens_per_minute;
            out["window_ms"] = b.window.count();
            out["default_max_tokens"] = b.default_max_tokens;
            break;
        case BehaviourKind::unlimited:
            break;
    }
    return out;
}

Json chaos_json(const ChaosProfile& chaos) {
    Json out = Json::object();
    for (std::size_t i = 0; i < kChaosFaults.size(); ++i) {
        out[std::string(kChaosFaults[i].key)] = chaos.rates[i];
    }
    if (chaos.x_should_retry) {
        out["x_should_retry"] = *chaos.x_should_retry;
    }
    out["drip_bytes"] = chaos.drip.bytes;
    out["drip_interval_ms"] = chaos.drip.interval.count();
    return out;
}

Json fault_json(const FaultSpec& fault) {
    if (fault.kind != FaultKind::status) {
        return fault_kind_name(fault.kind);
    }
    Json out = {{"status", fault.status}};
    if (fault.retry_after) {
        out["retry_after_ms"] = fault.retry_after->count();
    }
    if (fault.x_should_retry) {
        out["x_should_retry"] = *fault.x_should_retry;
    }
    return out;
}

Json script_json(const ScriptRule& rule) {
    Json out;
    switch (rule.scope) {
        case ScriptScope::global:
            out["key"] = "global";
            break;
        case ScriptScope::api_key:
            out["key"] = "api_key";
            break;
        case ScriptScope::header:
            out["key"] = std::string(kHeaderKeyPrefix) + rule.header;
            break;
    }
    if (rule.first != 0) {
        out["first"] = rule.first;
    }
    if (rule.every != 0) {
        out["every"] = rule.every;
    }
    if (rule.from) {
        out["from_ms"] = rule.from->count();
    }
    if (rule.to) {
        out["to_ms"] = rule.to->count();
    }
    out["fault"] = fault_json(rule.fault);
    return out;
}

}  // namespace

std::string profile_json(const Profile& profile) {
    Json scripts = Json::array();
    for (const ScriptRule& rule : profile.scripts) {
        scripts.push_back(script_json(rule));
    }
    const Json out = {{"seed", profile.seed},
                      {"retry_after_ms", millis(profile.retry_after)},
                      {"latency", latency_json(profile.latency)},
                      {"behaviour", behaviour_json(profile.behaviour)},
                      {"chaos", chaos_json(profile.chaos)},
                      {"scripts", std::move(scripts)}};
    return out.dump();
}

}  // namespace mock_llm
