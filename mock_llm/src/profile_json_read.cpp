// parse_profile and load_profile_file: the strict reading of a JSON profile.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "json_fields.hpp"
#include "mock_llm/errors.hpp"
#include "mock_llm/profile_json.hpp"
#include "profile_fields.hpp"
#include "support/json_parse_error.hpp"

namespace mock_llm {

namespace {

using nlohmann::json;
using Error = std::optional<ProfileError>;

void read_load(const json& value, LoadModel& load, Error& error) {
    ObjectFields fields(value, "latency.load", error);
    fields.integer("capacity", load.capacity);
    fields.number("slowdown", load.slowdown);
    fields.reject_unknown();
}

void read_latency(const json& value, LatencyModel& model, Error& error) {
    ObjectFields fields(value, "latency", error);
    std::string name(latency_kind_name(model.kind));
    fields.string("model", name);
    if (!fields.ok()) {
        return;
    }
    const auto kind = latency_kind_from_name(name);
    if (!kind) {
        return fields.fail("model",
                           "must be fixed, uniform, normal or lognormal, got \"" + name + "\"");
    }
    model.kind = *kind;
    // The model's own keys, and the ones it must have.
    std::vector<std::string_view> required;
    switch (model.kind) {
        case LatencyKind::fixed:
            fields.millis("ms", model.value);
            break;
        case LatencyKind::uniform:
            required = {"min_ms", "max_ms"};
            fields.millis("min_ms", model.min);
            fields.millis("max_ms", model.max);
            break;
        case LatencyKind::normal:
            required = {"mean_ms", "sd_ms"};
            fields.millis("mean_ms", model.value);
            fields.millis("sd_ms", model.sd);
            fields.millis("min_ms", model.min);
            fields.millis("max_ms", model.max);
            break;
        case LatencyKind::lognormal:
            required = {"median_ms", "sigma"};
            fields.millis("median_ms", model.value);
            fields.number("sigma", model.sigma);
            fields.millis("min_ms", model.min);
            fields.millis("max_ms", model.max);
            break;
    }
    for (const std::string_view key : required) {
        if (!fields.has(key)) {
            fields.fail(key, "is required by the " + name + " model");
        }
    }
    fields.millis("time_to_first_token_ms", model.time_to_first_token);
    fields.millis("per_token_ms", model.per_token);
    if (const json* load = fields.find("load")) {
        read_load(*load, model.load, error);
    }
    for (const std::string_view key :
         {"ms", "mean_ms", "median_ms", "sd_ms", "sigma", "min_ms", "max_ms"}) {
        if (fields.has(key) && !fields.was_read(key)) {
            fields.fail(key, "does not apply to the " + name + " model");
        }
    }
    fields.reject_unknown();
}

void read_behaviour(const json& value, BehaviourProfile& behaviour, Error& error) {
    ObjectFields fields(value, "behaviour", error);
    std::string name(behaviour_name(behaviour.kind));
    fields.string("name", name);
    if (!fields.ok()) {
        return;
    }
    const auto kind = behaviour_from_name(name);
    if (!kind) {
        return fields.fail("name",
                           "must be unlimited, deepseek-legacy, deepseek-concurrency or "
                           "openai-buckets, got \"" +
                               name + "\"");
    }
    behaviour.kind = *kind;
    switch (behaviour.kind) {
        case BehaviourKind::deepseek_legacy:
            fields.integer("capacity", behaviour.capacity);
            fields.whole_millis("keep_alive_interval_ms", behaviour.keep_alive_interval);
            fields.whole_millis("queue_cutoff_ms", behaviour.queue_cutoff);
            break;
        case BehaviourKind::deepseek_concurrency:
            fields.integer("capacity", behaviour.capacity);
            break;
        case BehaviourKind::openai_buckets:
            fields.integer("requests_per_minute", behaviour.requests_per_minute);
            fields.integer("tokens_per_minute", behaviour.tokens_per_minute);
            fields.whole_millis("window_ms", behaviour.window);
            fields.integer("default_max_tokens", behaviour.default_max_tokens);
            break;
        case BehaviourKind::unlimited:
            break;
    }
    fields.reject_unknown();
}

void read_chaos(const json& value, ChaosProfile& chaos, Error& error) {
    ObjectFields fields(value, "chaos", error);
    for (std::size_t i = 0; i < kChaosFaults.size(); ++i) {
        fields.number(kChaosFaults[i].key, chaos.rates[i]);
    }
    fields.boolean("x_should_retry", chaos.x_should_retry);
    std::int64_t drip_bytes = static_cast<std::int64_t>(chaos.drip.bytes);
    fields.integer("drip_bytes", drip_bytes);
    // Out of range values are the validator's to name; keep them out of range here.
    chaos.drip.bytes = drip_bytes < 0 ? 0 : static_cast<std::size_t>(drip_bytes);
    fields.whole_millis("drip_interval_ms", chaos.drip.interval);
    fields.reject_unknown();
}

void read_fault(const json& value, const std::string& path, FaultSpec& fault, Error& error) {
    if (value.is_string()) {
        const auto name = value.get<std::string>();
        if (const auto kind = fault_kind_from_name(name)) {
            fault.kind = *kind;
        } else if (!error) {
            error = ProfileError{path,
                                 "must be {\"status\": N} or one of hang, reset, empty, "
                                 "malformed_json, truncated, slow_drip, stream_error; got \"" +
                                     name + "\""};
        }
        return;
    }
    ObjectFields fields(value, path, error);
    std::int64_t status = 0;
    fields.integer("status", status);
    if (fields.ok() && !fields.has("status")) {
        return fields.fail("status", "is required (or give the fault as a name, e.g. \"hang\")");
    }
    fault.kind = FaultKind::status;
    fault.status = static_cast<int>(std::clamp<std::int64_t>(status, -1, 1000));
    fields.whole_millis("retry_after_ms", fault.retry_after);
    fields.boolean("x_should_retry", fault.x_should_retry);
    fields.reject_unknown();
}

void read_script(const json& value, const std::string& path, ScriptRule& rule, Error& error) {
    ObjectFields fields(value, path, error);
    std::string key = "global";
    fields.string("key", key);
    if (key == "global") {
        rule.scope = ScriptScope::global;
    } else if (key == "api_key") {
        rule.scope = ScriptScope::api_key;
    } else if (key.starts_with(kHeaderKeyPrefix)) {
        rule.scope = ScriptScope::header;
        rule.header = key.substr(kHeaderKeyPrefix.size());
        for (char& c : rule.header) {
            c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        }
    } else if (fields.ok()) {
        return fields.fail(
            "key", "must be \"global\", \"api_key\" or \"header:NAME\", got \"" + key + "\"");
    }
    fields.unsigned_integer("first", rule.first);
    fields.unsigned_integer("every", rule.every);
    fields.whole_millis("from_ms", rule.from);
    fields.whole_millis("to_ms", rule.to);
    if (const json* fault = fields.find("fault")) {
        read_fault(*fault, fields.field("fault"), rule.fault, error);
    } else if (fields.ok()) {
        return fields.fail("fault", "is required");
    }
    fields.reject_unknown();
}

void read_scripts(const json& value, std::vector<ScriptRule>& scripts, Error& error) {
    if (!value.is_array()) {
        error = ProfileError{"scripts", "must be an array"};
        return;
    }
    for (std::size_t i = 0; i < value.size() && !error; ++i) {
        read_script(value[i], "scripts[" + std::to_string(i) + "]", scripts.emplace_back(), error);
    }
}

}  // namespace

support::Expected<Profile, ProfileError> parse_profile(std::string_view json_text) {
    const json document = json::parse(json_text, nullptr, false);
    if (document.is_discarded()) {
        // Parse again to say where: the cold path of a broken profile only.
        return support::Unexpected(
            ProfileError{"", "invalid JSON: " + support::json_parse_error(json_text)});
    }
    Profile profile;
    Error error;
    ObjectFields fields(document, "", error);
    std::string description;
    fields.string("description", description);  // free text for the profile's author
    fields.unsigned_integer("seed", profile.seed);
    fields.millis("retry_after_ms", profile.retry_after);
    if (const json* latency = fields.find("latency")) {
        read_latency(*latency, profile.latency, error);
    }
    if (const json* behaviour = fields.find("behaviour")) {
        read_behaviour(*behaviour, profile.behaviour, error);
    }
    if (const json* chaos = fields.find("chaos")) {
        read_chaos(*chaos, profile.chaos, error);
    }
    if (const json* scripts = fields.find("scripts")) {
        read_scripts(*scripts, profile.scripts, error);
    }
    fields.reject_unknown();
    if (error) {
        return support::Unexpected(std::move(*error));
    }
    if (auto valid = validate_profile(profile); !valid) {
        return support::Unexpected(valid.error());
    }
    return profile;
}

support::Expected<Profile, std::string> load_profile_file(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        return support::Unexpected("cannot read " + path + ": " + std::strerror(errno));
    }
    std::ostringstream text;
    text << file.rdbuf();
    auto profile = parse_profile(text.str());
    if (!profile) {
        return support::Unexpected(path + ": " + profile.error().message());
    }
    return std::move(profile).value();
}

}  // namespace mock_llm
