#include "bench/merge.hpp"

#include "bench/merge_details.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <map>

#include "bench/shard_agreement.hpp"
#include "bench/summary_input.hpp"
#include "mock_llm/profile_json.hpp"

namespace bench {
namespace {

using nlohmann::json;

// Repetition i of a merged run is repetition i of every shard, side by side: `combine` folds
// one shard's figure of each repetition (its list `key`) into `into`. A shard from before the
// list was written, with more than one repetition, leaves `into` empty: unknown.
template <class Combine>
qa::Expected<void, std::string> add_repetitions(std::vector<double>& into, const json& run,
                                                const char* key, double median, int repetitions,
                                                bool first, Combine combine) {
    std::vector<double> shard;
    if (run.contains(key))
        shard = run.at(key).get<std::vector<double>>();
    else if (repetitions == 1)
        shard = {median};
    if (!shard.empty() && shard.size() != static_cast<std::size_t>(repetitions)) {
        return qa::Unexpected("\"" + std::string(key) + "\" has " + std::to_string(shard.size()) +
                              " entries for " + std::to_string(repetitions) + " repetitions");
    }
    if (first || shard.empty() || into.empty()) {
        into = first ? shard : std::vector<double>{};
        return {};
    }
    for (std::size_t i = 0; i < shard.size(); ++i)
        into[i] = combine(into[i], shard[i]);
    return {};
}

// Adds one shard's level into `into` (the first shard's level starts it).
qa::Expected<void, std::string> add_level(LevelResult& into, const json& run, bool first) {
    try {
        const auto& h = run.at("histograms");
        auto& m = into.metrics;
        const std::pair<const char*, qa::LatencyHistogram qa::CallMetrics::*> histograms[] = {
            {"queue_wait", &qa::CallMetrics::queue_wait},
            {"service_time", &qa::CallMetrics::service_time},
            {"total", &qa::CallMetrics::total},
            {"attempt_time", &qa::CallMetrics::attempt_time},
            {"server_time", &qa::CallMetrics::server_time}};
        for (const auto& [name, member] : histograms) {
            // Summaries written before the server's own time was recorded have none of it.
            if (member == &qa::CallMetrics::server_time && !h.contains(name))
                continue;
            auto histogram = histogram_from_json(h.at(name));
            if (!histogram)
                return qa::Unexpected(std::string("histogram ") + name + ": " + histogram.error());
            (m.*member).merge(*histogram);
        }
        into.calls_ok += run.at("calls_ok").get<std::uint64_t>();
        into.calls_failed += run.at("calls_failed").get<std::uint64_t>();
        into.retries += run.at("retries").get<std::uint64_t>();
        into.status_429 += run.at("status_429").get<std::uint64_t>();
        m.retries += run.at("retries").get<std::uint64_t>();
        m.retries_denied += run.value("retries_denied", std::uint64_t{0});
        m.attempts += run.value("attempts", std::uint64_t{0});
        m.calls_ok += run.at("calls_ok").get<std::uint64_t>();
        m.calls_failed += run.at("calls_failed").get<std::uint64_t>();
        for (const auto& [status, count] :
             run.value("attempts_by_status", std::map<int, std::uint64_t>{}))
            m.attempts_by_status[status] += count;
        for (const auto& [kind, count] :
             run.value("attempts_by_error", std::map<std::string, std::uint64_t>{}))
            m.attempts_by_error[kind] += count;
        const double makespan = run.at("makespan_s").get<double>();
        const double bound = run.at("lower_bound_s").get<double>();
        into.makespan_s = first ? makespan : std::max(into.makespan_s, makespan);
        into.lower_bound_s = first ? bound : std::max(into.lower_bound_s, bound);
        auto per_repetition =
            add_repetitions(into.makespans_s, run, "makespans_s", makespan, into.repetitions, first,
                            [](double a, double b) { return std::max(a, b); });
        if (!per_repetition)
            return per_repetition;
        into.calls_failed_max += run.value("calls_failed_max", std::uint64_t{0});
        into.client_max_in_flight += run.value("client_max_in_flight", std::int64_t{0});
        // Each shard had its own client; the servers may have been one or many, so the sum is
        // what one shared server could have seen at most.
        if (run.contains("server_max_in_flight") && run["server_max_in_flight"].is_number()) {
            into.server_max_in_flight = into.server_max_in_flight.value_or(0) +
                                        run["server_max_in_flight"].get<std::int64_t>();
        }
        into.answers.llm_issues += run.value("llm_issues", std::uint64_t{0});
        if (run.contains("cpu_pressure_s") && run["cpu_pressure_s"].is_number()) {
            const double pressure = run["cpu_pressure_s"].get<double>();
            into.cpu_pressure_s = std::max(into.cpu_pressure_s.value_or(0.0), pressure);
        }
        const double client_cpu = run.value("client_cpu_s", 0.0);
        into.client_cpu_s += client_cpu;
        per_repetition = add_repetitions(into.client_cpus_s, run, "client_cpus_s", client_cpu,
                                         into.repetitions, first, std::plus<double>());
        if (!per_repetition)
            return per_repetition;
        into.peak_rss_bytes =
            std::max(into.peak_rss_bytes,
                     static_cast<std::uint64_t>(run.value("peak_rss_mb", 0.0) * 1024.0 * 1024.0));
        into.answers.unusable += run.value("unusable_answers", std::uint64_t{0});
        // Every shard ran the whole phase 1 (then took its slice of the calls): the figures
        // are the same in each; the slowest one's time stands for the run.
        if (run.contains("phase1")) {
            const auto& p = run.at("phase1");
            const double elapsed = p.at("elapsed_s").get<double>();
            if (first || elapsed > into.phase1.elapsed_s) {
                into.phase1.files = p.at("files").get<std::uint32_t>();
                into.phase1.unreadable = p.at("unreadable").get<std::uint32_t>();
                into.phase1.test_functions = p.at("test_functions").get<std::uint32_t>();
                into.phase1.uncertain = p.at("uncertain").get<std::uint32_t>();
                into.phase1.rule_issues = p.at("rule_issues").get<std::uint32_t>();
                into.phase1.bytes = p.at("bytes").get<std::uint64_t>();
                into.phase1.elapsed_s = elapsed;
            }
        }
        return add_shard_details(into, run, first);
    } catch (const json::exception& e) {
        return qa::Unexpected(std::string(e.what()));
    }
}

}  // namespace

qa::Expected<RunReport, std::string> merge_shards(const std::vector<ShardSummary>& shards) {
    if (auto agreed = check_shards_agree(shards); !agreed)
        return qa::Unexpected(agreed.error());
    const auto& head = shards.front().summary;
    RunReport report;
    try {
        const auto name = head.at("scenario").get<std::string>();
        if (head.contains("test_paths") && !head.at("test_paths").empty()) {
            // A user's tests: the counts are the ones phase 1 found when the shards ran.
            report.scenario =
                tests_scenario(head.at("test_paths").get<std::vector<std::filesystem::path>>());
            report.scenario.files = head.at("files").get<int>();
            report.scenario.calls = head.at("calls").get<int>();
        } else {
            auto scenario = find_scenario(name);
            if (!scenario)
                return qa::Unexpected(shards.front().path + ": its scenario \"" + name +
                                      "\" is not one this qa-bench knows");
            report.scenario = *scenario;
        }
        report.scenario.call_latency = std::chrono::microseconds(std::llround(
            head.at("call_latency_s").get<double>() / head.at("time_scale").get<double>() * 1e6));
        report.time_scale = head.at("time_scale").get<double>();
        report.server = head.at("conditions").value("server", std::string());
        report.warm_up = head.at("conditions").value("warm_up", true);
        report.warm_up_runs = head.at("conditions").value("warm_up_runs", 0);
        report.wake_latency_held = head.at("conditions").value("wake_latency_held", false);
        report.allocator = head.at("conditions").value("allocator", std::string());
        // The mock's profile, when the shards ran against the embedded one (all alike: see
        // check_shards_agree); shards written before it was recorded have none.
        if (const auto& mock = head.at("conditions").value("mock", json()); !mock.is_null()) {
            auto profile = mock_llm::parse_profile(mock.dump());
            if (!profile)
                return qa::Unexpected(shards.front().path +
                                      ": conditions.mock: " + profile.error().message());
            report.mock_profile = std::move(*profile);
        }
        report.command = "qa-bench merge";
        for (const auto& shard : shards) {
            report.merged_from.push_back(shard.path);
            report.command += " " + shard.path;
        }
    } catch (const json::exception& e) {
        return qa::Unexpected(shards.front().path + ": not a qa-bench summary: " + e.what());
    }

    // Run by run (a strategy at a level), in the first shard's order; check_shards_agree saw
    // every shard run each, as often.
    for (const auto& level_run : head.at("runs")) {
        const RunKey key = *run_key(level_run);
        LevelResult merged;
        merged.concurrency = key.concurrency;
        merged.strategy = key.strategy;
        merged.repetitions = level_run.value("repetitions", 1);
        bool first = true;
        for (const auto& shard : shards) {
            const auto& runs = shard.summary.at("runs");
            const auto match = std::find_if(runs.begin(), runs.end(),
                                            [&](const json& r) { return *run_key(r) == key; });
            if (auto added = add_level(merged, *match, first); !added)
                return qa::Unexpected(shard.path + ": " + describe(key) + ": " + added.error());
            first = false;
        }
        merged.metrics.max_in_flight = merged.client_max_in_flight;
        merged.ratio = merged.lower_bound_s > 0 ? merged.makespan_s / merged.lower_bound_s : 0;
        report.runs.push_back(std::move(merged));
    }
    return report;
}

}  // namespace bench
