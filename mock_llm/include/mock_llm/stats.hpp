#pragma once
// Stats: a snapshot of the mock's data-plane counters (chat and unknown paths; not /_mock/*, not
// /healthz), and its JSON form. A plain value type.

#include <cstdint>
#include <map>

#include <nlohmann/json_fwd.hpp>

namespace mock_llm {

// Status recorded for a counted request whose connection closed before its response was written
// (the client gave up during the latency, or the server stopped); nginx's "client closed request".
inline constexpr int kStatusClientClosed = 499;

struct Stats {
    // Data-plane requests fully read.
    std::uint64_t requests_total = 0;
    // Data-plane requests read whose response is not yet fully written.
    std::int64_t in_flight = 0;
    // High-water mark of in_flight since start or the last reset.
    std::int64_t max_in_flight = 0;
    // Finished data-plane requests by HTTP status (499: closed before the response was written).
    std::map<int, std::uint64_t> by_status;

    friend bool operator==(const Stats&, const Stats&) = default;
};

// Keys: requests_total, in_flight, max_in_flight, by_status as an object {"200": n, ...}.
void to_json(nlohmann::json& out, const Stats& stats);
// Throws nlohmann::json::exception on a missing key or a wrong type, std::invalid_argument on a
// by_status key that is not a status code.
void from_json(const nlohmann::json& in, Stats& stats);

}  // namespace mock_llm
