#include "mock_llm/stats.hpp"

#include <charconv>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace mock_llm {

void to_json(nlohmann::json& out, const Stats& stats) {
    nlohmann::json by_status = nlohmann::json::object();
    for (const auto& [status, count] : stats.by_status) {
        by_status[std::to_string(status)] = count;
    }
    out = nlohmann::json{{"requests_total", stats.requests_total},
                         {"in_flight", stats.in_flight},
                         {"max_in_flight", stats.max_in_flight},
                         {"by_status", std::move(by_status)}};
}

void from_json(const nlohmann::json& in, Stats& stats) {
    Stats parsed;
    in.at("requests_total").get_to(parsed.requests_total);
    in.at("in_flight").get_to(parsed.in_flight);
    in.at("max_in_flight").get_to(parsed.max_in_flight);
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
    stats = std::move(parsed);
}

}  // namespace mock_llm
