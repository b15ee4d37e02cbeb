#include "bench/merge_details.hpp"

#include <algorithm>

#include "bench/open_loop_json.hpp"

namespace bench {
namespace {

qa::Expected<void, std::string> add_open_loop(LevelResult& into, const nlohmann::json& run,
                                              bool first) {
    const auto found = run.find("open_loop");
    const bool open = found != run.end() && !found->is_null();
    if (!first && open != into.open_loop.has_value())
        return qa::Unexpected(std::string("an open-loop shard and a closed-loop one"));
    if (!open)
        return {};
    auto stats = open_loop_from_json(*found);
    if (!stats)
        return qa::Unexpected(stats.error());
    if (first) {
        into.open_loop = std::move(*stats);
    } else {
        auto& merged = *into.open_loop;
        if (stats->arrivals != merged.arrivals || stats->limiter != merged.limiter ||
            stats->fanout != merged.fanout)
            return qa::Unexpected("an open loop of other arrivals, limiter or fanout (" +
                                  stats->arrivals + ", " + stats->limiter + ", " +
                                  std::to_string(stats->fanout) + " calls)");
        merged.analyses += stats->analyses;
        merged.offered_per_s += stats->offered_per_s;  // each shard offered its slice
        // The shards ran side by side from one schedule's start.
        merged.duration_s = std::max(merged.duration_s, stats->duration_s);
        merged.analysis_latency.merge(stats->analysis_latency);
        merged.read_analysis_latency();  // percentiles of the sum, never averaged
    }
    auto& merged = *into.open_loop;
    merged.calls_per_s =
        merged.duration_s > 0 ? static_cast<double>(into.calls_ok) / merged.duration_s : 0;
    return {};
}

// The shards' servers (one shared, or one each) saw at least the largest maximum at once, and
// at most all of them together.
void add_server_bounds(LevelResult& into, const nlohmann::json& run) {
    const auto seen = run.find("server_max_in_flight");
    if (seen == run.end() || !seen->is_number())
        return;
    const auto max = seen->get<std::int64_t>();
    auto& bounds = into.server_in_flight_bounds;
    if (!bounds) {
        bounds = InFlightBounds{max, max};
        return;
    }
    bounds->at_least = std::max(bounds->at_least, max);
    bounds->at_most += max;
}

qa::Expected<void, std::string> add_policy(LevelResult& into, const nlohmann::json& run,
                                           bool first) {
    const auto found = run.find("policy");
    std::optional<RunPolicy> policy;
    if (found != run.end() && !found->is_null()) {
        auto parsed = policy_from_json(*found);
        if (!parsed)
            return qa::Unexpected(parsed.error());
        policy = std::move(*parsed);
    }
    if (first)
        into.policy = std::move(policy);
    else if (policy != into.policy)
        return qa::Unexpected(std::string("a run with other retry or flow settings (policy)"));
    return {};
}

}  // namespace

qa::Expected<void, std::string> add_shard_details(LevelResult& into, const nlohmann::json& run,
                                                  bool first) {
    if (auto added = add_open_loop(into, run, first); !added)
        return added;
    add_server_bounds(into, run);
    return add_policy(into, run, first);
}

}  // namespace bench
