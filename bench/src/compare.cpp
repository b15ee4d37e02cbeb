#include "bench/compare.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "bench/report.hpp"
#include "bench/summary_input.hpp"

namespace bench {
namespace {

bool holds(double observed, CompareOp op, double value) {
    switch (op) {
        case CompareOp::less:
            return observed < value;
        case CompareOp::less_equal:
            return observed <= value;
        case CompareOp::greater:
            return observed > value;
        case CompareOp::greater_equal:
            return observed >= value;
        case CompareOp::equal:
            return observed == value;
        case CompareOp::not_equal:
            return observed != value;
    }
    return false;
}

using RunsByKey = std::map<RunKey, const nlohmann::json*>;

// The runs of a summary that passed check_summary_types, by key; the error (about `which`
// summary) names a key given twice, or says there is none.
qa::Expected<RunsByKey, std::string> runs_by_key(const nlohmann::json& summary,
                                                 const std::string& which) {
    RunsByKey runs;
    for (const auto& run : summary.at("runs")) {
        const auto key = run_key(run);
        if (!key)
            return qa::Unexpected(which + ": " + key.error());
        if (!runs.emplace(*key, &run).second)
            return qa::Unexpected(which + " has " + describe(*key) + " twice");
    }
    if (runs.empty())
        return qa::Unexpected(which + " has no levels (\"runs\" is empty)");
    return runs;
}

std::string shard_text(const nlohmann::json& summary) {
    const auto shard = summary.value("shard", nlohmann::json::object());
    return "shard " + std::to_string(shard.value("index", 0)) + " of " +
           std::to_string(shard.value("count", 1));
}

// A ratio is the makespan over the bound of the same calls at the same latency: the scenario,
// the time scale (it shrinks the mock's latency, not the client's own costs) and the shard (a
// slice of the calls) must be the baseline's.
qa::Expected<void, std::string> check_comparable(const nlohmann::json& baseline,
                                                 const nlohmann::json& run) {
    const auto scenario = [](const nlohmann::json& report) {
        return report.value("scenario", std::string());
    };
    if (scenario(baseline) != scenario(run)) {
        return qa::Unexpected("the baseline is scenario \"" + scenario(baseline) +
                              "\", the run \"" + scenario(run) + "\"");
    }
    const auto base_scale = number_at(baseline, "time_scale");
    if (!base_scale)
        return qa::Unexpected("the baseline: " + base_scale.error());
    const auto run_scale = number_at(run, "time_scale");
    if (!run_scale)
        return qa::Unexpected("the run: " + run_scale.error());
    if (std::abs(*base_scale - *run_scale) > 1e-9 * std::max(*base_scale, *run_scale)) {
        return qa::Unexpected("the baseline was measured at time scale " +
                              shown(baseline.at("time_scale")) + ", the run at " +
                              shown(run.at("time_scale")) +
                              ": ratios at different time scales do not compare");
    }
    if (shard_text(baseline) != shard_text(run)) {
        return qa::Unexpected("the baseline is " + shard_text(baseline) + ", the run " +
                              shard_text(run) + ": ratios of different slices do not compare");
    }
    return {};
}

// The checks of one level of the run against the same level of the baseline.
qa::Expected<void, std::string> check_level(const RunKey& key, const nlohmann::json& base,
                                            const nlohmann::json& level_run, int shards,
                                            const CompareOptions& options,
                                            std::vector<Check>& checks) {
    const int level = key.concurrency;
    // Ratios only: absolute times differ between machines, their ratio to the bound less.
    const auto base_ratio = number_at(base, "ratio");
    if (!base_ratio)
        return qa::Unexpected("the baseline: " + describe(key) + ": " + base_ratio.error());
    // An open-loop run has no lower bound, hence no ratio: its thresholds speak for it.
    if (*base_ratio > 0) {
        const auto ratio = number_at(level_run, "ratio");
        if (!ratio)
            return qa::Unexpected("the run: " + describe(key) + ": " + ratio.error());
        Check check{"ratio vs baseline", level, *ratio, *base_ratio * (1.0 + options.tolerance),
                    false};
        check.passed = check.observed <= check.limit;
        checks.push_back(check);
    }

    // Whatever the thresholds say, the server must never have seen more than the limit: the
    // limit of each shard, for a merged run whose shards shared one server.
    if (const auto seen = level_run.find("server_max_in_flight");
        seen != level_run.end() && !seen->is_null()) {
        const auto observed = number_at(level_run, "server_max_in_flight");
        if (!observed)
            return qa::Unexpected("the run: " + describe(key) + ": " + observed.error());
        Check limit{"server max in flight <= limit", level, *observed,
                    static_cast<double>(level) * shards, false};
        limit.passed = limit.observed <= limit.limit;
        checks.push_back(limit);
    }

    for (const auto& threshold : options.thresholds) {
        if (threshold.level && *threshold.level != level)
            continue;
        const auto figure = level_run.find(threshold.metric);
        if (figure == level_run.end() || !figure->is_number()) {
            return qa::Unexpected("--threshold \"" + threshold.text + "\": the run has no " +
                                  "figure \"" + threshold.metric + "\"");
        }
        Check check{threshold.text, level, figure->get<double>(), threshold.value, false};
        check.passed = holds(check.observed, threshold.op, threshold.value);
        checks.push_back(check);
    }
    return {};
}

// A run comparing strategies: each check from `first` on names the strategy it is about.
void label_strategy(const RunKey& key, std::vector<Check>& checks, std::size_t first) {
    if (key.strategy == "fixed")
        return;
    for (std::size_t i = first; i < checks.size(); ++i)
        checks[i].what = "(" + key.strategy + ") " + checks[i].what;
}

}  // namespace

qa::Expected<std::vector<Check>, std::string> compare_runs(const nlohmann::json& baseline,
                                                           const nlohmann::json& run,
                                                           const CompareOptions& options) {
    if (auto checked = check_summary_types(baseline); !checked)
        return qa::Unexpected("the baseline: " + checked.error());
    if (auto checked = check_summary_types(run); !checked)
        return qa::Unexpected("the run: " + checked.error());
    if (auto comparable = check_comparable(baseline, run); !comparable)
        return qa::Unexpected(comparable.error());
    const auto base_runs = runs_by_key(baseline, "the baseline");
    if (!base_runs)
        return qa::Unexpected(base_runs.error());
    const auto run_runs = runs_by_key(run, "the run");
    if (!run_runs)
        return qa::Unexpected(run_runs.error());
    // A merged run's server_max_in_flight adds its shards' (see merge.hpp).
    const int shards = std::max<int>(
        1, static_cast<int>(run.value("merged_from", nlohmann::json::array()).size()));

    std::vector<Check> checks;
    // The run's levels in its order (the report's), each against the same in the baseline.
    for (const auto& level_run : run.at("runs")) {
        const RunKey key = *run_key(level_run);  // read by runs_by_key already
        const auto base = base_runs->find(key);
        if (base == base_runs->end())
            return qa::Unexpected("the baseline has no " + key.strategy + " run at concurrency " +
                                  std::to_string(key.concurrency));
        const std::size_t first_check = checks.size();
        if (auto checked = check_level(key, *base->second, level_run, shards, options, checks);
            !checked)
            return qa::Unexpected(checked.error());
        label_strategy(key, checks, first_check);
    }
    // A level the baseline has and the run lost is a breach, not a pass by omission.
    for (const auto& base_run : baseline.at("runs")) {
        const RunKey key = *run_key(base_run);  // read by runs_by_key already
        if (run_runs->count(key) == 0) {
            checks.push_back(Check{"present in the run", key.concurrency, 0, 1, false});
            label_strategy(key, checks, checks.size() - 1);
        }
    }
    // A level no summary has is a typo; one the run lost failed above.
    for (const auto& threshold : options.thresholds) {
        const auto at_level = [&](const auto& entry) {
            return entry.first.concurrency == *threshold.level;
        };
        if (threshold.level && std::none_of(run_runs->begin(), run_runs->end(), at_level) &&
            std::none_of(base_runs->begin(), base_runs->end(), at_level)) {
            return qa::Unexpected("--threshold \"" + threshold.text + "\": the run has no level " +
                                  std::to_string(*threshold.level));
        }
    }
    return checks;
}

std::vector<std::string> contended_levels(const nlohmann::json& summary) {
    std::vector<std::string> notes;
    if (!summary.is_object() || !summary.contains("runs") || !summary["runs"].is_array())
        return notes;
    for (const auto& run : summary["runs"]) {
        if (!run.is_object())
            continue;
        const auto number = [&](const char* key) -> std::optional<double> {
            const auto found = run.find(key);
            if (found == run.end() || !found->is_number())
                return std::nullopt;
            return found->get<double>();
        };
        const auto pressure = number("cpu_pressure_s");
        const auto makespan = number("makespan_s");
        const auto concurrency = run.find("concurrency");
        if (!pressure || !makespan || concurrency == run.end() || !concurrency->is_number_integer())
            continue;
        // A run written without a strategy ran the fixed limit (LevelResult's default).
        const auto strategy = run.find("strategy");
        const std::string_view name =
            strategy != run.end() && strategy->is_string()
                ? std::string_view(strategy->get_ref<const std::string&>())
                : std::string_view("fixed");
        if (auto note = contention_note(concurrency->get<int>(), name, *makespan, pressure))
            notes.push_back(std::move(*note));
    }
    return notes;
}

}  // namespace bench
