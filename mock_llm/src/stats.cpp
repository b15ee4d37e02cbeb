#include "mock_llm/stats.hpp"

#include <algorithm>
#include <charconv>
#include <numeric>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace mock_llm {

std::size_t LatencyHistogram::bucket_of(std::int64_t micros) noexcept {
    return static_cast<std::size_t>(
        std::lower_bound(kBoundsMicros.begin(), kBoundsMicros.end(), micros) -
        kBoundsMicros.begin());
}

std::uint64_t LatencyHistogram::total() const noexcept {
    return std::accumulate(counts.begin(), counts.end(), std::uint64_t{0});
}

void to_json(nlohmann::json& out, const Stats& stats) {
    nlohmann::json by_status = nlohmann::json::object();
    for (const auto& [status, count] : stats.by_status) {
        by_status[std::to_string(status)] = count;
    }
    out = nlohmann::json{{"requests_total", stats.requests_total},
                         {"in_flight", stats.in_flight},
                         {"max_in_flight", stats.max_in_flight},
                         {"queue_depth", stats.queue_depth},
                         {"by_status", std::move(by_status)},
                         {"by_fault", stats.by_fault},
                         {"latency_histogram",
                          {{"bounds_us", LatencyHistogram::kBoundsMicros},
                           {"counts", stats.latency.counts},
                           {"sum_us", stats.latency.sum_micros}}}};
}

void from_json(const nlohmann::json& in, Stats& stats) {
    Stats parsed;
    in.at("requests_total").get_to(parsed.requests_total);
    in.at("in_flight").get_to(parsed.in_flight);
    in.at("max_in_flight").get_to(parsed.max_in_flight);
    in.at("queue_depth").get_to(parsed.queue_depth);
    const nlohmann::json& by_status = in.at("by_status");
    if (!by_status.is_object()) {
        throw std::invalid_argument("by_status must be an object");
    }
    for (const auto& [key, count] : by_status.items()) {
        int status = 0;
        const auto result = std::from_chars(key.data(), key.data() + key.size(), status);
        if (result.ec != std::errc{} || result.ptr != key.data() + key.size()) {
            throw std::invalid_argument("by_status key is not an HTTP status: " + key);
        }
        parsed.by_status[status] = count.get<std::uint64_t>();
    }
    in.at("by_fault").get_to(parsed.by_fault);
    const nlohmann::json& histogram = in.at("latency_histogram");
    const nlohmann::json& counts = histogram.at("counts");
    if (!counts.is_array() || counts.size() != parsed.latency.counts.size()) {
        throw std::invalid_argument("latency_histogram.counts must have " +
                                    std::to_string(parsed.latency.counts.size()) + " entries");
    }
    for (std::size_t i = 0; i < counts.size(); ++i) {
        parsed.latency.counts[i] = counts[i].get<std::uint64_t>();
    }
    histogram.at("sum_us").get_to(parsed.latency.sum_micros);
    stats = std::move(parsed);
}

}  // namespace mock_llm
