#pragma once
// The latency model: how long a 200 answer takes. A seeded base draw (fixed, uniform, normal or
// lognormal), plus a time to first token and a time per output token, all scaled by a load
// factor that grows as requests in service approach a capacity. The draw is deterministic per
// (seed, body, occurrence), like the chaos layer; the load factor depends on what else is in
// service, by design. Pure.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "mock_llm/limits.hpp"

namespace mock_llm {

enum class LatencyKind : std::uint8_t { fixed, uniform, normal, lognormal };

std::string_view latency_kind_name(LatencyKind kind) noexcept;
std::optional<LatencyKind> latency_kind_from_name(std::string_view name) noexcept;

// Slows answers as requests in service approach a capacity: the factor is
// 1 + (slowdown - 1) * in_service / capacity, where in_service counts the other chat requests
// being served when this one starts. It keeps growing past the capacity (an overloaded server).
struct LoadModel {
    std::int64_t capacity = 0;  // 0 = no load factor; 1..kMaxCapacity
    double slowdown = 1.0;      // the factor at capacity, 1..1000

    friend bool operator==(const LoadModel&, const LoadModel&) = default;
};

struct LatencyModel {
    LatencyKind kind = LatencyKind::fixed;
    // fixed: the latency; normal: the mean; lognormal: the median. 0..1 h.
    std::chrono::microseconds value{0};
    // uniform: the low end; normal, lognormal: the draw is clamped to at least this. 0..1 h.
    std::chrono::microseconds min{0};
    // uniform: the high end; normal, lognormal: the draw is clamped to at most this. 0..1 h.
    std::chrono::microseconds max{kMaxLatency};
    std::chrono::microseconds sd{0};  // normal: the standard deviation, 0..1 h
    double sigma = 0.0;               // lognormal: the standard deviation of ln(latency), 0..10
    // Added to the draw before the first byte (JSON) or the first event (stream). 0..1 h.
    std::chrono::microseconds time_to_first_token{0};
    // Per output token: after the first token a stream paces one content event by this, and a
    // JSON answer waits completion_tokens times this more. 0..1 h.
    std::chrono::microseconds per_token{0};
    LoadModel load;

    static LatencyModel fixed(std::chrono::microseconds latency) {
        LatencyModel model;
        model.value = latency;
        return model;
    }

    friend bool operator==(const LatencyModel&, const LatencyModel&) = default;
};

// The base draw for one request, in [0, 1 h].
std::chrono::microseconds draw_latency(const LatencyModel& model, std::uint64_t seed,
                                       std::uint64_t body_hash, std::uint64_t occurrence) noexcept;

double load_factor(const LoadModel& load, std::int64_t in_service) noexcept;

// The timing of one 200 answer: the wait before the first token and the pace after it.
struct ServiceTime {
    std::chrono::microseconds first_token{0};  // (draw + time_to_first_token) * load factor
    std::chrono::microseconds per_token{0};    // per_token * load factor
    // A JSON answer's whole wait: first_token + tokens * per_token, at most 1 h.
    std::chrono::microseconds total(std::size_t tokens) const noexcept;
};

ServiceTime service_time(const LatencyModel& model, std::uint64_t seed, std::uint64_t body_hash,
                         std::uint64_t occurrence, std::int64_t in_service) noexcept;

}  // namespace mock_llm
