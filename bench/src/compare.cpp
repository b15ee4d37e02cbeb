#include "bench/compare.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include "qa/config/config_error.hpp"

namespace bench {
namespace {

struct OpText {
    std::string_view text;
    CompareOp op;
};
// Longest first, so "<=" is not read as "<".
constexpr std::array<OpText, 6> kOps{{{"<=", CompareOp::less_equal},
                                      {">=", CompareOp::greater_equal},
                                      {"==", CompareOp::equal},
                                      {"!=", CompareOp::not_equal},
                                      {"<", CompareOp::less},
                                      {">", CompareOp::greater}}};

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

std::string resolve_alias(const std::string& name) {
    if (name == "failed")
        return "calls_failed";
    if (name == "ok")
        return "calls_ok";
    if (name == "429s")
        return "status_429";
    // pNN_<figure>_s -> <figure>_pNN_s, as k6 users write percentiles first.
    const auto underscore = name.find('_');
    const bool percentile_first =
        name.size() > 4 && name[0] == 'p' && underscore != std::string::npos && underscore > 1 &&
        name.compare(name.size() - 2, 2, "_s") == 0 && underscore + 2 < name.size() - 1 &&
        std::all_of(name.begin() + 1, name.begin() + static_cast<long>(underscore),
                    [](char c) { return c >= '0' && c <= '9'; });
    if (percentile_first) {
        const std::string percentile = name.substr(0, underscore);
        const std::string figure = name.substr(underscore + 1, name.size() - underscore - 3);
        return figure + "_" + percentile + "_s";
    }
    return name;
}

std::string strategy_of(const nlohmann::json& run) {
    return run.value("strategy", std::string("fixed"));
}

// The run at `level`; with a strategy, the one of that strategy (a run may compare several).
const nlohmann::json* find_level(const nlohmann::json& report, int level,
                                 const std::string* strategy = nullptr) {
    for (const auto& run : report.at("runs")) {
        if (run.value("concurrency", -1) == level &&
            (strategy == nullptr || strategy_of(run) == *strategy))
            return &run;
    }
    return nullptr;
}

}  // namespace

qa::Expected<Threshold, std::string> parse_threshold(const std::string& text) {
    const auto bad = [&](const std::string& why) {
        return qa::Unexpected(qa::ConfigError{
            "--threshold", text, "METRIC[@LIMIT] OP NUMBER, e.g. ratio<1.05 (here: " + why + ")"}
                                  .message());
    };
    Threshold threshold;
    threshold.text = text;
    std::size_t at = std::string::npos;
    std::size_t op_length = 0;
    for (const auto& candidate : kOps) {
        const auto found = text.find(candidate.text);
        if (found != std::string::npos && (at == std::string::npos || found < at ||
                                           (found == at && candidate.text.size() > op_length))) {
            at = found;
            op_length = candidate.text.size();
            threshold.op = candidate.op;
        }
    }
    if (at == std::string::npos)
        return bad("no comparison operator");
    std::string left = text.substr(0, at);
    const std::string right = text.substr(at + op_length);
    if (const auto level_at = left.find('@'); level_at != std::string::npos) {
        int level = 0;
        const auto level_text = left.substr(level_at + 1);
        const auto [end, ec] =
            std::from_chars(level_text.data(), level_text.data() + level_text.size(), level);
        if (ec != std::errc{} || end != level_text.data() + level_text.size() || level < 1)
            return bad("the level after @ is not a positive integer");
        threshold.level = level;
        left.resize(level_at);
    }
    if (left.empty())
        return bad("no metric");
    threshold.metric = resolve_alias(left);
    double value = 0;
    const auto [end, ec] = std::from_chars(right.data(), right.data() + right.size(), value);
    if (right.empty() || ec != std::errc{} || end != right.data() + right.size() ||
        !std::isfinite(value)) {
        return bad("\"" + right + "\" is not a number");
    }
    threshold.value = value;
    return threshold;
}

qa::Expected<std::vector<Check>, std::string> compare_runs(const nlohmann::json& baseline,
                                                           const nlohmann::json& run,
                                                           const CompareOptions& options) {
    for (const auto* report : {&baseline, &run}) {
        if (!report->is_object() || !report->contains("runs") || !report->at("runs").is_array())
            return qa::Unexpected(std::string("not a qa-bench summary (no \"runs\" array)"));
    }
    const auto scenario = [](const nlohmann::json& report) {
        return report.value("scenario", std::string());
    };
    if (scenario(baseline) != scenario(run)) {
        return qa::Unexpected("the baseline is scenario \"" + scenario(baseline) +
                              "\", the run \"" + scenario(run) + "\"");
    }

    std::vector<Check> checks;
    for (const auto& level_run : run.at("runs")) {
        const int level = level_run.value("concurrency", 0);
        const std::string strategy = strategy_of(level_run);
        const auto* base = find_level(baseline, level, &strategy);
        if (base == nullptr) {
            return qa::Unexpected("the baseline has no " + strategy + " run at concurrency " +
                                  std::to_string(level));
        }
        const std::size_t first_check = checks.size();
        // Ratios only: absolute times differ between machines, their ratio to the bound less.
        const double base_ratio = base->value("ratio", 0.0);
        // An open-loop run has no lower bound, hence no ratio: its thresholds speak for it.
        if (base_ratio > 0) {
            Check ratio{"ratio vs baseline", level, level_run.value("ratio", 0.0),
                        base_ratio * (1.0 + options.tolerance), false};
            ratio.passed = ratio.observed <= ratio.limit;
            checks.push_back(ratio);
        }

        // Whatever the thresholds say, the server must never have seen more than the limit.
        if (const auto seen = level_run.find("server_max_in_flight");
            seen != level_run.end() && seen->is_number()) {
            Check limit{"server max in flight <= limit", level, seen->get<double>(),
                        static_cast<double>(level), false};
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
        // A run comparing strategies: each check names the strategy it is about.
        if (strategy != "fixed") {
            for (std::size_t i = first_check; i < checks.size(); ++i)
                checks[i].what = "(" + strategy + ") " + checks[i].what;
        }
    }
    for (const auto& threshold : options.thresholds) {
        if (threshold.level && find_level(run, *threshold.level) == nullptr) {
            return qa::Unexpected("--threshold \"" + threshold.text + "\": the run has no level " +
                                  std::to_string(*threshold.level));
        }
    }
    return checks;
}

}  // namespace bench
