#pragma once
// Stats: a snapshot of the mock's data-plane counters (chat and unknown paths; not /_mock/*, not
// /healthz, not /metrics), and its JSON form. A plain value type.

#include <array>
#include <cstdint>
#include <map>
#include <string>

#include <nlohmann/json_fwd.hpp>

namespace mock_llm {

// Status recorded for a counted request whose connection closed before its response was written
// (the client gave up during the latency, or the server stopped); nginx's "client closed request".
inline constexpr int kStatusClientClosed = 499;
// Status recorded for a request the server answered with no response at all (a reset fault);
// nginx's "connection closed without response".
inline constexpr int kStatusNoResponse = 444;

// Time from a request's arrival to the end of its answer, in fixed buckets (1-2-5 steps from
// 100 us to 1000 s, then one unbounded bucket): fixed memory however long the server runs.
struct LatencyHistogram {
    static constexpr std::array<std::int64_t, 22> kBoundsMicros{
        100,         200,         500,         1'000,        2'000,      5'000,
        10'000,      20'000,      50'000,      100'000,      200'000,    500'000,
        1'000'000,   2'000'000,   5'000'000,   10'000'000,   20'000'000, 50'000'000,
        100'000'000, 200'000'000, 500'000'000, 1'000'000'000};

    // counts[i]: latencies in (bound[i-1], bound[i]]; the last: above every bound.
    std::array<std::uint64_t, kBoundsMicros.size() + 1> counts{};
    std::uint64_t sum_micros = 0;

    static std::size_t bucket_of(std::int64_t micros) noexcept;
    std::uint64_t total() const noexcept;

    friend bool operator==(const LatencyHistogram&, const LatencyHistogram&) = default;
};

struct Stats {
    // Data-plane requests fully read.
    std::uint64_t requests_total = 0;
    // Data-plane requests read whose response is not yet fully written.
    std::int64_t in_flight = 0;
    // High-water mark of in_flight since start or the last reset.
    std::int64_t max_in_flight = 0;
    // Requests waiting for a slot (deepseek-legacy's queue).
    std::int64_t queue_depth = 0;
    // Finished data-plane requests by HTTP status (499: closed before the response was written;
    // 444: reset without a response).
    std::map<int, std::uint64_t> by_status;
    // Finished requests by the fault applied to them, by fault_label ("429", "hang",
    // "rate_limited", ...); requests served normally are not counted here.
    std::map<std::string, std::uint64_t> by_fault;
    // Arrival to end of answer of every finished data-plane request.
    LatencyHistogram latency;

    friend bool operator==(const Stats&, const Stats&) = default;
};

// Keys: requests_total, in_flight, max_in_flight, queue_depth, by_status as an object
// {"200": n, ...}, by_fault {"429": n, "hang": n, ...}, latency_histogram
// {"bounds_us": [...], "counts": [...], "sum_us": n}.
void to_json(nlohmann::json& out, const Stats& stats);
// Throws nlohmann::json::exception on a missing key or a wrong type, std::invalid_argument on a
// by_status key that is not a status code or a histogram of the wrong shape.
void from_json(const nlohmann::json& in, Stats& stats);

}  // namespace mock_llm
