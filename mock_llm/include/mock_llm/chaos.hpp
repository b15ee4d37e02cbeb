#pragma once
// The chaos layer: seeded faults over any server behaviour, each with its own probability.
// Deterministic per (seed, body, occurrence): the same request body's k-th arrival always meets
// the same fault, whatever other requests do meanwhile, so a sequential and a parallel run see
// the same faults per request. Pure.

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "mock_llm/fault.hpp"

namespace mock_llm {

// One chaos fault: its key in a profile ("429", "hang") and what it does.
struct ChaosFault {
    std::string_view key;
    FaultKind kind;
    int status;  // kind == status only
};

// Every chaos fault, in the order of the draws: 429 and 500 first (as decide_fault), then the
// other statuses, then the delivery faults. Draw i is independent of the others; the first
// that fires wins, so P(i fires) = rate_i * prod_{j<i}(1 - rate_j).
inline constexpr std::array<ChaosFault, 15> kChaosFaults{{
    {"429", FaultKind::status, 429},
    {"500", FaultKind::status, 500},
    {"400", FaultKind::status, 400},
    {"401", FaultKind::status, 401},
    {"402", FaultKind::status, 402},
    {"408", FaultKind::status, 408},
    {"502", FaultKind::status, 502},
    {"503", FaultKind::status, 503},
    {"hang", FaultKind::hang, 0},
    {"reset", FaultKind::reset, 0},
    {"empty", FaultKind::empty, 0},
    {"malformed_json", FaultKind::malformed_json, 0},
    {"truncated", FaultKind::truncated, 0},
    {"slow_drip", FaultKind::slow_drip, 0},
    {"stream_error", FaultKind::stream_error, 0},
}};

// The index of a chaos key in kChaosFaults, or nullopt.
std::optional<std::size_t> chaos_index(std::string_view key) noexcept;

// How a slow_drip answer trickles (scripts' slow_drip too).
struct DripPace {
    std::size_t bytes = 16;                  // bytes per write, 1..65536
    std::chrono::milliseconds interval{50};  // pause between writes, 0..60000 ms
    friend bool operator==(const DripPace&, const DripPace&) = default;
};

struct ChaosProfile {
    // Probability [0,1] of each fault of kChaosFaults, by index.
    std::array<double, kChaosFaults.size()> rates{};
    // Sent as x-should-retry with every chaos status fault; absent: not sent.
    std::optional<bool> x_should_retry;
    DripPace drip;

    // The rate of a chaos key; the key must be in kChaosFaults.
    double& rate(std::string_view key);
    double rate(std::string_view key) const;
    // Whether any rate is above zero (the hot path skips the draws otherwise).
    bool active() const noexcept;

    friend bool operator==(const ChaosProfile&, const ChaosProfile&) = default;
};

// The fault the chaos layer applies to the occurrence-th request with this body. stream_error
// applies to streamed requests only: for others its draw is skipped (none).
FaultSpec decide_chaos(const ChaosProfile& chaos, std::uint64_t seed, std::uint64_t body_hash,
                       std::uint64_t occurrence, bool streamed) noexcept;

// The i-th independent uniform draw in [0,1) for one request (i = 0, 1, ...): the chaos layer
// uses draws 0..14, the latency model its own stream (see latency_model.hpp).
double request_draw(std::uint64_t seed, std::uint64_t body_hash, std::uint64_t occurrence,
                    std::size_t i) noexcept;

}  // namespace mock_llm
