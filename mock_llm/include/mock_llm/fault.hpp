#pragma once
// The seeded fault decision for one chat completion. Pure: the same (seed, body, occurrence)
// always gives the same answer, whatever the arrival order of other requests.

#include <cstdint>

namespace mock_llm {

enum class Fault { none, rate_limited, server_error };

// `occurrence` counts earlier requests with the same body (0 for the first), so a retry re-rolls.
// P(rate_limited) = rate_429; P(server_error) = (1 - rate_429) * rate_500.
Fault decide_fault(std::uint64_t seed, std::uint64_t body_hash, std::uint64_t occurrence,
                   double rate_429, double rate_500) noexcept;

}  // namespace mock_llm
