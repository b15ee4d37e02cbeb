#include "bench/open_loop_json.hpp"

#include "bench/report.hpp"

namespace bench {

nlohmann::json to_json(const OpenLoopStats& stats) {
    return {{"arrivals", stats.arrivals},
            {"limiter", stats.limiter},
            {"analyses", stats.analyses},
            {"fanout", stats.fanout},
            {"offered_per_s", stats.offered_per_s},
            {"duration_s", stats.duration_s},
            {"analysis_p50_s", stats.analysis_p50_s},
            {"analysis_p90_s", stats.analysis_p90_s},
            {"analysis_p99_s", stats.analysis_p99_s},
            {"analysis_max_s", stats.analysis_max_s},
            {"calls_per_s", stats.calls_per_s},
            {"analysis_latency", to_json(stats.analysis_latency.snapshot())}};
}

qa::Expected<OpenLoopStats, std::string> open_loop_from_json(const nlohmann::json& data) {
    try {
        OpenLoopStats stats;
        stats.arrivals = data.at("arrivals").get<std::string>();
        stats.limiter = data.at("limiter").get<std::string>();
        stats.analyses = data.at("analyses").get<int>();
        stats.fanout = data.at("fanout").get<int>();
        stats.offered_per_s = data.at("offered_per_s").get<double>();
        stats.duration_s = data.at("duration_s").get<double>();
        stats.calls_per_s = data.at("calls_per_s").get<double>();
        auto latency = histogram_from_json(data.at("analysis_latency"));
        if (!latency)
            return qa::Unexpected("open_loop.analysis_latency: " + latency.error());
        stats.analysis_latency = std::move(*latency);
        stats.read_analysis_latency();
        return stats;
    } catch (const nlohmann::json::exception& e) {
        return qa::Unexpected("open_loop: " + std::string(e.what()));
    }
}

}  // namespace bench
